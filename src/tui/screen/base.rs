//! The base beneath the stack: the library, or the open pathway with what
//! of it is open (a tab, the flow, the comparison, the meeting).
//! Its screen is worked out from the state, in this one order.

use super::super::app::{App, Tab};
use super::super::keys::Context;

/// The base's key context, with the request to follow over the screens
/// where one may be answered (never while typing).
pub fn context(app: &App) -> Context {
    let ctx = screen_context(app);
    if super::super::follow::may_ask(ctx) && super::super::follow::asking(app).is_some() {
        Context::FollowAsk
    } else {
        ctx
    }
}

/// The base's own screen, beneath any request to follow.
pub fn screen_context(app: &App) -> Context {
    match &app.pathway {
        Some(_) if app.follow.following.is_some() => Context::Following,
        Some(p) if p.compare.as_ref().is_some_and(|c| c.matrix) => Context::Matrix,
        Some(p) if p.compare.is_some() => Context::Compare,
        Some(p) if p.meeting.is_some() => Context::Meeting,
        Some(p) if p.searching => Context::Filter,
        Some(p) if p.tab == Tab::Steps && p.flow => Context::Flow,
        Some(p) if p.tab == Tab::Steps && p.focus == super::super::app::StepFocus::Exits => {
            Context::Exits
        }
        Some(p) if p.tab == Tab::Steps => Context::Steps,
        Some(_) => Context::Pathway,
        None if app.library.filtering => Context::Filter,
        None => Context::Library,
    }
}

/// Whether the base has what comes over the views of the pathway on the
/// stack ([`super::Screen::is_view`]): following a facilitator. (The edit
/// form, a draft and the conflicts are on the stack, over the views.)
pub fn over_views(app: &App) -> bool {
    app.follow.following.is_some()
}

/// What a base screen is called, in the help's title.
pub fn name(ctx: Context) -> &'static str {
    match ctx {
        Context::Library | Context::Filter => "library",
        Context::Pathway => "pathway",
        Context::Steps => "steps",
        Context::Exits => "choosing the next step",
        Context::Compare => "comparing two participants",
        Context::Matrix => "every participant",
        Context::Input => "typing a value",
        Context::Meeting => "the meeting",
        Context::FollowAsk => "asked to follow",
        Context::Following => "following",
        Context::Flow => "the flow of the steps",
        // The screens on the stack name themselves.
        _ => "this screen",
    }
}

/// Where the base is, in the word others see.
pub fn presence(app: &App) -> &'static str {
    let Some((_, state)) = app.open_pathway() else {
        return "library";
    };
    if state.compare.is_some() {
        "compare"
    } else if state.tab == Tab::Steps && state.flow {
        "flow of the steps"
    } else if state.meeting.is_some() {
        "meeting"
    } else {
        match state.tab {
            Tab::Overview => "overview",
            Tab::Steps => "steps",
            Tab::Analyses => "analyses",
            Tab::Monday => "Monday morning",
            Tab::Measures => "measures",
        }
    }
}
