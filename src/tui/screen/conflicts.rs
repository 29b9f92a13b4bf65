//! The conflicts of a merge that did not finish, on their screen: each
//! with the value before both changes, ours and theirs; `o` keeps ours,
//! `t` takes theirs, Enter types the value; Ctrl-s writes the decisions
//! and saves ([`crate::tui::conflicts`]). Values are shown whole, wrapped,
//! and scrolled with PgUp/PgDn.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Outcome, Regions, Scope, Screen};
use crate::merge::record;
use crate::tui::app::{App, Areas, Input};
use crate::tui::conflicts::{item_place, text_of};
use crate::tui::keys::{self, Action, Binding, Char, Code, Context, Ctrl, b};
use crate::tui::update::move_in;
use crate::tui::view::doc::truncate;

/// Lines PgUp and PgDn scroll a long value by.
const PAGE: u16 = 5;

/// How one conflict of a merge was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Ours,
    Theirs,
    /// A value typed by the user.
    Value(String),
}

/// The conflicts of a merge that did not finish, and what was decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflicts {
    pub list: Vec<crate::merge::Conflict>,
    pub decided: Vec<Option<Decision>>,
    pub selected: usize,
    /// Typing a value for the selected conflict.
    pub input: Option<Input>,
    /// Whose version "theirs" is, in words ("Dr Jones's version (saved
    /// 10:42)"), when the history knows the save.
    pub theirs_by: Option<String>,
    /// Lines scrolled down from the selected conflict, to read long values.
    pub scroll: u16,
}

/// What was decided of a merge's conflicts, kept while the pathway is open.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    list: Vec<crate::merge::Conflict>,
    decided: Vec<Option<Decision>>,
}

impl Conflicts {
    /// The conflicts of `list`, with what was decided of these same
    /// conflicts before the screen was last closed.
    pub fn reopened(list: Vec<crate::merge::Conflict>, kept: Option<Decided>) -> Conflicts {
        let mut screen = Conflicts::new(list);
        if let Some(kept) = kept.filter(|k| k.list == screen.list) {
            screen.decided = kept.decided;
        }
        screen
    }

    /// The conflicts of `list`, none decided yet.
    pub fn new(list: Vec<crate::merge::Conflict>) -> Conflicts {
        Conflicts {
            decided: vec![None; list.len()],
            list,
            selected: 0,
            input: None,
            theirs_by: None,
            scroll: 0,
        }
    }
}

