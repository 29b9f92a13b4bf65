//! The command line: `carepath [DIR|FILE]` opens the app; subcommands work
//! on files for scripts and CI. Nothing here touches the terminal screen.

pub mod check;
pub mod compare;
pub mod diff;
pub mod merge;
pub mod output;
pub mod set;

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
    #[arg(long, global = true)]
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
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Participants' analyses side by side: where they agree, differ, and
    /// what only one side sees. Without --between, every participant at once.
    Compare {
        file: PathBuf,
        /// The two participants to compare, by id.
        #[arg(long, num_args = 2, value_names = ["A", "B"])]
        between: Option<Vec<String>>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The structural difference between two versions of a pathway.
    /// Exit 0 when no content differs, 1 when it does, 2 on error. Given
    /// git's seven arguments (as `diff.carepath.command`), it shows the
    /// change for git and always exits 0.
    Diff {
        /// OLD NEW, or git's: path old-file old-hex old-mode new-file new-hex new-mode.
        #[arg(num_args = 2..=7, required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Say nothing about changes of layout or comments alone.
        #[arg(long)]
        ignore_layout: bool,
        /// Show the changes in the app, over the library.
        #[arg(long)]
        tui: bool,
    },
    /// Three-way merge written into OURS (git's merge driver: %O %A %B).
    /// Exit 0 merged, 1 where conflicts remain, 2 on error.
    Merge {
        base: PathBuf,
        ours: PathBuf,
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
        file: PathBuf,
        /// Dotted path; list items by their id, or by number where they have none.
        key: String,
        /// The new value; one starting with `-` is taken as it is.
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// How long to wait for another save of the same file, in seconds;
        /// then give up with exit 2.
        #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
        wait: f64,
    },
    /// Write a synthetic library of COUNT pathways into DIR, for benchmarks.
    #[command(hide = true)]
    Generate {
        dir: PathBuf,
        #[arg(long, default_value_t = 2000)]
        count: usize,
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
