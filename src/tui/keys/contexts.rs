//! Which keys each screen of the base has, most specific first.

use super::Binding;
use super::Context;
use super::common::*;
use super::form::*;
use super::meeting::*;

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
        Context::Input => all.extend(INPUT),
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