/// Deciding the conflicts. While a value is typed the keys are those of
/// any line being typed ([`Context::Input`]).
pub const KEYS: [Binding; 7] = [
    b(&[Char('o')], "o", Action::KeepOurs, "keep ours", "ours"),
    b(
        &[Char('t')],
        "t",
        Action::TakeTheirs,
        "take theirs",
        "theirs",
    ),
    b(
        &[Code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "type the value yourself",
        "edit",
    ),
    b(
        &[Code(KeyCode::Up), Char('k'), Code(KeyCode::Down), Char('j')],
        "↑↓/jk",
        Action::Up,
        "choose a conflict",
        "",
    ),
    b(
        &[Ctrl('s')],
        "Ctrl-s",
        Action::Save,
        "when all are decided: write them and save",
        "save",
    ),
    b(
        &[Code(KeyCode::PageUp), Code(KeyCode::PageDown)],
        "PgUp/PgDn",
        Action::PageUp,
        "scroll a long value",
        "scroll",
    ),
    b(
        &[Code(KeyCode::Esc)],
        "Esc",
        Action::Back,
        "close; decisions are kept until you leave the pathway",
        "close",
    ),
];

/// The screen's keys and those that work everywhere.
pub fn keys() -> Vec<Binding> {
    let mut all = KEYS.to_vec();
    all.extend(keys::global());
    all
}

impl Screen for Conflicts {
    fn name(&self) -> &'static str {
        if self.input.is_some() {
            "typing a value"
        } else {
            "merge conflicts"
        }
    }

    fn context(&self) -> Context {
        if self.input.is_some() {
            Context::Input
        } else {
            Context::Conflicts
        }
    }

    fn scope(&self) -> Scope {
        Scope::Pathway
    }

    fn keys_while_following(&self) -> bool {
        false
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        if self.input.is_some() {
            self.typing(action);
            return Outcome::Consumed;
        }
        let at = self.selected;
        let Some(c) = self.list.get(at).cloned() else {
            return Outcome::Consumed;
        };
        match action {
            Action::Up | Action::Down => {
                self.selected = move_in(at, self.list.len(), 1, action);
                self.scroll = 0;
            }
            // Long values: the view stops the scroll at their end.
            Action::PageDown => self.scroll = self.scroll.saturating_add(PAGE),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(PAGE),
            Action::Back => {
                if let Some(p) = app.pathway.as_mut() {
                    p.decided = Some(Decided {
                        list: self.list.clone(),
                        decided: self.decided.clone(),
                    });
                }
                return Outcome::Close;
            }
            Action::KeepOurs => {
                self.decided[at] = Some(Decision::Ours);
                crate::tui::removed_step::decided(app, &c, true);
            }
            Action::TakeTheirs => {
                let whole_item = c.path.ends_with(']') && item_place(&c.path).is_some();
                if (record::address(&c.path).is_some() && text_of(&c.theirs).is_some())
                    || whole_item
                {
                    self.decided[at] = Some(Decision::Theirs);
                    crate::tui::removed_step::decided(app, &c, false);
                } else {
                    app.message = Some(
                        "Theirs cannot be taken here; type the value (Enter) or keep ours.".into(),
                    );
                }
            }
            Action::Open => {
                if record::address(&c.path).is_none() {
                    app.message = Some(
                        "This conflict is about a whole item; edit it in your own editor (e)."
                            .into(),
                    );
                } else {
                    let text = text_of(&c.ours).unwrap_or_default();
                    self.input = Some(Input {
                        cursor: text.chars().count(),
                        text,
                    });
                }
            }
            Action::Save => crate::tui::conflicts::save(app, self),
            _ => {}
        }
        Outcome::Consumed
    }

    fn typed(&mut self, _app: &mut App, key: KeyEvent) -> Outcome {
        match self.input.as_mut() {
            Some(input) => {
                crate::tui::editing::edit_line(input, key);
                Outcome::Consumed
            }
            None => Outcome::Pass,
        }
    }

    /// Pasted while typing a value: into it, as one line.
    fn pasted(&mut self, _app: &mut App, text: &str) -> Outcome {
        match self.input.as_mut() {
            Some(input) => {
                input.paste(text);
                Outcome::Consumed
            }
            None => Outcome::Pass,
        }
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, _drawn: &mut Areas) {
        if app.pathway.is_some() {
            draw(app, self, frame, at.below_header);
        }
    }
}

impl Conflicts {
    /// Enter or Esc while typing a conflict's value.
    fn typing(&mut self, action: Action) {
        match action {
            Action::Open => {
                if let Some(input) = self.input.take() {
                    self.decided[self.selected] = Some(Decision::Value(input.text));
                }
            }
            Action::Back => self.input = None,
            _ => {}
        }
    }
}

fn shown(v: &Option<serde_json::Value>) -> String {
    match v {
        None => "(nothing)".into(),
        Some(serde_json::Value::String(s)) => format!("\"{s}\""),
        Some(serde_json::Value::Object(m)) => m
            .get("title")
            .or(m.get("text"))
            .and_then(serde_json::Value::as_str)
            .map_or_else(|| "an item".into(), |t| format!("the item \"{t}\"")),
        Some(v) => v.to_string(),
    }
}

