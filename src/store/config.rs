//! The user's configuration: `config.yaml` in the config dir
//! (`~/.config/carepath/` on Linux), and their own themes beside it.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Set in tests (and by people who keep several set-ups) to use another
/// config dir than the platform's.
pub const CONFIG_DIR_ENV: &str = "CAREPATH_CONFIG_DIR";

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The library folder to open when none is named and `./pathways` is absent.
    pub library: Option<PathBuf>,
    /// A theme name: built in, or a file in `themes/` of the config dir.
    pub theme: Option<String>,
    /// Whether the mouse is captured at start (wheel and click work, but the
    /// terminal's own text selection needs Shift). Default: on.
    pub mouse: Option<bool>,
    /// Where shared bases live, by a name local versions use in
    /// `based_on.path` (`region:discharge.yaml`), so the pathway names no
    /// machine's folders.
    #[serde(default)]
    pub bases: indexmap::IndexMap<String, PathBuf>,
    /// Where the app's export key writes the web site (default:
    /// `carepath-export` in the folder carepath was started in).
    pub export: Option<PathBuf>,
    /// The user's own keys for actions: `save: ctrl-s`, or a list.
    #[serde(default)]
    pub keys: indexmap::IndexMap<String, KeyList>,
}

/// One key or several, as `config.yaml` gives them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Several(Vec<String>),
}

impl KeyList {
    pub fn keys(&self) -> Vec<String> {
        match self {
            KeyList::One(k) => vec![k.clone()],
            KeyList::Several(k) => k.clone(),
        }
    }
}

/// Where carepath's config lives, if the platform has such a place.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "carepath").map(|d| d.config_dir().to_path_buf())
}

/// Reads `config.yaml` from `dir`. A missing file means defaults; a malformed
/// one is an error that names the file, the line and what is wrong.
pub fn load_config(dir: Option<&Path>) -> Result<Config, String> {
    let Some(dir) = dir else {
        return Ok(Config::default());
    };
    let path = dir.join("config.yaml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => {
            return Err(format!(
                "{}: cannot read the config file: {e}",
                path.display()
            ));
        }
    };
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    serde_yaml::from_str(&text).map_err(|e| {
        let place = e
            .location()
            .map(|l| format!(":{}:{}", l.line(), l.column()))
            .unwrap_or_default();
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg);
        format!(
            "{}{place}: the config file is not valid: {}",
            path.display(),
            config_problem(msg)
        )
    })
}

/// The keys `config.yaml` may hold.
const KEYS: [&str; 6] = ["library", "theme", "mouse", "bases", "export", "keys"];

/// serde's complaint in the words the rest of carepath uses, naming the
/// allowed keys once.
fn config_problem(msg: &str) -> String {
    let allowed: Vec<String> = KEYS.iter().map(ToString::to_string).collect();
    let Some(rest) = msg.strip_prefix("unknown field `") else {
        return format!("{msg} (keys allowed: {})", KEYS.join(", "));
    };
    let key = rest.split('`').next().unwrap_or(rest);
    let guess = super::read::messages::closest(key, &allowed)
        .map(|k| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default();
    format!(
        "unknown key `{key}`{guess}; keys allowed: {}",
        KEYS.join(", ")
    )
}

/// The text of the user's own theme `name`, if they have one.
pub fn user_theme_text(dir: Option<&Path>, name: &str) -> Option<Result<String, String>> {
    let path = dir?.join("themes").join(format!("{name}.yaml"));
    match std::fs::read_to_string(&path) {
        Ok(t) => Some(Ok(t)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => Some(Err(format!("{}: {e}", path.display()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_config_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load_config(Some(dir.path())).unwrap(), Config::default());
        assert_eq!(load_config(None).unwrap(), Config::default());
    }

    #[test]
    fn config_sets_library_theme_and_mouse() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.yaml"),
            "library: /srv/pathways\ntheme: light\nmouse: false\n",
        )
        .unwrap();
        let c = load_config(Some(dir.path())).unwrap();
        assert_eq!(c.library.as_deref(), Some(Path::new("/srv/pathways")));
        assert_eq!(c.theme.as_deref(), Some("light"));
        assert_eq!(c.mouse, Some(false));
    }

    #[test]
    fn config_sets_the_export_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.yaml"),
            "export: /srv/www/pathways\n",
        )
        .unwrap();
        let c = load_config(Some(dir.path())).unwrap();
        assert_eq!(c.export.as_deref(), Some(Path::new("/srv/www/pathways")));
    }

    #[test]
    fn malformed_config_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.yaml"), "theme: light\nlibary: x\n").unwrap();
        let e = load_config(Some(dir.path())).unwrap_err();
        assert!(e.contains("config.yaml:2:1"), "{e}");
        assert!(e.contains("libary"), "{e}");
        assert!(e.contains("did you mean `library`?"), "{e}");
        assert_eq!(
            e.matches("theme").count(),
            1,
            "the keys are named once: {e}"
        );
    }
}
