//! The edit form: the fields of what is on screen, one of them chosen, a
//! value typed or chosen for it, and rows found by their words. Built from
//! the pathway by [`crate::tui::forms`], moved about by
//! [`crate::tui::form_nav`]; its keys are in [`keys`], what it does with
//! them in [`handle`], how it is drawn in [`draw`].

mod draw;
mod handle;
pub mod keys;

use crossterm::event::KeyEvent;
use ratatui::Frame;

use super::{Outcome, Regions, Scope, Screen};
use crate::model::Pathway;
use crate::tui::app::{App, Areas, Input};
use crate::tui::keys::{Action, Context};

/// The edit form: the fields of what is on screen, one of them chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct FormState {
    /// What the form edits, so it can be built again after a change.
    pub source: FormSource,
    pub title: String,
    pub fields: Vec<FormField>,
    pub selected: usize,
    /// Typing a new value for the chosen field.
    pub input: Option<Input>,
    /// Choosing a value for the chosen field: the highlighted choice.
    pub choice: Option<usize>,
    /// The participants whose rows are folded under their heading.
    pub folded: Vec<String>,
    /// Words typed to find rows (or choices): only those holding them show.
    pub filter: Option<String>,
    /// The line being typed is a new item's words, to go at this index of
    /// the selected row's list.
    pub adding: Option<usize>,
}

/// What a form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormSource {
    Pathway,
    Step(usize),
    Analyses,
    NewStep,
    /// Section 4: what will be different on Monday morning.
    Monday,
    /// Section 5: how the pathway is measured.
    Measures,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    pub label: String,
    /// The field's address, as in `carepath set`.
    pub path: String,
    pub kind: FieldKind,
    /// The list item this field belongs to, for adding, deleting and
    /// moving items from the form.
    pub item: Option<ListItem>,
}

/// A place in a list: the list's address, an index in it, and what a new
/// item there starts as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub list: String,
    pub index: usize,
    pub len: usize,
    /// A new item, as YAML.
    pub new_item: String,
    /// What an item is called, for the "add" row and messages.
    pub noun: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    /// One line, typed in place.
    Text,
    /// Free text over several lines, edited in the user's own editor.
    Long,
    /// One of a fixed set: (value written, label shown).
    Choice(Vec<(String, String)>),
    /// The row that adds an item at the end of a list.
    Add,
}

impl FormState {
    /// Built again from the pathway as it now is, keeping the place: on
    /// the first row of `at` (a list and an index) when given. False when
    /// nothing is left to edit, and the form closes.
    pub fn rebuild(&mut self, p: &Pathway, at: Option<(&str, usize)>) -> bool {
        let Some(mut form) = crate::tui::forms::build(p, self.source) else {
            return false;
        };
        let keep = self.selected.min(form.fields.len().saturating_sub(1));
        form.selected = at
            .and_then(|(list, index)| {
                form.fields.iter().position(|f| {
                    f.item
                        .as_ref()
                        .is_some_and(|i| i.list == list && i.index == index)
                })
            })
            .unwrap_or(keep);
        *self = form;
        true
    }

    /// What was typed into `path` could not be written: it stays in the
    /// field's line, to put right or copy.
    pub fn keep_typed(&mut self, path: &str, typed: &str) {
        if self
            .fields
            .get(self.selected)
            .is_some_and(|f| f.path == path)
        {
            self.input = Some(Input {
                cursor: typed.chars().count(),
                text: typed.to_string(),
            });
        }
    }
}

/// Opens `form`, in place of any form open.
pub fn open(app: &mut App, form: FormState) {
    app.stack.close::<FormState>();
    app.stack.push(form);
}

impl Screen for FormState {
    fn name(&self) -> &'static str {
        match self.context() {
            Context::Filter => "finding rows",
            Context::Input => "typing a value",
            Context::Choice => "choosing a value",
            _ => "editing",
        }
    }

    /// The line being typed, or the words to find, or the list of choices
    /// take the keys before the fields.
    fn context(&self) -> Context {
        if self.filter.is_some() {
            Context::Filter
        } else if self.input.is_some() {
            Context::Input
        } else if self.choice.is_some() {
            Context::Choice
        } else {
            Context::Form
        }
    }

    fn presence(&self) -> Option<&'static str> {
        Some("editing")
    }

    fn scope(&self) -> Scope {
        Scope::Pathway
    }

    /// A conflict found when typing ended opens over the form; the form is
    /// back once it is decided.
    fn is_form(&self) -> bool {
        true
    }

    /// A follower sees the facilitator's screen; its own form waits.
    fn keys_while_following(&self) -> bool {
        false
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        handle::act(self, app, action)
    }

    fn typed(&mut self, app: &mut App, key: KeyEvent) -> Outcome {
        handle::typed(self, app, key)
    }

    fn pasted(&mut self, app: &mut App, text: &str) -> Outcome {
        handle::paste(self, app, text)
    }

    fn render(&self, app: &App, frame: &mut Frame, at: &Regions, drawn: &mut Areas) {
        if let Some((p, _)) = app.open_pathway() {
            draw::draw(app, p, self, frame, at.below_header, drawn);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Pathway {
        serde_yaml::from_str(include_str!(
            "../../../../pathways/discharge-to-care-home.yaml"
        ))
        .unwrap()
    }

    #[test]
    fn what_is_open_in_the_form_takes_the_keys_first() {
        let p = example();
        let mut form = crate::tui::forms::build(&p, FormSource::Step(0)).unwrap();
        assert_eq!(form.context(), Context::Form);
        form.choice = Some(0);
        assert_eq!(form.context(), Context::Choice);
        form.input = Some(Input::default());
        assert_eq!(form.context(), Context::Input);
        form.filter = Some(String::new());
        assert_eq!(form.context(), Context::Filter);
        assert_eq!(form.presence(), Some("editing"));
    }

    #[test]
    fn built_again_it_lands_on_the_item_asked_for_or_keeps_its_row() {
        let p = example();
        let mut form = crate::tui::forms::build(&p, FormSource::Pathway).unwrap();
        form.selected = 3;
        form.input = Some(Input::default());
        assert!(form.rebuild(&p, None));
        assert_eq!(form.selected, 3);
        assert!(form.input.is_none(), "built afresh");
        assert!(form.rebuild(&p, Some(("participants", 1))));
        let row = &form.fields[form.selected];
        assert!(
            row.item
                .as_ref()
                .is_some_and(|i| i.list == "participants" && i.index == 1),
            "{row:?}"
        );
        // A step that is no longer there leaves nothing to edit.
        form.source = FormSource::Step(p.steps.len());
        assert!(!form.rebuild(&p, None));
    }

    #[test]
    fn typed_text_that_could_not_be_written_stays_in_its_field_only() {
        let p = example();
        let mut form = crate::tui::forms::build(&p, FormSource::Pathway).unwrap();
        let path = form.fields[0].path.clone();
        form.keep_typed("somewhere.else", "lost?");
        assert!(form.input.is_none());
        form.keep_typed(&path, "Kept words");
        let input = form.input.unwrap();
        assert_eq!((input.text.as_str(), input.cursor), ("Kept words", 10));
    }
}
