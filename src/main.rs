use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use carepath::cli::{self, Cli, Command, exit};
use carepath::store::config;
use carepath::store::library::source::Source;
use carepath::tui::{
    self,
    theme::{ColorDepth, Theme},
};

#[global_allocator]
static ALLOCATOR: carepath::alloc::Chosen = carepath::alloc::Chosen;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config_dir = config::config_dir();
    // The app, `diff --tui` and `check` of the library read the config; for
    // every other command (git's diff and merge drivers among them) a
    // problem with it is a warning, said once, and the command runs.
    let needs_config = match &cli.command {
        None => true,
        Some(Command::Diff { tui, .. }) => *tui,
        Some(Command::Check { paths, .. }) => paths.is_empty(),
        Some(_) => false,
    };
    let config = match config::load_config(config_dir.as_deref()) {
        Ok(c) => c,
        Err(e) if needs_config => return fail(&e),
        Err(e) => {
            eprintln!("carepath: warning: {e}");
            config::Config::default()
        }
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    match cli.command {
        Some(Command::Check { paths, format }) => {
            let paths = if paths.is_empty() {
                match Source::resolve(None, &cwd, &config) {
                    Ok(Source::Folder(p) | Source::File(p)) => vec![p],
                    Ok(Source::Builtin) => {
                        return fail(
                            "there is no ./pathways folder and no library in the config file: name the files or folders to check",
                        );
                    }
                    Err(e) => return fail(&e),
                }
            } else {
                paths
            };
            ExitCode::from(cli::check::run(&paths, format) as u8)
        }
        Some(Command::Compare {
            file,
            between,
            format,
        }) => {
            let between = between.map(|mut v| {
                let b = v.pop().unwrap_or_default();
                (v.pop().unwrap_or_default(), b)
            });
            ExitCode::from(cli::compare::run(&file, between, format) as u8)
        }
        Some(Command::Diff {
            files,
            base: true,
            format,
            ..
        }) => match files.as_slice() {
            [file] => ExitCode::from(cli::localise::diff_base(file, format) as u8),
            _ => fail("diff --base takes one file, a local version of a base"),
        },
        Some(Command::Diff { files, .. }) if files.len() == 7 => {
            // git's external diff: path old-file old-hex old-mode new-file new-hex new-mode.
            cli::output::say(&format!("carepath diff {}", files[0].display()));
            cli::diff::run(&files[1], &files[4], cli::Format::Text, false);
            ExitCode::SUCCESS
        }
        Some(Command::Diff { files, .. }) if files.len() != 2 => {
            fail("diff takes two files, OLD and NEW (or git's seven arguments)")
        }
        Some(Command::Diff {
            files,
            tui: true,
            theme,
            ..
        }) => {
            let (old, new) = (files[0].clone(), files[1].clone());
            let changes = match cli::diff::changes(&old, &new) {
                Ok(c) => c,
                Err(e) => return fail(&e),
            };
            let theme = match Theme::resolve(
                theme.as_deref().or(config.theme.as_deref()),
                config_dir.as_deref(),
                std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
                ColorDepth::from_env(),
            ) {
                Ok(t) => t,
                Err(e) => return fail(&e),
            };
            let diff = tui::app::DiffView {
                title: format!("{} → {}", old.display(), new.display()),
                changes,
                selected: 0,
            };
            // Beneath the changes, the library as `carepath` alone would open it.
            let source = match Source::resolve(None, &cwd, &config) {
                Ok(s) => s,
                Err(e) => return fail(&e),
            };
            let options = tui::Options {
                source,
                theme,
                mouse: config.mouse.unwrap_or(true),
                keys: match user_keys(&config, config_dir.as_deref()) {
                    Ok(k) => k,
                    Err(e) => return fail(&e),
                },
                today: today(),
                diff: Some(diff),
            };
            match tui::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&format!("the terminal stopped working: {e}")),
            }
        }
        Some(Command::Diff {
            files,
            format,
            ignore_layout,
            ..
        }) => ExitCode::from(cli::diff::run(&files[0], &files[1], format, ignore_layout) as u8),
        Some(Command::Merge {
            base,
            ours,
            theirs,
            label_ours,
            label_theirs,
        }) => ExitCode::from(
            cli::merge::run(&base, &ours, &theirs, (&label_ours, &label_theirs)) as u8,
        ),
        Some(Command::Set {
            file,
            key,
            value,
            wait,
        }) => {
            let wait = std::time::Duration::try_from_secs_f64(wait.max(0.0)).unwrap_or_default();
            ExitCode::from(cli::set::run(&file, &key, &value, wait) as u8)
        }
        Some(Command::Completions { shell }) => {
            ExitCode::from(cli::completions::completions(shell, &mut std::io::stdout()) as u8)
        }
        Some(Command::Man) => ExitCode::from(cli::completions::man(&mut std::io::stdout()) as u8),
        Some(Command::Verify {
            file,
            people,
            format,
        }) => ExitCode::from(cli::verify::run(&file, people.as_deref(), format) as u8),
        Some(Command::Init {
            library, remote, ..
        }) => match library_folder(library, &cwd, &config) {
            Ok(dir) => ExitCode::from(cli::sync::init(&dir, remote.as_deref()) as u8),
            Err(e) => fail(&e),
        },
        Some(Command::Sync { library }) => match library_folder(library, &cwd, &config) {
            Ok(dir) => ExitCode::from(cli::sync::run(&dir) as u8),
            Err(e) => fail(&e),
        },
        Some(Command::Localise { base, output }) => {
            ExitCode::from(cli::localise::localise(&base, &output) as u8)
        }
        Some(Command::Rebase { file }) => ExitCode::from(cli::localise::rebase(&file) as u8),
        Some(Command::Schema) => ExitCode::from(cli::schema::run() as u8),
        Some(Command::Export {
            path,
            format,
            output,
        }) => {
            let source = match Source::resolve(path.as_deref(), &cwd, &config) {
                Ok(s) => s,
                Err(e) => return fail(&e),
            };
            ExitCode::from(cli::export::run(&source, format, &output, today()) as u8)
        }
        Some(Command::Actions {
            library,
            due_before,
            who,
            all,
            format,
        }) => {
            let source = match Source::resolve(library.as_deref(), &cwd, &config) {
                Ok(s) => s,
                Err(e) => return fail(&e),
            };
            let filter = cli::actions::Filter {
                due_before,
                who,
                all,
            };
            ExitCode::from(cli::actions::run(&source, &filter, format, today()) as u8)
        }
        Some(Command::Measures { file, format }) => {
            ExitCode::from(cli::measures::run(&file, format) as u8)
        }
        Some(Command::Generate { dir, count }) => {
            let written = std::fs::create_dir_all(&dir)
                .and_then(|()| carepath::store::library::generate::write_library(&dir, count));
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&format!("{}: {e}", dir.display())),
            }
        }
        None => {
            let source = match Source::resolve(cli.path.as_deref(), &cwd, &config) {
                Ok(s) => s,
                Err(e) => return fail(&e),
            };
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let wanted = cli.theme.as_deref().or(config.theme.as_deref());
            let theme = match Theme::resolve(
                wanted,
                config_dir.as_deref(),
                no_color,
                ColorDepth::from_env(),
            ) {
                Ok(t) => t,
                Err(e) => return fail(&e),
            };
            let options = tui::Options {
                source,
                theme,
                mouse: config.mouse.unwrap_or(true),
                keys: match user_keys(&config, config_dir.as_deref()) {
                    Ok(k) => k,
                    Err(e) => return fail(&e),
                },
                today: today(),
                diff: None,
            };
            match tui::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&format!("the terminal stopped working: {e}")),
            }
        }
    }
}

