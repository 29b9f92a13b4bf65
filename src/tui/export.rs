//! The export key (`E`): publish the library, or the open pathway, as a
//! web site into the folder named by `export:` in the config, and say
//! where. Deciding what to publish is pure ([`what`]); the writing is an
//! effect the runtime carries out ([`run`]).

use std::path::{Path, PathBuf};

use super::app::App;
use super::keys::Context;
use crate::store::library::source::Source;

/// What the key publishes here: on the library, the whole library; on a
/// pathway, that pathway's file as saved.
pub fn what(app: &mut App, ctx: Context) -> Option<Source> {
    if ctx == Context::Library {
        return Some(match (&app.folder, app.entries.as_slice()) {
            (Some(dir), _) => Source::Folder(dir.clone()),
            (None, [only]) if only.path.is_some() => Source::File(only.path.clone()?),
            _ if app.read_only => Source::Builtin,
            _ => {
                app.message = Some("There is no library folder to export.".into());
                return None;
            }
        });
    }
    let state = app.pathway.as_ref()?;
    let entry = app.entries.get(state.entry)?;
    match &entry.path {
        Some(path) => Some(Source::File(path.clone())),
        None => Some(Source::Builtin),
    }
}

/// The folder an export goes to: the configured one, else
/// `carepath-export` in `cwd`.
pub fn folder(configured: Option<&Path>, cwd: &Path) -> PathBuf {
    match configured {
        Some(dir) if dir.is_absolute() => dir.to_path_buf(),
        Some(dir) => cwd.join(dir),
        None => cwd.join("carepath-export"),
    }
}

/// Writes the site; what to tell the user.
pub fn run(source: &Source, today: chrono::NaiveDate) -> String {
    let config = crate::store::config::load_config(crate::store::config::config_dir().as_deref());
    let configured = config.as_ref().ok().and_then(|c| c.export.clone());
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let dir = folder(configured.as_deref(), &cwd);
    match crate::export::to_folder(source, crate::export::Format::Html, &dir, today) {
        Ok(w) => {
            let hint = if configured.is_none() {
                " (set export: in config.yaml to choose the folder)"
            } else {
                ""
            };
            format!(
                "Exported {} pathway{} as a web site: open {}{hint}",
                w.pathways,
                if w.pathways == 1 { "" } else { "s" },
                w.start.unwrap_or(w.dir).display()
            )
        }
        Err(e) => format!("Export failed: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_the_configured_one_else_one_beside_the_user() {
        let cwd = Path::new("/home/ann");
        assert_eq!(
            folder(Some(Path::new("/srv/site")), cwd),
            PathBuf::from("/srv/site")
        );
        assert_eq!(
            folder(Some(Path::new("site")), cwd),
            PathBuf::from("/home/ann/site")
        );
        assert_eq!(
            folder(None, cwd),
            PathBuf::from("/home/ann/carepath-export")
        );
    }
}
