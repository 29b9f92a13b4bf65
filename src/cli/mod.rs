//! The command line: `carepath [DIR|FILE]` opens the app; subcommands work
//! on files for scripts and CI. Nothing here touches the terminal screen.

pub mod actions;
pub mod check;
pub mod compare;
pub mod completions;
pub mod diff;
pub mod export;
pub mod localise;
pub mod measures;
pub mod merge;
pub mod output;
pub mod schema;
pub mod set;
pub mod sync;
pub mod verify;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "carepath",
    version,
    about = "Co-design local care pathways: each organisation's analysis side by side",
    long_about = None,
)]
pub struct Cli {
    /// A library folder of *.yaml pathways, or one pathway file.
    /// Default: ./pathways, else the configured library, else the built-in examples.
    pub path: Option<PathBuf>,

    /// Colour theme: dark, light, high-contrast, monochrome, or one of yours.
    #[arg(long)]
    pub theme: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate pathway files; exit 0 clean, 1 problems found, 2 could not run.
    Check {
        /// Files or folders to check (default: the library).
        paths: Vec<PathBuf>,
        /// text for people, json for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Participants' analyses side by side: where they agree, differ, and
    /// what only one side sees. Without --between, every participant at once.
    Compare {
        /// The pathway file whose analyses to compare.
        file: PathBuf,
        /// The two participants to compare, by id.
        #[arg(long, num_args = 2, value_names = ["A", "B"])]
        between: Option<Vec<String>>,
        /// text for people, json for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The structural difference between two versions of a pathway.
    /// Exit 0 when no content differs, 1 when it does, 2 on error. Given
    /// git's seven arguments (as `diff.carepath.command`), it shows the
    /// change for git and always exits 0.
    Diff {
        /// OLD NEW, or git's: path old-file old-hex old-mode new-file new-hex new-mode;
        /// with --base, one local version.
        #[arg(num_args = 1..=7, required = true, value_names = ["OLD", "NEW"])]
        files: Vec<PathBuf>,
        /// What this place changed from the base FILE is a local version of.
        #[arg(long)]
        base: bool,
        /// text for people, json for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Say nothing about changes of layout or comments alone.
        #[arg(long)]
        ignore_layout: bool,
        /// Show the changes in the app, over the library.
        #[arg(long)]
        tui: bool,
        /// With --tui: colour theme (dark, light, high-contrast, monochrome, or one of yours).
        #[arg(long, requires = "tui")]
        theme: Option<String>,
    },
    /// Three-way merge written into OURS (git's merge driver: %O %A %B).
    /// Exit 0 merged, 1 where conflicts remain, 2 on error.
    Merge {
        /// The version both sides started from (git's %O).
        base: PathBuf,
        /// Our version (git's %A); the merge is written into this file.
        ours: PathBuf,
        /// Their version (git's %B).
        theirs: PathBuf,
        /// What to call OURS in the conflict record, e.g. a branch name.
        #[arg(long, default_value = "ours")]
        label_ours: String,
        /// What to call THEIRS in the conflict record.
        #[arg(long, default_value = "theirs")]
        label_theirs: String,
    },
    /// Change one value, keeping the file's comments and layout:
    /// `title`, `steps.plan-early.title`, `analyses.oakview.causes.meds-late.weight`.
    Set {
        /// The pathway file to change.
        file: PathBuf,
        /// Dotted path; list items by their id, or by number where they have none.
        key: String,
        /// The new value, as you would write it in the file: text, a date
        /// (2027-05-01), a choice such as `high`; one starting with `-` is
        /// taken as it is.
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// How long to wait for another save of the same file, in seconds;
        /// then give up with exit 2.
        #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
        wait: f64,
    },
    /// Each sign-off: valid, stale (for an earlier version) or forged, with
    /// who and why. Exit 0 all valid, 1 otherwise, 2 could not run.
    Verify {
        file: PathBuf,
        /// The people file whose keys to check with (default: people.yaml
        /// beside FILE, trusted only if the library's owner keeps it).
        #[arg(long)]
        people: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Make a library a git repository: .gitignore, carepath as the merge
    /// and diff driver, a first commit.
    Init {
        /// The library folder (default: the library).
        library: Option<PathBuf>,
        /// Keep the library in git (the only kind of init there is).
        #[arg(long, required = true)]
        git: bool,
        /// The shared repository to sync with, e.g. server:/srv/pathways.git.
        #[arg(long)]
        remote: Option<String>,
    },
    /// Commit what is saved, take others' changes (merged by carepath) and
    /// send this library's. Exit 0 synced, 1 when conflicts wait for a
    /// decision (nothing sent), 2 on error.
    Sync {
        /// The library folder (default: the library).
        library: Option<PathBuf>,
    },
    /// Start FILE as this place's local version of the shared pathway BASE.
    Localise {
        base: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Take the base's new version into a local version, keeping every
    /// local change. Exit 0 merged, 1 where conflicts remain, 2 on error.
    Rebase { file: PathBuf },
    /// The JSON Schema of the pathway format, for editors' YAML language servers.
    Schema,
    /// Publish pathways: a static web site, Markdown, Mermaid flowcharts or
    /// FHIR R4 PlanDefinitions, written into DIR.
    Export {
        /// A library folder or one pathway file (default: as for the app).
        path: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = export::ExportFormat::Html)]
        format: export::ExportFormat,
        /// The folder to write into (created if missing).
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: PathBuf,
    },
    /// Write a synthetic library of COUNT pathways into DIR, for benchmarks.
    #[command(hide = true)]
    Generate {
        /// The folder to write into (made if missing).
        dir: PathBuf,
        /// How many pathways to write.
        #[arg(long, default_value_t = 2000)]
        count: usize,
    },
    /// Print a shell completion script: `carepath completions bash >
    /// ~/.local/share/bash-completion/completions/carepath`.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print carepath's man page (roff): `carepath man > carepath.1`.
    Man,
    /// Who does what by when, across the library: open actions, soonest
    /// first, overdue ones marked.
    Actions {
        /// A library folder or one pathway file (default: as for the app).
        library: Option<PathBuf>,
        /// Only actions due before this day (2026-12-31).
        #[arg(long, value_name = "DATE")]
        due_before: Option<chrono::NaiveDate>,
        /// Only actions owned by this participant (id), or done by this person.
        #[arg(long, value_name = "PARTICIPANT")]
        who: Option<String>,
        /// Done and dropped actions too.
        #[arg(long)]
        all: bool,
        /// text for people, json for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Each measure's recorded values as a run chart reads them: the median
    /// and the signals (shift, trend, beyond the target) with their dates.
    Measures {
        /// The pathway file.
        file: PathBuf,
        /// text for people, json for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Exit codes shared by every subcommand.
pub mod exit {
    pub const OK: i32 = 0;
    pub const PROBLEMS: i32 = 1;
    pub const COULD_NOT_RUN: i32 = 2;
}