/// The library folder named, else the one `carepath` alone would open.
fn library_folder(
    named: Option<PathBuf>,
    cwd: &std::path::Path,
    config: &config::Config,
) -> Result<PathBuf, String> {
    if let Some(dir) = named {
        return Ok(dir);
    }
    match Source::resolve(None, cwd, config)? {
        Source::Folder(dir) => Ok(dir),
        Source::File(file) => Ok(file
            .parent()
            .map_or_else(|| PathBuf::from("."), |d| d.to_path_buf())),
        Source::Builtin => Err(
            "there is no ./pathways folder and no library in the config file: name the library folder"
                .into(),
        ),
    }
}

/// The keys `config.yaml` gives actions, or what is wrong with them.
fn user_keys(
    config: &config::Config,
    dir: Option<&std::path::Path>,
) -> Result<tui::user_keys::UserKeys, String> {
    let keys = config
        .keys
        .iter()
        .map(|(action, keys)| (action.clone(), keys.keys()))
        .collect();
    tui::user_keys::UserKeys::parse(&keys).map_err(|e| match dir {
        Some(dir) => format!("{}: {e}", dir.join("config.yaml").display()),
        None => e,
    })
}

fn fail(message: &str) -> ExitCode {
    cli::output::say_err(&format!("carepath: {message}"));
    ExitCode::from(exit::COULD_NOT_RUN as u8)
}

/// The date that decides whether a review is overdue; `CAREPATH_TODAY`
/// fixes it for reproducible screens.
fn today() -> chrono::NaiveDate {
    std::env::var("CAREPATH_TODAY")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
