//! Moving around a long form: a page at a time, to the top or bottom, to
//! the rows whose words are typed (`/`), and one fold per participant, so
//! that an analysis form of a hundred and more rows is a few keys to cross.
//! Pure: works on the form and the pathway, no terminal.

use super::app::{FieldKind, FormField, FormState};
use super::keys::Action;
use super::update::move_in;
use crate::model::Pathway;

/// The participant a row of the analyses form belongs to: `who` of
/// `analyses.<who>.…`. Other forms have no groups.
pub fn group_of(field: &FormField) -> Option<&str> {
    let rest = field.path.strip_prefix("analyses.")?;
    Some(rest.split('.').next().unwrap_or(rest)).filter(|w| !w.is_empty())
}

/// One row of the form as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A participant's heading; `first` is the field that stands for the
    /// group while it is folded (the one selected there).
    Group {
        who: String,
        folded: bool,
        first: usize,
        count: usize,
    },
    Field(usize),
}

/// Whether `field` holds `needle` (lowercased) in its label or its value.
fn matches(p: &Pathway, field: &FormField, needle: &str) -> bool {
    needle.is_empty()
        || field.label.to_lowercase().contains(needle)
        || super::editing::value_of(p, &field.path)
            .to_lowercase()
            .contains(needle)
        || group_of(field).is_some_and(|who| {
            who.to_lowercase().contains(needle)
                || p.participants
                    .iter()
                    .any(|x| x.id == who && x.name.to_lowercase().contains(needle))
        })
}

