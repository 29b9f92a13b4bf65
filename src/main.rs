use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use carepath::cli::{self, Cli, Command, exit};
use carepath::store::config::{self, Config};
use carepath::store::source::Source;
use carepath::tui::{
    self,
    theme::{ColorDepth, DEFAULT_THEME, Theme},
};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config_dir = config::config_dir();
    let config = match config::load_config(config_dir.as_deref()) {
        Ok(c) => c,
        Err(e) => return fail(&e),
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
        Some(Command::Generate { dir, count }) => {
            let written = std::fs::create_dir_all(&dir)
                .and_then(|()| carepath::store::generate::write_library(&dir, count));
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
            let theme = match resolve_theme(cli.theme.as_deref(), &config, config_dir.as_deref()) {
                Ok(t) => t,
                Err(e) => return fail(&e),
            };
            let options = tui::Options {
                source,
                theme,
                mouse: config.mouse.unwrap_or(true),
                today: today(),
            };
            match tui::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&format!("the terminal stopped working: {e}")),
            }
        }
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("carepath: {message}");
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

/// `NO_COLOR` wins; then `--theme`, the config file, and the default. A
/// user's own theme of the same name replaces the built-in one.
fn resolve_theme(arg: Option<&str>, config: &Config, dir: Option<&Path>) -> Result<Theme, String> {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return Ok(Theme::monochrome());
    }
    let name = arg.or(config.theme.as_deref()).unwrap_or(DEFAULT_THEME);
    let depth = ColorDepth::from_env();
    let (origin, text) = match config::user_theme_text(dir, name) {
        Some(Ok(text)) => (format!("your theme file {name}.yaml"), text),
        Some(Err(e)) => return Err(e),
        None => match Theme::builtin_text(name) {
            Some(text) => (format!("the built-in theme {name}"), text.to_string()),
            None => {
                return Err(format!(
                    "there is no theme called \"{name}\"; themes: {}",
                    Theme::builtin_names().join(", ")
                ));
            }
        },
    };
    Theme::parse(&text, depth).map_err(|e| format!("{origin}: {e}"))
}
