//! A new pathway from a short template: enough to open, with comments that
//! say what to fill in first (who takes part, and each one's analysis of
//! the problem, before any steps).

use std::path::{Path, PathBuf};

use crate::model::is_slug;
use crate::store::read::load::load_str;

fn quoted(text: &str) -> String {
    serde_yaml::to_string(text)
        .unwrap_or_default()
        .trim_end()
        .to_string()
}

/// The text of a new pathway file.
pub fn text(id: &str, title: &str) -> String {
    format!(
        "# {title_comment}\n\
         # Start with who takes part and each participant's own analysis of the\n\
         # problem; design the steps once everyone has seen where you differ.\n\
         carepath: 1\n\
         id: {id}\n\
         title: {title}\n\
         status: draft\n\
         participants:\n  \
           - id: our-team\n    \
             name: Our team\n    \
             kind: other\n\
         principles:\n  \
           - Everybody counts\n  \
           - Conflict can be healthy\n\
         problem: What is the problem, in one sentence?\n\
         analyses:\n  \
           our-team:\n    \
             causes:\n      \
               - text: What do we think causes it?\n\
         steps:\n  \
           - id: first-step\n    \
             title: The first step\n    \
             owner: our-team\n",
        title_comment = crate::text::clean(title),
        title = quoted(title),
    )
}

/// Writes a new pathway `id` titled `title` into `folder`, never over an
/// existing file, and returns its path.
pub fn create(folder: &Path, id: &str, title: &str) -> Result<PathBuf, String> {
    create_text(folder, id, title).map(|(path, _)| path)
}

/// [`create`], also giving the text written.
pub fn create_text(folder: &Path, id: &str, title: &str) -> Result<(PathBuf, String), String> {
    if !is_slug(id) {
        return Err(format!(
            "\"{id}\" cannot be an id: use lower-case letters, digits and hyphens, like hospital-discharge"
        ));
    }
    if title.trim().is_empty() {
        return Err("a pathway needs a title".into());
    }
    let path = folder.join(format!("{id}.yaml"));
    if path.exists() {
        return Err(format!("there is already a pathway file {id}.yaml"));
    }
    let text = text(id, title.trim());
    load_str(&path.display().to_string(), &text)
        .map_err(|d| format!("the template did not load: {:?}", d.first()))?;
    // Readable and writable by the library's group, as the umask allows:
    // a new pathway is for everyone in the workshop.
    let library = crate::store::safe_open::Folder::open(folder)
        .map_err(|e| crate::store::shared::explain(folder, "open the library", &e))?;
    crate::store::shared::write(&library, &format!("{id}.yaml"), text.as_bytes())?;
    Ok((path, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::read::load::load_file;

    #[test]
    fn a_new_pathway_loads_and_keeps_its_title_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let path = create(
            dir.path(),
            "falls-at-home",
            "Falls at home: who calls whom?",
        )
        .unwrap();
        let p = load_file(&path).unwrap();
        assert_eq!(p.title, "Falls at home: who calls whom?");
        assert_eq!(p.status.as_str(), "draft");
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .starts_with("# Falls at home: who calls whom?\n")
        );
    }

    #[test]
    fn nothing_is_overwritten_and_bad_ids_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        create(dir.path(), "a", "A").unwrap();
        assert!(
            create(dir.path(), "a", "Again")
                .unwrap_err()
                .contains("already")
        );
        assert!(
            create(dir.path(), "Not An Id", "X")
                .unwrap_err()
                .contains("cannot be an id")
        );
        assert_eq!(load_file(&dir.path().join("a.yaml")).unwrap().title, "A");
    }
}
