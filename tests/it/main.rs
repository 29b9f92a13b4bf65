//! The integration tests, as one executable: one module per area, so a
//! change relinks one binary rather than one per file.

mod common;
mod harness;
#[path = "../tools/python.rs"]
mod python;

mod agenda;
mod authoring;
mod authoring_update;
mod browser;
mod check;
mod compare;
mod compare_cli;
mod concurrent;
mod diff;
mod e2e;
mod edit;
mod examples;
mod export;
mod export_key;
mod first_hour;
mod formats;
mod fuzz_loader;
mod git;
mod git_hostile;
mod hostile;
mod layering;
mod library_scan;
mod loader;
mod localise;
mod meeting;
mod meeting_cli;
mod meeting_format;
mod merge;
mod merge_app;
mod merge_props;
mod monkey;
mod one_door;
mod opening;
mod permissions;
mod plain_words;
mod quiet;
mod runchart;
mod schema;
mod screens;
mod signoff;
mod suggestions;
mod sync;
mod sync_app;
mod together;
mod update;
mod voices;
mod workshop;
mod workshop_model;
