//! Which keys each screen of the base has, most specific first.

use super::Binding;
use super::Context;
use super::common::*;
use super::compare::*;
use super::form::*;
use super::meeting::*;
use super::pathway::*;

/// Every binding of a context as carepath ships it.
pub fn bindings_as_built(ctx: Context) -> Vec<Binding> {
    crate::tui::screen::keys_of(ctx)
        .or_else(|| crate::tui::screen::base::keys_of(ctx))
        .unwrap_or_else(|| base_table(ctx))
}

/// The key table of a screen of the base, or of following a facilitator.
pub fn base_table(ctx: Context) -> Vec<Binding> {
    let mut all = Vec::new();
    match ctx {
        Context::Filter => {
            all.extend(FILTER);
            all.push(ARROWS);
        }
        Context::Pathway => {
            all.extend(MOVE);
            all.push(OPEN_CHART);
            all.extend(PATHWAY);
            all.extend(EDITING);
            whole_pathway(&mut all);
            all.push(EXPORT);
            all.extend(ANALYSES);
            all.extend(GLOBAL);
        }
        Context::Steps => {
            all.extend(STEPS);
            all.push(SHOW_FLOW);
            all.extend(MOVE);
            all.extend(EDITING);
            all.extend(STEP_LIST);
            whole_pathway(&mut all);
            all.extend(PATHWAY[..3].iter().copied());
            all.push(EXPORT);
            all.extend(GLOBAL);
        }
        Context::Exits => {
            all.extend(EXITS);
            all.push(UP_DOWN);
            all.extend(GLOBAL);
        }
        Context::Input => all.extend(INPUT),
        Context::Flow => {
            all.extend(FLOW);
            all.extend([PAGE, TOP, BOTTOM]);
            all.extend(PATHWAY[..3].iter().copied());
            all.push(EDITING[0]);
            all.push(OPEN_COMPARE);
            all.extend(GLOBAL);
        }
        Context::FollowAsk => {
            all.extend(FOLLOW_ASK);
            all.extend(GLOBAL);
        }
        Context::Following => {
            all.extend(FOLLOWING);
            all.extend(GLOBAL);
        }
        // The screens on the stack: their tables are in their own files.
        _ => {}
    }
    all
}

/// The keys that act on the whole pathway, wherever in it one is: compare,
/// meet, ask, find, edit its file, its problems, versions and conflicts.
fn whole_pathway(all: &mut Vec<Binding>) {
    all.push(OPEN_COMPARE);
    all.push(OPEN_MEETING);
    all.push(LEAD);
    all.push(ASK);
    all.extend(FIND);
    all.push(EDIT_FILE);
    all.push(crate::tui::screen::problems::OPEN);
    all.extend(VERSIONS);
    all.push(LOCAL_CHANGES);
    all.push(REBASE);
    all.push(SHOW_CONFLICTS);
}