/// The rows drawn, in order: a heading before each participant's rows,
/// their rows unless folded, and only the rows that hold the filter's
/// words while one is typed (folds are opened by a filter).
pub fn rows(p: &Pathway, form: &FormState) -> Vec<Row> {
    // While a choice list is open, its filter is the choice list's.
    let needle = match form.choice {
        Some(_) => String::new(),
        None => form.filter.as_deref().unwrap_or("").to_lowercase(),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < form.fields.len() {
        let Some(who) = group_of(&form.fields[i]) else {
            if matches(p, &form.fields[i], &needle) {
                out.push(Row::Field(i));
            }
            i += 1;
            continue;
        };
        let end = (i..form.fields.len())
            .find(|&k| group_of(&form.fields[k]) != Some(who))
            .unwrap_or(form.fields.len());
        let hits: Vec<usize> = (i..end)
            .filter(|&k| matches(p, &form.fields[k], &needle))
            .collect();
        let folded = needle.is_empty() && form.folded.iter().any(|f| f == who);
        if !hits.is_empty() {
            out.push(Row::Group {
                who: who.to_string(),
                folded,
                first: hits[0],
                count: end - i,
            });
            if !folded {
                out.extend(hits.into_iter().map(Row::Field));
            }
        }
        i = end;
    }
    out
}

/// The fields the selection can rest on, in order: every field shown, and
/// for a folded participant the one that stands for it.
pub fn stops(rows: &[Row]) -> Vec<usize> {
    rows.iter()
        .filter_map(|r| match r {
            Row::Group {
                folded: true,
                first,
                ..
            } => Some(*first),
            Row::Group { .. } => None,
            Row::Field(i) => Some(*i),
        })
        .collect()
}

/// Moves the form's selection by `action` over the rows that can be
/// chosen; `page` rows make a page.
pub fn move_selection(p: &Pathway, form: &mut FormState, action: Action, page: usize) {
    let stops = stops(&rows(p, form));
    if stops.is_empty() {
        return;
    }
    let at = stops
        .iter()
        .position(|&i| i >= form.selected)
        .unwrap_or(stops.len() - 1);
    form.selected = stops[move_in(at, stops.len(), page, action)];
}

/// Keeps the selection on a row that is shown (after a fold or a filter).
pub fn settle(p: &Pathway, form: &mut FormState) {
    let stops = stops(&rows(p, form));
    if stops.contains(&form.selected) {
        return;
    }
    // The nearest shown row at or before the selection, else the first.
    if let Some(&i) = stops
        .iter()
        .rev()
        .find(|&&i| i <= form.selected)
        .or(stops.first())
    {
        form.selected = i;
    }
}

/// Folds (`Some(true)`), opens (`Some(false)`) or toggles (`None`) the
/// participant of the selected row; the selection stays on its heading.
pub fn fold(p: &Pathway, form: &mut FormState, fold: Option<bool>) -> bool {
    let Some(who) = form
        .fields
        .get(form.selected)
        .and_then(group_of)
        .map(str::to_string)
    else {
        return false;
    };
    let folded = form.folded.contains(&who);
    let want = fold.unwrap_or(!folded);
    if want == folded {
        return false;
    }
    if want {
        form.folded.push(who.clone());
        if let Some(first) = form
            .fields
            .iter()
            .position(|f| group_of(f) == Some(who.as_str()))
        {
            form.selected = first;
        }
    } else {
        form.folded.retain(|f| *f != who);
    }
    settle(p, form);
    true
}

/// Whether the selected row is a folded participant's heading.
pub fn on_folded(form: &FormState) -> bool {
    form.fields
        .get(form.selected)
        .and_then(group_of)
        .is_some_and(|who| form.folded.iter().any(|f| f == who))
}

/// The analyses form as it first opens for someone who speaks for `mine`:
/// every other participant folded, and the selection on `mine`'s first row.
/// With no participant of theirs, every participant starts folded, so the
/// form opens as a short list of who has written what.
pub fn open_at(form: &mut FormState, mine: Option<&str>) {
    let mut groups: Vec<String> = Vec::new();
    for f in &form.fields {
        if let Some(who) = group_of(f)
            && !groups.iter().any(|g| g == who)
        {
            groups.push(who.to_string());
        }
    }
    let mine = mine.filter(|m| groups.iter().any(|g| g == m));
    form.folded = groups
        .into_iter()
        .filter(|g| Some(g.as_str()) != mine)
        .collect();
    if let Some(first) = mine.and_then(|m| form.fields.iter().position(|f| group_of(f) == Some(m)))
    {
        form.selected = first;
    }
}

/// The choices of a choice list that hold the filter's words, by index.
pub fn choices_shown(form: &FormState, items: &[(String, String)]) -> Vec<usize> {
    let needle = form.filter.as_deref().unwrap_or("").to_lowercase();
    items
        .iter()
        .enumerate()
        .filter(|(_, (v, label))| {
            needle.is_empty()
                || label.to_lowercase().contains(&needle)
                || v.to_lowercase().contains(&needle)
        })
        .map(|(i, _)| i)
        .collect()
}

/// Moves the highlighted choice by `action` over the choices shown.
pub fn move_choice(form: &mut FormState, action: Action, page: usize) {
    let Some(FieldKind::Choice(items)) = form.fields.get(form.selected).map(|f| f.kind.clone())
    else {
        return;
    };
    let shown = choices_shown(form, &items);
    if shown.is_empty() {
        return;
    }
    let now = form.choice.unwrap_or(0);
    let at = shown.iter().position(|&i| i >= now).unwrap_or(0);
    form.choice = Some(shown[move_in(at, shown.len(), page, action)]);
}

/// A key typed into the form's filter: the selection goes to the first
/// row (or choice) that holds the words so far.
pub fn type_filter(p: &Pathway, form: &mut FormState, key: crossterm::event::KeyEvent) {
    use crossterm::event::{KeyCode, KeyModifiers};
    let Some(text) = form.filter.as_mut() else {
        return;
    };
    match key.code {
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => text.clear(),
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => text.push(c),
        KeyCode::Backspace => {
            text.pop();
        }
        _ => return,
    }
    jump_to_first(p, form);
}

fn jump_to_first(p: &Pathway, form: &mut FormState) {
    if form.choice.is_some() {
        if let Some(FieldKind::Choice(items)) =
            form.fields.get(form.selected).map(|f| f.kind.clone())
            && let Some(&first) = choices_shown(form, &items).first()
        {
            form.choice = Some(first);
        }
        return;
    }
    if let Some(&first) = stops(&rows(p, form)).first() {
        form.selected = first;
    }
}

/// Enter or Esc while typing the filter: Enter keeps the row (or choice)
/// found and shows every row again around it; Esc goes back to the whole
/// list where the selection now is.
pub fn end_filter(p: &Pathway, form: &mut FormState, keep: bool) {
    let chosen = form.selected;
    form.filter = None;
    if keep {
        // A row found inside a folded participant opens that participant.
        if let Some(who) = form.fields.get(chosen).and_then(group_of) {
            let who = who.to_string();
            let first = form.fields.iter().position(|f| group_of(f) == Some(&who));
            if first != Some(chosen) {
                form.folded.retain(|f| *f != who);
            }
        }
    }
    settle(p, form);
}
