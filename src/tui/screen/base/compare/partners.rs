//! The likely partners of a point only one side has, listed in the
//! comparison's detail pane, ranked, each with why it is offered and the
//! key that links it.

use crate::compare::Alignment;
use crate::model::Pathway;
use crate::tui::app::{App, CompareState};
use crate::tui::view::doc::{Doc, truncate};

/// Adds the likely partners of the selected point to `d`, one line each,
/// cut to `width`; says how to link by hand when there are none.
pub fn add(app: &App, p: &Pathway, al: &Alignment, cmp: &CompareState, d: &mut Doc, width: u16) {
    let t = &app.theme;
    let width = usize::from(width);
    if let Some(from) = app.stack.find::<crate::tui::screen::linking::Linking>() {
        d.para(&from.note(), t.accent());
        return;
    }
    if crate::compare::partners::lone(al, cmp.selected).is_none() {
        return;
    }
    let found = crate::tui::link::likely(app, p, al, cmp.selected);
    if found.is_empty() {
        d.para(
            "No likely partner on the other side: L links it by hand with any of their points.",
            t.muted(),
        );
        return;
    }
    d.para(
        "Likely partners (the number links it, L to choose another):",
        t.heading(),
    );
    for (n, partner) in found.iter().enumerate() {
        let line = format!(
            "{} ({:.0}%; {})",
            partner.point.text,
            partner.score * 100.0,
            partner.reason()
        );
        let prefix = format!(" {} ", n + 1);
        d.item(
            &[(&prefix, t.selection())],
            &format!(" {}", truncate(&line, width.saturating_sub(4))),
            t.text(),
        );
    }
}