/// A value whole, over as many lines as it takes: text keeps its own
/// lines, each wrapped to `width`.
fn value_lines(v: &Option<serde_json::Value>, width: usize) -> Vec<String> {
    let text = match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        v => shown(v),
    };
    let mut out = Vec::new();
    for line in crate::text::clean_lines(&text) {
        out.extend(crate::tui::view::doc::wrap(&line, width));
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// The fields of an item that differ from the item before both changes,
/// one per line under the item (`  detail: …`), whole and wrapped.
fn changed_fields(
    base: Option<&serde_json::Value>,
    v: &Option<serde_json::Value>,
    width: usize,
) -> Vec<String> {
    let (Some(serde_json::Value::Object(before)), Some(serde_json::Value::Object(now))) = (base, v)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in now {
        if before.get(key) == Some(value) || key == "title" || key == "text" {
            continue;
        }
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let mut first = true;
        for line in crate::text::clean_lines(&format!("{}: {text}", key.replace('_', " "))) {
            // Room for the deeper indent of the lines after the first.
            for l in crate::tui::view::doc::wrap(&line, width.saturating_sub(2)) {
                out.push(format!("{}{l}", if first { "  " } else { "    " }));
                first = false;
            }
        }
    }
    out
}

/// The conflicts of an unfinished merge, each with base, ours, theirs and
/// what was decided; values whole, wrapped, and scrolled with PgUp/PgDn.
fn draw(app: &App, state: &Conflicts, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    crate::tui::view::clear_overlay(frame, area);
    let left = state.decided.iter().filter(|d| d.is_none()).count();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.warning())
        .title(Span::styled(
            format!(
                " Unfinished merge: {left} of {} conflicts to decide ",
                state.list.len()
            ),
            t.warning(),
        ));
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let theirs_label = state.theirs_by.as_deref().map_or_else(
        || "their version".to_string(),
        |s| crate::text::clean(s).into_owned(),
    );
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    for (i, (c, d)) in state.list.iter().zip(&state.decided).enumerate() {
        starts.push(lines.len());
        let chosen = i == state.selected;
        let decided = match d {
            None => "✗ to decide".to_string(),
            Some(Decision::Ours) => "✓ your version".to_string(),
            Some(Decision::Theirs) => "✓ their version".to_string(),
            Some(Decision::Value(v)) => format!("✓ \"{v}\""),
        };
        let style = if chosen {
            t.selection()
        } else if d.is_none() {
            t.warning()
        } else {
            t.text()
        };
        lines.push(Line::from(Span::styled(
            truncate(
                &format!(
                    "{}{}  [{decided}]",
                    if chosen { "› " } else { "  " },
                    capitalised(&crate::model::words::describe(
                        app.open_pathway().map(|(p, _)| p),
                        &c.path
                    ))
                ),
                width,
            ),
            style,
        )));
        for (label, v) in [
            ("before both changes", &c.base),
            ("your version", &c.ours),
            (theirs_label.as_str(), &c.theirs),
        ] {
            lines.push(Line::from(Span::styled(
                truncate(&format!("    {label}:"), width),
                t.muted(),
            )));
            // An item one side removed is said to be removed, not shown
            // as nothing; an item changed shows what changed in it.
            let shown_lines = if v.is_none() && c.base.is_some() {
                vec!["(removed)".to_string()]
            } else {
                let mut l = value_lines(v, width.saturating_sub(6));
                l.extend(changed_fields(c.base.as_ref(), v, width.saturating_sub(8)));
                l
            };
            for l in shown_lines {
                lines.push(Line::from(Span::styled(format!("      {l}"), t.text())));
            }
        }
    }
    if let Some(input) = &state.input {
        lines.push(Line::default());
        let (shown, _) =
            crate::tui::view::input_window(&input.text, input.cursor, width.saturating_sub(2));
        lines.push(Line::from(Span::styled(format!("> {shown}"), t.text())));
    }
    let height = usize::from(inner.height).max(1);
    let offset = if state.input.is_some() {
        lines.len().saturating_sub(height)
    } else {
        // From the selected conflict's first line (all from the top when
        // it fits), scrolled no further than the last line of the list.
        let start = starts.get(state.selected).copied().unwrap_or(0);
        (start + usize::from(state.scroll)).min(lines.len().saturating_sub(height))
    };
    // Said on the frame, so a value cut by the pane's end is never taken
    // for the whole of it.
    let more = match (offset > 0, offset + height < lines.len()) {
        (true, true) => Some(" ↑ PgUp · more below: PgDn ↓ "),
        (false, true) => Some(" more below: PgDn ↓ "),
        (true, false) => Some(" ↑ more above: PgUp "),
        (false, false) => None,
    };
    let block = match more {
        Some(m) => block.title_bottom(Line::from(Span::styled(m, t.warning())).right_aligned()),
        None => block,
    };
    frame.render_widget(block, area);
    let shown_lines: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(shown_lines), inner);
}

/// `text` with its first letter a capital, as a line begins.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
