//! The library's keys, in named groups: opening, filtering and sorting the
//! list, and starting a new pathway. Typing a filter has the table it
//! shares with finding in a pathway ([`crate::tui::keys::base_table`]).

use crossterm::event::KeyCode;

use crate::tui::keys::common::{EXPORT, MOVE, SYNC};
use crate::tui::keys::{self, Action, Binding, Char, Code, Context, b};

/// Starting a new pathway from a template.
pub const NEW_PATHWAY: Binding = b(
    &[Char('n')],
    "n",
    Action::AddItem,
    "start a new pathway from a template",
    "new",
);

/// Opening the chosen pathway, filtering the list and sorting it.
pub const LIST: [Binding; 3] = [
    b(
        &[Code(KeyCode::Enter), Code(KeyCode::Right), Char('l')],
        "Enter",
        Action::Open,
        "open the pathway",
        "open",
    ),
    b(
        &[Char('/')],
        "/",
        Action::Filter,
        "filter as you type",
        "filter",
    ),
    b(
        &[Char('s')],
        "s",
        Action::Sort,
        "sort by title, status or review date",
        "sort",
    ),
];

/// The key table of `ctx`, if it is one of the library's: the list, or
/// typing its filter.
pub fn table(ctx: Context) -> Option<Vec<Binding>> {
    match ctx {
        Context::Library => {
            let mut all = Vec::new();
            all.extend(LIST);
            all.push(NEW_PATHWAY);
            all.push(SYNC);
            all.push(EXPORT);
            all.extend(MOVE);
            all.extend(keys::global());
            Some(all)
        }
        Context::Filter => Some(keys::base_table(ctx)),
        _ => None,
    }
}
