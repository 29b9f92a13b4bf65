//! The keys a user gives actions in `config.yaml`:
//!
//! ```yaml
//! keys:
//!   save: ctrl-s
//!   compare: [c, F5]
//! ```
//!
//! An action named here takes exactly these keys on every screen that has
//! it, and the status bar and help show them. A key taken this way leaves
//! any other action of the same screen that had it, so what is shown is
//! always what works. The key tables themselves stay in [`super::keys`];
//! this is the layer over them.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crossterm::event::KeyCode;
use strum::IntoEnumIterator;

use super::keys::{Action, Binding, Context, Key};

/// The user's keys, by action.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserKeys {
    by_action: Vec<(Action, &'static [Key], &'static str)>,
}

static CHOSEN: OnceLock<UserKeys> = OnceLock::new();

/// Makes `keys` the ones every screen uses, for the rest of the process.
/// The app sets them once, at its start.
pub fn choose(keys: UserKeys) {
    let _ = CHOSEN.set(keys);
}

/// The keys chosen at the start, if any.
pub fn chosen() -> Option<&'static UserKeys> {
    CHOSEN.get().filter(|k| !k.by_action.is_empty())
}

impl UserKeys {
    /// Reads the `keys:` of `config.yaml`: action name → one key or a list.
    /// A name carepath does not know, or a key it cannot read, is an error
    /// in words that list what is allowed.
    pub fn parse(config: &indexmap::IndexMap<String, Vec<String>>) -> Result<UserKeys, String> {
        let names = names();
        let mut by_action = Vec::new();
        for (name, keys) in config {
            let Some(&action) = names.get(name.as_str()) else {
                return Err(format!(
                    "keys: {} is not an action carepath knows; the actions are: {}",
                    crate::text::clean(name),
                    names.keys().copied().collect::<Vec<_>>().join(", ")
                ));
            };
            if keys.is_empty() {
                return Err(format!(
                    "keys: {name} has no key; give one, such as {name}: x"
                ));
            }
            let parsed = keys
                .iter()
                .map(|k| {
                    key(k).ok_or_else(|| {
                        format!(
                            "keys: {name}: {} is not a key carepath can read; write a letter (w), ctrl-LETTER, F1 to F12, or one of enter, esc, tab, space, backspace, delete, up, down, left, right, home, end, pgup, pgdn",
                            crate::text::clean(k)
                        )
                    })
                })
                .collect::<Result<Vec<Key>, String>>()?;
            let label = keys.iter().map(|k| shown(k)).collect::<Vec<_>>().join("/");
            // Leaked once, at start: the key tables are static data.
            by_action.push((
                action,
                &*Box::leak(parsed.into_boxed_slice()),
                &*Box::leak(label.into_boxed_str()),
            ));
        }
        Ok(UserKeys { by_action })
    }

    /// `bindings` with the user's keys: an action they named takes their
    /// keys, and loses none to others; any other binding of the screen
    /// gives up the keys the user took (and goes, if it has none left).
    pub fn apply(&self, bindings: Vec<Binding>) -> Vec<Binding> {
        let taken: Vec<Key> = bindings
            .iter()
            .filter_map(|b| self.keys_of(b.action))
            .flat_map(|(keys, _)| keys.iter().copied())
            .collect();
        let mut out = Vec::with_capacity(bindings.len());
        for mut b in bindings {
            if let Some((keys, label)) = self.keys_of(b.action) {
                b.keys = keys;
                b.label = label;
            } else if b.keys.iter().any(|k| taken.contains(k)) {
                let left: Vec<Key> = b
                    .keys
                    .iter()
                    .copied()
                    .filter(|k| !taken.contains(k))
                    .collect();
                if left.is_empty() {
                    continue;
                }
                let label = left
                    .iter()
                    .map(|k| label_of(*k))
                    .collect::<Vec<_>>()
                    .join("/");
                b.keys = Box::leak(left.into_boxed_slice());
                b.label = Box::leak(label.into_boxed_str());
            }
            out.push(b);
        }
        out
    }

    fn keys_of(&self, action: Action) -> Option<(&'static [Key], &'static str)> {
        self.by_action
            .iter()
            .find(|(a, _, _)| *a == action)
            .map(|(_, k, l)| (*k, *l))
    }
}

