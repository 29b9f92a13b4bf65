//! `carepath completions SHELL` and `carepath man`: what shells and `man`
//! need, made from the same definition of the command line as `--help`, so
//! they never fall behind it.

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, exit};

/// Writes the completion script for `shell` to `out`. The script is made
/// in memory first: a closed pipe (`| head`) is then an error said, not a
/// panic.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> i32 {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "carepath", &mut script);
    match out.write_all(&script).and_then(|()| out.flush()) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("carepath completions: {e}");
            exit::COULD_NOT_RUN
        }
    }
}

/// Writes the man page to `out`: carepath's own page, then a section for
/// each subcommand with its arguments, so one `man carepath` says it all.
pub fn man(out: &mut dyn Write) -> i32 {
    match write_man(out).and_then(|()| out.flush()) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("carepath man: {e}");
            exit::COULD_NOT_RUN
        }
    }
}

fn write_man(out: &mut dyn Write) -> std::io::Result<()> {
    let command = Cli::command();
    clap_mangen::Man::new(command.clone()).render(out)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        writeln!(out, ".SH \"CAREPATH {}\"", sub.get_name().to_uppercase())?;
        let about = sub.get_long_about().or(sub.get_about());
        if let Some(about) = about {
            writeln!(out, "{}", roff_text(&about.to_string()))?;
        }
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            let name = match (arg.get_long(), arg.get_value_names()) {
                (Some(long), _) => format!("\\fB\\-\\-{}\\fR", roff_text(long)),
                (None, Some(names)) => names
                    .iter()
                    .map(|n| format!("\\fI{}\\fR", roff_text(n)))
                    .collect::<Vec<_>>()
                    .join(" "),
                (None, None) => format!("\\fI{}\\fR", arg.get_id().as_str().to_uppercase()),
            };
            writeln!(out, ".TP\n{name}")?;
            if let Some(help) = arg.get_long_help().or(arg.get_help()) {
                writeln!(out, "{}", roff_text(&help.to_string()))?;
            }
        }
    }
    Ok(())
}

/// Text as roff reads it literally: backslashes and hyphens escaped, and
/// no line starting with a control character.
fn roff_text(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.replace('\\', "\\e").replace('-', "\\-");
            if line.starts_with(['.', '\'']) {
                format!("\\&{line}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
