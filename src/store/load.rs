//! Reading one pathway file into the model.
//!
//! (being written)

use std::fmt;

/// One thing wrong with a file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The file as the user named it.
    pub file: String,
    /// 1-based; 0 when the problem is with the whole file.
    pub line: usize,
    /// 1-based; 0 when the problem is with the whole file.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

// Placeholder until the full loader lands: parse and validate without locations.
pub fn load_str(file: &str, text: &str) -> Result<crate::model::Pathway, Vec<Diagnostic>> {
    let diag = |message: String| Diagnostic {
        file: file.to_string(),
        line: 0,
        column: 0,
        message,
    };
    let p: crate::model::Pathway =
        serde_yaml::from_str(text).map_err(|e| vec![diag(e.to_string())])?;
    let problems = crate::model::validate(&p);
    if problems.is_empty() {
        Ok(p)
    } else {
        Err(problems.into_iter().map(|p| diag(p.message)).collect())
    }
}

pub fn load_file(path: &std::path::Path) -> Result<crate::model::Pathway, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![Diagnostic {
            file: name.clone(),
            line: 0,
            column: 0,
            message: e.to_string(),
        }]
    })?;
    load_str(&name, &text)
}
