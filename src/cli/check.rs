//! `carepath check`: validate pathway files. (placeholder)

use std::path::PathBuf;

use super::Format;

pub fn run(_paths: &[PathBuf], _format: Format) -> i32 {
    super::exit::COULD_NOT_RUN
}
