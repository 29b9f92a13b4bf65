//! Adding an item to a list from a form: "+ add" (or `a`) opens an empty
//! line at once, and what is typed becomes the new item's words. Nothing
//! is written that nobody chose: a point gets no weight, and a
//! Monday-morning change asks for whom, a participant what kind it is.

use serde_yaml::Value;

use super::app::{App, FieldKind, FormState, Input, ListItem};
use super::editing::{make, new_id};
use crate::store::persist::session::Change;

/// Whether items of `item`'s list are chosen from a list rather than typed
/// (a step's next steps).
fn chosen_not_typed(item: &ListItem) -> bool {
    item.list.ends_with(".next")
}

/// Opens an empty line in `form` for a new item of `item`'s list, to go
/// at `index`. False when the form has nothing left to edit.
pub fn start(app: &mut App, form: &mut FormState, item: &ListItem, index: usize) -> bool {
    if chosen_not_typed(item) {
        if super::structure::add_item(app, item, index) && !rebuild(app, form, item, index) {
            return false;
        }
        open_choice_on(app, form, &item.list, index, 0);
        return true;
    }
    form.input = Some(Input::default());
    form.adding = Some(index);
    true
}

/// `form` built again with the new item at `index` of `item`'s list
/// chosen; false when nothing is left to edit.
fn rebuild(app: &App, form: &mut FormState, item: &ListItem, index: usize) -> bool {
    app.open_pathway()
        .is_some_and(|(p, _)| form.rebuild(p, Some((&item.list, index))))
}

/// Enter on the new item's line: the item is added with what was typed,
/// then the question nobody answered yet is asked. False when the form
/// has nothing left to edit.
pub fn finish(app: &mut App, form: &mut FormState, text: &str) -> bool {
    let index = form.adding.take();
    form.input = None;
    let item = form.fields.get(form.selected).and_then(|f| f.item.clone());
    let (Some(index), Some(item)) = (index, item) else {
        return true;
    };
    let text = text.trim();
    if text.is_empty() {
        app.message = Some(format!("Nothing added: a {} needs words.", item.noun));
        return true;
    }
    let taken: Vec<String> = app
        .open_pathway()
        .map(|(p, _)| p.participants.iter().map(|x| x.id.clone()).collect())
        .unwrap_or_default();
    let yaml = fill(&item, text, &taken);
    let change = Change::Insert {
        path: item.list.clone(),
        index,
        yaml,
    };
    if !make(app, change, &format!("Added the {}.", item.noun)) {
        return true;
    }
    if !rebuild(app, form, &item, index) {
        return false;
    }
    // Who a change is for, and what kind a participant is, are asked at
    // once rather than guessed.
    if item.list == "monday_morning" {
        open_choice_on(app, form, &item.list, index, 1);
        app.message = Some("Added the change: for whom? Enter chooses, u undoes.".into());
    } else if item.list.ends_with(".branches") {
        open_choice_on(app, form, &item.list, index, 1);
        app.message = Some("Added the branch: where does it go? Enter chooses, u undoes.".into());
    } else if item.list == "participants" {
        open_choice_on(app, form, &item.list, index, 2);
        app.message = Some("Added the participant: what kind? Enter chooses, u undoes.".into());
        // Their own analysis is offered once their kind is chosen:
        // everybody counts.
        app.offer_analysis = app
            .open_pathway()
            .and_then(|(p, _)| p.participants.get(index))
            .map(|x| x.id.clone());
    }
    true
}

/// The new item as YAML: the list's template with the typed words in it
/// (and, for a participant, an id made from its name).
fn fill(item: &ListItem, text: &str, participants: &[String]) -> String {
    let mut value: Value = serde_yaml::from_str(&item.new_item).unwrap_or(Value::Null);
    match &mut value {
        Value::Mapping(map) => {
            // The words typed go under the key that names the item.
            if let Some(key) = crate::model::schema::LABEL_KEYS
                .iter()
                .find(|k| map.contains_key(**k))
            {
                map.insert(Value::from(*key), Value::from(text));
            }
            if item.list == "participants" {
                let taken: Vec<&str> = participants.iter().map(String::as_str).collect();
                map.insert(Value::from("id"), Value::from(new_id(text, &taken)));
            }
        }
        _ => value = Value::from(text),
    }
    serde_yaml::to_string(&value).unwrap_or_default()
}

/// Selects row `offset` of item `index` of `list` and opens its choices,
/// at the value it has now (if any).
fn open_choice_on(app: &App, form: &mut FormState, list: &str, index: usize, offset: usize) {
    let current = app.open_pathway().map(|(p, _)| p);
    let Some(first) = form.fields.iter().position(|f| {
        f.item
            .as_ref()
            .is_some_and(|i| i.list == list && i.index == index)
    }) else {
        return;
    };
    let at = first + offset;
    if let Some(field) = form.fields.get(at)
        && let FieldKind::Choice(items) = &field.kind
    {
        let now = current
            .map(|p| super::editing::value_of(p, &field.path))
            .unwrap_or_default();
        form.choice = Some(items.iter().position(|(v, _)| *v == now).unwrap_or(0));
        form.selected = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(list: &str, new_item: &str) -> ListItem {
        ListItem {
            list: list.into(),
            index: 0,
            len: 0,
            new_item: new_item.into(),
            noun: "x".into(),
        }
    }

    #[test]
    fn typed_words_go_into_the_item() {
        assert_eq!(
            fill(&item("principles", "''\n"), "Everybody counts", &[]),
            "Everybody counts\n"
        );
        assert_eq!(
            fill(&item("analyses.gp.causes", "text: ''\n"), "Late meds", &[]),
            "text: Late meds\n"
        );
        let p = fill(
            &item("participants", "id: x\nname: ''\nkind: other\n"),
            "Oakview Care Home",
            &["gp".into()],
        );
        assert!(p.contains("id: oakview-care-home"), "{p}");
        assert!(p.contains("name: Oakview Care Home"), "{p}");
    }
}
