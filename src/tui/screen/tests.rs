//! The stack: which screen takes the keys, and where screens opened
//! meanwhile go.

use super::*;
use crate::tui::theme::Theme;

/// A screen that, given a key, opens another beneath everything, or
/// closes itself through the stack (as a save finishing at once does).
#[derive(Debug)]
struct Asking;

impl Screen for Asking {
    fn name(&self) -> &'static str {
        "asking"
    }
    fn context(&self) -> Context {
        Context::Question
    }
    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        match action {
            Action::Open => app.stack.push_beneath(Heard),
            _ => app.stack.close::<Asking>(),
        }
        Outcome::Consumed
    }
    fn render(&self, _: &App, _: &mut Frame, _: &Regions, _: &mut Areas) {}
}

#[derive(Debug)]
struct Heard;

impl Screen for Heard {
    fn name(&self) -> &'static str {
        "heard"
    }
    fn context(&self) -> Context {
        Context::Conflicts
    }
    fn keys_while_following(&self) -> bool {
        false
    }
    fn handle(&mut self, _: &mut App, _: Action) -> Outcome {
        Outcome::Consumed
    }
    fn render(&self, _: &App, _: &mut Frame, _: &Regions, _: &mut Areas) {}
}

/// A view of the pathway (a question's thread) whose key opens a form.
#[derive(Debug)]
struct Viewing;

impl Screen for Viewing {
    fn name(&self) -> &'static str {
        "viewing"
    }
    fn context(&self) -> Context {
        Context::Thread
    }
    fn is_view(&self) -> bool {
        true
    }
    fn handle(&mut self, app: &mut App, _: Action) -> Outcome {
        app.stack.push_beneath(Heard);
        Outcome::Consumed
    }
    fn render(&self, _: &App, _: &mut Frame, _: &Regions, _: &mut Areas) {}
}

fn names(app: &App) -> Vec<&'static str> {
    app.stack.iter().map(|s| s.name()).collect()
}

fn app() -> App {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    App::new("examples".into(), Theme::monochrome(), today)
}

#[test]
fn a_screen_opened_beneath_waits_under_the_one_that_opened_it() {
    let mut app = app();
    app.stack.push(Asking);
    assert!(handle(&mut app, Context::Question, Action::Open, |_, _| {}));
    assert_eq!(names(&app), ["heard", "asking"]);
    assert_eq!(context(&app), Context::Question);
}

#[test]
fn a_form_goes_over_the_views_of_the_pathway_and_under_the_rest() {
    let mut app = app();
    app.stack.push(Viewing);
    assert!(handle(&mut app, Context::Thread, Action::Open, |_, _| {}));
    assert_eq!(names(&app), ["viewing", "heard"]);
    app.stack.push(Asking);
    app.stack.close::<Heard>();
    app.stack.push_beneath(Heard);
    assert_eq!(names(&app), ["viewing", "heard", "asking"]);
}

#[test]
fn a_screen_closed_by_what_it_set_off_stays_closed() {
    let mut app = app();
    app.stack.push(Heard);
    app.stack.push(Asking);
    handle(&mut app, Context::Question, Action::Back, |_, _| {});
    assert!(!app.stack.is_open::<Asking>());
    assert!(app.stack.is_open::<Heard>());
}

#[test]
fn while_following_the_pathway_s_own_screens_leave_the_keys_to_it() {
    let mut app = app();
    app.stack.push(Heard);
    assert_eq!(context(&app), Context::Conflicts);
    app.follow.following = Some(crate::tui::follow::Leader {
        user: "ajones".into(),
        host: "ward-pc".into(),
        pid: 1,
        name: "Dr Jones".into(),
    });
    assert_ne!(context(&app), Context::Conflicts);
    assert_ne!(beneath_help(&app).0, Context::Conflicts);
}
