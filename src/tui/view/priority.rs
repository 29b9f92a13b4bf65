//! Which key hints each screen keeps when the status bar is narrow (80
//! columns), most important first: the keys that do the screen's work and
//! the way out before moving, which everyone already knows. A hint not
//! listed comes after the listed ones, in its table's order.

use crate::tui::keys::{Action, Context};

pub fn of(ctx: Context) -> &'static [Action] {
    match ctx {
        Context::Library => &[Action::Open, Action::AddItem, Action::Filter, Action::Sort],
        Context::Pathway => &[
            Action::Open,
            Action::Edit,
            Action::Compare,
            Action::NextTab,
            Action::Back,
            Action::Filter,
        ],
        Context::Steps => &[
            Action::Open,
            Action::Edit,
            Action::Compare,
            Action::NextTab,
            Action::Back,
            Action::Flow,
            Action::AddItem,
        ],
        Context::Flow => &[
            Action::Open,
            Action::Flow,
            Action::Edit,
            Action::Compare,
            Action::NextTab,
        ],
        Context::Compare => &[
            Action::Edit,
            Action::Back,
            Action::NextMatch,
            Action::PickPair,
            Action::ToggleMatrix,
        ],
        Context::Form => &[
            Action::Open,
            Action::Back,
            Action::Filter,
            Action::Fold,
            Action::AddItem,
            Action::DeleteItem,
        ],
        Context::Choice => &[Action::Open, Action::Back, Action::Filter],
        _ => &[],
    }
}