/// Every action a user may give keys, by its name in `config.yaml`: the
/// actions of the key tables that stand alone (the grouped ones, such as
/// up/down and the section digits, keep their keys).
fn names() -> BTreeMap<&'static str, Action> {
    let mut names = BTreeMap::new();
    for ctx in Context::iter() {
        for b in super::keys::bindings_as_built(ctx) {
            if grouped(b.action) {
                continue;
            }
            names.insert(b.action.into(), b.action);
        }
    }
    names
}

fn grouped(action: Action) -> bool {
    matches!(
        action,
        Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::NextMatch
            | Action::PrevMatch
            | Action::Tab(_)
    )
}

/// A key as written in `config.yaml`.
fn key(text: &str) -> Option<Key> {
    let t = text.trim();
    if let Some(c) = t
        .strip_prefix("ctrl-")
        .or_else(|| t.strip_prefix("Ctrl-"))
        .or_else(|| t.strip_prefix("C-"))
    {
        let mut chars = c.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_alphabetic() => Some(Key::Ctrl(c.to_ascii_lowercase())),
            _ => None,
        };
    }
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return (!c.is_control()).then_some(Key::Char(c));
    }
    let code = match t.to_ascii_lowercase().as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "space" => return Some(Key::Char(' ')),
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        f => KeyCode::F(
            f.strip_prefix('f')?
                .parse()
                .ok()
                .filter(|n| (1..=12).contains(n))?,
        ),
    };
    Some(Key::Code(code))
}

/// How a key the user wrote is shown on screen.
fn shown(text: &str) -> String {
    key(text).map(label_of).unwrap_or_default()
}

/// How a key is shown on screen: `w`, `Ctrl-s`, `F5`, `Enter`.
fn label_of(key: Key) -> String {
    match key {
        Key::Char(' ') => "Space".into(),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => format!("Ctrl-{c}"),
        Key::Code(KeyCode::F(n)) => format!("F{n}"),
        Key::Code(KeyCode::PageUp) => "PgUp".into(),
        Key::Code(KeyCode::PageDown) => "PgDn".into(),
        Key::Code(code) => format!("{code:?}"),
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyEvent, KeyModifiers};

    use super::*;

    fn config(pairs: &[(&str, &[&str])]) -> indexmap::IndexMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(a, k)| (a.to_string(), k.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    fn find(bindings: &[Binding], ev: &KeyEvent) -> Option<Action> {
        super::super::keys::action_in(bindings, ev)
    }

    #[test]
    fn a_chosen_key_does_the_action_and_is_shown() {
        let user = UserKeys::parse(&config(&[("save", &["ctrl-s", "F2"])])).unwrap();
        let form = user.apply(super::super::keys::bindings_as_built(Context::Form));
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(find(&form, &ctrl_s), Some(Action::Save));
        assert_eq!(
            find(&form, &KeyEvent::from(KeyCode::F(2))),
            Some(Action::Save)
        );
        // The old key no longer saves.
        assert_ne!(
            find(&form, &KeyEvent::from(KeyCode::Char('w'))),
            Some(Action::Save)
        );
        let save = form.iter().find(|b| b.action == Action::Save).unwrap();
        assert_eq!(save.label, "Ctrl-s/F2");
    }

    #[test]
    fn a_key_taken_from_another_action_leaves_it_and_its_label() {
        // q quits everywhere; given to compare, quitting keeps Ctrl-c.
        let user = UserKeys::parse(&config(&[("compare", &["q"])])).unwrap();
        let pathway = user.apply(super::super::keys::bindings_as_built(Context::Pathway));
        assert_eq!(
            find(&pathway, &KeyEvent::from(KeyCode::Char('q'))),
            Some(Action::Compare)
        );
        let quit = pathway.iter().find(|b| b.action == Action::Quit).unwrap();
        assert_eq!(quit.label, "Ctrl-c");
    }

    #[test]
    fn unknown_names_and_keys_are_said_in_words() {
        let e = UserKeys::parse(&config(&[("sav", &["x"])])).unwrap_err();
        assert!(e.contains("sav is not an action carepath knows"), "{e}");
        assert!(e.contains("save"), "{e}");
        let e = UserKeys::parse(&config(&[("save", &["hyper-x"])])).unwrap_err();
        assert!(e.contains("hyper-x is not a key carepath can read"), "{e}");
        let e = UserKeys::parse(&config(&[("up", &["x"])])).unwrap_err();
        assert!(e.contains("up is not an action"), "{e}");
    }
}
