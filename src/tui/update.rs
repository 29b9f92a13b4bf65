//! `update`: the only place the app's state changes. No terminal here, so
//! every behaviour can be tested as a plain function.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::app::{AfterOpening, App, Opening, PathwayState, StepFocus, Tab};
use super::keys::{self, Action, Context};
use super::message::{Effect, Message};
use crate::store::session::Session;
use crate::store::source::{EntryState, LoadEvent};

/// The key context the app is in now.
pub fn context(app: &App) -> Context {
    if app.help.is_some() {
        return Context::Help;
    }
    if app.who_is_here {
        return Context::WhoIsHere;
    }
    let ctx = screen_context(app);
    // Asked to follow only while moving about, never while typing.
    if super::follow::may_ask(ctx) && super::follow::asking(app).is_some() {
        Context::FollowAsk
    } else {
        ctx
    }
}

/// The context of the screen itself, beneath the help overlay: the one
/// whose keys the help lists.
pub fn screen_context(app: &App) -> Context {
    if app.question.is_some() {
        return Context::Question;
    }
    if app.diff.is_some() {
        return Context::Diff;
    }
    if app.versions.is_some() {
        return Context::Commits;
    }
    match &app.pathway {
        Some(_) if app.follow.following.is_some() => Context::Following,
        Some(p) if p.confirm.is_some() => Context::Confirm,
        Some(p) if p.recovery.is_some() => Context::Recover,
        Some(p) if p.text_editor.is_some() => Context::TextEditor,
        Some(p) if p.problems.is_some() => Context::Problems,
        Some(p) if p.conflicts.as_ref().is_some_and(|c| c.input.is_some()) => Context::Input,
        Some(p) if p.conflicts.is_some() => Context::Conflicts,
        Some(p) if p.form.as_ref().is_some_and(|f| f.filter.is_some()) => Context::Filter,
        Some(p) if p.form.as_ref().is_some_and(|f| f.input.is_some()) => Context::Input,
        Some(p) if p.form.as_ref().is_some_and(|f| f.choice.is_some()) => Context::Choice,
        Some(p) if p.form.is_some() => Context::Form,
        Some(p) if p.draft.is_some() => Context::Draft,
        Some(p) if p.compare.as_ref().is_some_and(|c| c.picker.is_some()) => Context::Picker,
        Some(p) if p.compare.as_ref().is_some_and(|c| c.linking.is_some()) => Context::LinkTo,
        Some(p) if p.compare.as_ref().is_some_and(|c| c.matrix) => Context::Matrix,
        Some(p) if p.compare.is_some() => Context::Compare,
        Some(p) if p.meeting.as_ref().is_some_and(|m| m.chart.is_some()) => Context::Chart,
        Some(p) if p.meeting.as_ref().is_some_and(|m| m.thread.is_some()) => Context::Thread,
        Some(p) if p.meeting.is_some() => Context::Meeting,
        Some(p) if p.searching => Context::Filter,
        Some(p) if p.tab == Tab::Steps && p.flow => Context::Flow,
        Some(p) if p.tab == Tab::Steps && p.focus == StepFocus::Exits => Context::Exits,
        Some(p) if p.tab == Tab::Steps => Context::Steps,
        Some(_) => Context::Pathway,
        None if app.library.new_pathway.is_some() => Context::Input,
        None if app.library.filtering => Context::Filter,
        None => Context::Library,
    }
}

/// Handles one message. Returns the effects it asks for: the terminal's,
/// and work for the worker (whose results come back as messages).
pub fn update(app: &mut App, msg: Message) -> Vec<Effect> {
    let effect = handle(app, msg);
    // Whatever a message quotes from below (an error of the edit engine or
    // the loader), a YAML path in it is said in words.
    if let Some(said) = app.message.as_deref()
        && crate::model::words::holds_path(said)
    {
        let p = app.open_pathway().map(|(p, _)| p);
        app.message = Some(crate::model::words::in_words(p, said));
    }
    // The journal follows the unsaved edits after everything that may
    // change them (a key, a colleague's save, a save done), and once more
    // on the way out.
    super::recovery::journal(app);
    let mut effects = std::mem::take(&mut app.outbox);
    effects.extend(effect);
    // Keys typed while a pathway was being read are meant for it: they are
    // handled, in order, once it is shown.
    if app.opening.is_none() && !app.held.is_empty() {
        for key in std::mem::take(&mut app.held) {
            effects.extend(update(app, Message::Key(key)));
        }
    }
    effects
}

fn handle(app: &mut App, msg: Message) -> Option<Effect> {
    match msg {
        Message::Key(key) if app.opening.is_some() => {
            if key.code == KeyCode::Esc {
                app.opening = None;
                app.held.clear();
            } else {
                app.held.push(key);
            }
            None
        }
        Message::Key(key) => {
            app.message = None;
            if app.saving.is_some() && key.code == KeyCode::Esc {
                super::editing::cancel_save(app);
                return None;
            }
            let effect = on_key(app, key);
            super::follow::tidy(app);
            // Others see at once where this session moved.
            super::presence::refresh(app, false);
            if let Some(saving) = &app.saving
                && app.message.is_none()
            {
                // A save under way stays said until it is done.
                let said = saving.waiting.as_deref().unwrap_or(super::editing::SAVING);
                app.message = Some(said.to_string());
            }
            effect
        }
        Message::Mouse(mouse) => on_mouse(app, mouse),
        Message::Resize => None,
        Message::Paste(text) => {
            paste(app, &text);
            None
        }
        Message::Load(ev) => {
            on_load(app, ev);
            None
        }
        Message::Terminate | Message::InputLost => {
            // The connection is gone or the session is being ended: the
            // journal is kept (below, and done before the process ends).
            app.quit = true;
            None
        }
        Message::FollowPoll => {
            super::follow::poll(app);
            None
        }
        Message::Tick(now) => {
            app.now = now;
            app.team.ticks += 1;
            super::presence::refresh(app, true);
            None
        }
        Message::Signed(result) => {
            super::signoff::signed(app, *result);
            None
        }
        Message::Announced(result) => {
            super::presence::announced(app, result);
            None
        }
        Message::Others(mut others) => {
            // Shown by the name people.yaml gives the user the file belongs
            // to, never a name the file claims.
            for o in &mut others {
                o.name = app.team.people.display(&o.user);
            }
            app.team.others = others;
            super::follow::others_read(app);
            if let Some(forged) = crate::store::presence::new_forgeries().into_iter().next() {
                app.message = Some(forged);
            }
            None
        }
        Message::People(read) => {
            super::presence::people_read(app, *read);
            None
        }
        Message::Inspected {
            file,
            opened: read,
            kept,
            local,
        } => {
            opened(app, &file, read, kept.map(|k| *k));
            if let Some(s) = app.pathway.as_mut()
                && app.entries.get(s.entry).and_then(|e| e.path.as_deref()) == Some(&*file)
            {
                s.local = local.map(|l| *l);
            }
            None
        }
        Message::Listed { file, listed } => {
            super::versions::listed(app, file, *listed);
            None
        }
        Message::Compared { title, result } => {
            super::versions::compared(app, title, *result);
            None
        }
        Message::Created(result) => {
            super::structure::created(app, result);
            None
        }
        Message::Rebased { file, result, text } => {
            super::sync::rebased(app, file, *result, text);
            None
        }
        Message::Exported(said) => {
            app.message = Some(said);
            None
        }
        Message::JournalFailed(e) => {
            app.message = Some(format!("Unsaved edits could not be kept safe: {e}"));
            None
        }
        Message::FileChanged(changed) => {
            match app.saving.as_mut() {
                // Handled once this session's own save is done, so its own
                // write is known for what it is.
                Some(saving) => saving.deferred.push(*changed),
                None => super::live::file_changed(app, *changed),
            }
            None
        }
        Message::EditorDone { path, text } => {
            super::editing::editor_done(app, &path, text);
            None
        }
        Message::SaveWaiting { holder } => {
            super::editing::save_waiting(app, holder);
            None
        }
        Message::Saved { file, result } => {
            super::editing::save_done(app, &file, *result);
            None
        }
        Message::GitStanding(standing) => {
            app.team.git.standing = Some(standing);
            None
        }
        Message::Synced(result, standing) => {
            super::sync::done(app, result, standing);
            None
        }
    }
}

/// Pasted text goes where typing would: the long-text editor, a line being
/// typed (as one line), or a filter or search. Elsewhere it is not a
/// command, so it is ignored.
fn paste(app: &mut App, text: &str) {
    let one_line = || text.replace("\r\n", " ").replace(['\n', '\r'], " ");
    match context(app) {
        Context::TextEditor => {
            if let Some((_, editor)) = app.pathway.as_mut().and_then(|s| s.text_editor.as_mut()) {
                editor.insert_str(text.replace("\r\n", "\n"));
            }
        }
        Context::Input => {
            let line = one_line();
            let input = match app.pathway.as_mut() {
                Some(s) => s.form.as_mut().and_then(|f| f.input.as_mut()),
                None => app.library.new_pathway.as_mut().map(|n| &mut n.input),
            };
            if let Some(input) = input {
                let at = input
                    .text
                    .char_indices()
                    .nth(input.cursor)
                    .map_or(input.text.len(), |(b, _)| b);
                input.text.insert_str(at, &line);
                input.cursor += line.chars().count();
            }
        }
        Context::Filter if super::form_nav::is_filtering(app) => {
            for c in one_line().chars() {
                super::form_nav::filter_key(
                    app,
                    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                );
            }
        }
        Context::Draft => {
            let line = one_line();
            if let Some(d) = app.pathway.as_mut().and_then(|s| s.draft.as_mut())
                && let Some(super::draft::Field {
                    kind: super::draft::Kind::Text(input),
                    ..
                }) = d.fields.get_mut(d.selected)
            {
                let at = input
                    .text
                    .char_indices()
                    .nth(input.cursor)
                    .map_or(input.text.len(), |(b, _)| b);
                input.text.insert_str(at, &line);
                input.cursor += line.chars().count();
            }
        }
        Context::Filter => {
            let line = one_line();
            match app.pathway.as_mut() {
                Some(s) => s.search.push_str(&line),
                None => {
                    app.library.filter.push_str(&line);
                    app.refresh_visible();
                }
            }
        }
        _ => {}
    }
}

fn on_load(app: &mut App, ev: LoadEvent) {
    match ev {
        LoadEvent::Listed(n) => app.loading.total = Some(n),
        LoadEvent::Loaded(entries) => {
            app.add_entries(entries);
            if std::mem::take(&mut app.open_when_loaded) {
                open_selected(app);
            }
        }
        LoadEvent::Done => app.loading.done = true,
        LoadEvent::Failed(e) => {
            app.loading.done = true;
            app.message = Some(e);
        }
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Option<Effect> {
    let ctx = context(app);
    match keys::action(ctx, &key) {
        Some(action) => act(app, ctx, action),
        None if ctx == Context::Filter && super::form_nav::is_filtering(app) => {
            super::form_nav::filter_key(app, key);
            None
        }
        // Asked to follow: every other key works as it did.
        None if ctx == Context::FollowAsk => {
            let under = screen_context(app);
            keys::action(under, &key).and_then(|action| act(app, under, action))
        }
        None if ctx == Context::Filter => {
            edit_filter(app, key);
            None
        }
        None if ctx == Context::Input => {
            super::editing::type_key(app, key);
            None
        }
        None if ctx == Context::Draft => {
            super::draft::type_key(app, key);
            None
        }
        None if ctx == Context::TextEditor => {
            super::editing::text_key(app, key);
            None
        }
        None => None,
    }
}

/// Typing into the library filter or a pathway search.
fn edit_filter(app: &mut App, key: KeyEvent) {
    let text = match app.pathway.as_mut() {
        Some(p) => &mut p.search,
        None => &mut app.library.filter,
    };
    match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => text.push(c),
        KeyCode::Backspace => {
            text.pop();
        }
        _ => return,
    }
    if app.pathway.is_some() {
        // Find as you type: from where the reader is, forwards.
        find(app, Action::NextMatch, true);
    } else {
        app.library.selected = 0;
        app.refresh_visible();
    }
}

/// Moves to the next (or previous) place the search text is found: a line
/// of a reading section, or a step. `here` counts the current place too.
fn find(app: &mut App, action: Action, here: bool) {
    let matches = app.areas.borrow().match_lines.clone();
    let Some((pathway, state)) = app.open_pathway() else {
        return;
    };
    let needle = state.search.to_lowercase();
    if needle.is_empty() {
        return;
    }
    let forward = action != Action::PrevMatch;
    let found = if state.tab == Tab::Steps {
        let hit = |i: usize| {
            let s = &pathway.steps[i];
            s.title.to_lowercase().contains(&needle)
                || s.detail
                    .as_deref()
                    .is_some_and(|d| d.to_lowercase().contains(&needle))
                || s.red_flags
                    .iter()
                    .any(|f| f.to_lowercase().contains(&needle))
        };
        let n = pathway.steps.len();
        let skip = usize::from(!here);
        (skip..n + skip)
            .map(|k| {
                if forward {
                    (state.step + k) % n
                } else {
                    (state.step + n - k % n) % n
                }
            })
            .find(|&i| hit(i))
    } else {
        let at = usize::from(state.scroll[state.tab.index()]);
        let lines: Vec<usize> = matches.iter().map(|&l| usize::from(l)).collect();
        if forward {
            lines
                .iter()
                .copied()
                .find(|&l| l > at || (here && l == at))
                .or(lines.first().copied())
        } else {
            lines
                .iter()
                .copied()
                .rev()
                .find(|&l| l < at)
                .or(lines.last().copied())
        }
    };
    let search = state.search.clone();
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    match found {
        Some(i) if p.tab == Tab::Steps => {
            p.step = i;
            p.detail_scroll = 0;
        }
        Some(line) => p.scroll[p.tab.index()] = line as u16,
        None => {
            app.message = Some(format!(
                "“{}” is not in this section.",
                crate::text::clean(&search)
            ))
        }
    }
}

/// Carries out `action` in `ctx`.
pub fn act(app: &mut App, ctx: Context, action: Action) -> Option<Effect> {
    if super::rejecting::asking(app) {
        // Asked once: y rejects; any other key keeps the suggestion.
        super::rejecting::answer(app, action == Action::ConfirmPair);
        return None;
    }
    match action {
        Action::Quit => {
            super::editing::leave(app, super::app::Pending::Quit);
            return None;
        }
        Action::Undo => {
            if !super::rejecting::undo(app) {
                super::editing::undo(app, false);
            }
            return None;
        }
        Action::Redo => {
            super::editing::undo(app, true);
            return None;
        }
        Action::Save if ctx == Context::Conflicts => {
            super::conflicts::act(app, action);
            return None;
        }
        Action::Save if ctx != Context::Confirm => {
            super::editing::save(app);
            return None;
        }
        Action::Edit => {
            super::editing::open_form(app);
            return None;
        }
        Action::Sync => return super::sync::start(app),
        Action::LocalChanges if matches!(ctx, Context::Pathway | Context::Steps) => {
            super::sync::show_local_changes(app);
            return None;
        }
        Action::Rebase if matches!(ctx, Context::Pathway | Context::Steps) => {
            super::sync::rebase(app);
            return None;
        }
        Action::ExternalEditor if matches!(ctx, Context::Pathway | Context::Steps) => {
            return super::editing::edit_file(app);
        }
        Action::Conflicts if matches!(ctx, Context::Pathway | Context::Steps) => {
            super::conflicts::open(app);
            return None;
        }
        Action::ShowChanges if matches!(ctx, Context::Pathway | Context::Steps) => {
            super::versions::unsaved(app);
            return None;
        }
        Action::History if matches!(ctx, Context::Pathway | Context::Steps) => {
            super::versions::history(app);
            return None;
        }
        Action::Saves if matches!(ctx, Context::Pathway | Context::Steps) => {
            super::versions::saves(app);
            return None;
        }
        Action::SignOff if matches!(ctx, Context::Pathway | Context::Steps) => {
            super::signoff::sign(app);
            return None;
        }
        Action::Problems if matches!(ctx, Context::Pathway | Context::Steps) => {
            super::problems::open(app);
            return None;
        }
        Action::ConfirmPair => {
            super::compare::confirm_pair(app);
            return None;
        }
        Action::RejectPair => {
            super::rejecting::ask(app);
            return None;
        }
        Action::Adopt => {
            super::compare::adopt(app);
            return None;
        }
        Action::StartAnalysis => {
            super::analyses::start_key(app);
            return None;
        }
        Action::RemoveAnalysis => {
            super::analyses::remove_key(app);
            return None;
        }
        Action::Link if ctx == Context::Compare => {
            super::link::start(app);
            return None;
        }
        Action::Unlink => {
            super::link::unlink(app);
            return None;
        }
        Action::LinkPartner(n) => {
            super::link::with_partner(app, n);
            return None;
        }
        Action::Help => {
            app.help = Some(0);
            return None;
        }
        Action::WhoIsHere => {
            app.who_is_here = true;
            return None;
        }
        Action::ToggleMouse => {
            app.mouse = !app.mouse;
            app.message = Some(if app.mouse {
                "Mouse on: wheel and click work; hold Shift to select text.".into()
            } else {
                "Mouse off: select text with the mouse to copy it; m turns the mouse back on."
                    .into()
            });
            return Some(Effect::SetMouse(app.mouse));
        }
        Action::Suspend => return Some(Effect::Suspend),
        Action::Meeting if matches!(ctx, Context::Pathway | Context::Steps) => {
            super::meeting::open(app);
            return None;
        }
        Action::Lead => {
            super::follow::toggle_lead(app);
            return None;
        }
        Action::Decide if matches!(ctx, Context::Compare | Context::Matrix) => {
            super::minutes::decide(app);
            return None;
        }
        Action::Ask => {
            super::minutes::ask(app);
            return None;
        }
        Action::Export if matches!(ctx, Context::Library | Context::Pathway | Context::Steps) => {
            let today = app.today;
            return super::export::what(app, ctx).map(|source| Effect::Export { source, today });
        }
        _ => {}
    }
    match ctx {
        Context::Help => help(app, action),
        Context::Question => super::question::act(app, action),
        Context::LinkTo => super::link::act(app, action),
        Context::WhoIsHere => {
            if action == Action::Back {
                app.who_is_here = false;
            }
        }
        Context::Filter if super::form_nav::is_filtering(app) => {
            super::form_nav::filter_action(app, action)
        }
        Context::Filter if app.pathway.is_some() => search(app, action),
        Context::Library | Context::Filter => library(app, action),
        Context::Pathway => reading(app, action),
        Context::Steps if action == Action::Flow => super::flow::toggle(app),
        Context::Steps => steps(app, action),
        Context::Flow => {
            if !super::flow::act(app, action) {
                steps(app, action);
            }
        }
        Context::Exits => exits(app, action),
        Context::Compare | Context::Matrix | Context::Picker => {
            super::compare::act(app, ctx, action)
        }
        Context::Input if app.pathway.is_none() => super::structure::new_pathway(app, action),
        Context::Input if app.pathway.as_ref().is_some_and(|p| p.conflicts.is_some()) => {
            super::conflicts::input(app, action)
        }
        Context::Form | Context::Input | Context::Choice => {
            return super::editing::form(app, ctx, action);
        }
        Context::Confirm => super::editing::confirm(app, action),
        Context::TextEditor => super::editing::close_text_editor(app),
        Context::Problems => super::problems::act(app, action),
        Context::Diff | Context::Commits => super::versions::act(app, ctx, action),
        Context::Conflicts => super::conflicts::act(app, action),
        Context::Recover => super::recovery::act(app, action),
        Context::Meeting | Context::Thread | Context::Chart => {
            super::meeting::act(app, ctx, action)
        }
        Context::FollowAsk | Context::Following => super::follow::act(app, ctx, action),
        Context::Draft => super::draft::act(app, action),
    }
    None
}

fn help(app: &mut App, action: Action) {
    let max = app.areas.borrow().help_max_scroll;
    let Some(scroll) = app.help.as_mut() else {
        return;
    };
    match action {
        Action::Back => app.help = None,
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Down => *scroll = (*scroll + 1).min(max),
        _ => {}
    }
}

/// Moves `pos` in a list of `len` rows by `action`, `page` rows a page.
pub(super) fn move_in(pos: usize, len: usize, page: usize, action: Action) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => pos.saturating_sub(1),
        Action::Down => (pos + 1).min(last),
        Action::PageUp => pos.saturating_sub(page.max(1)),
        Action::PageDown => (pos + page.max(1)).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => pos,
    }
}

fn library(app: &mut App, action: Action) {
    let page = usize::from(app.areas.borrow().list.height.saturating_sub(1)).max(1);
    match action {
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => {
            app.library.chosen = true;
            app.library.selected = move_in(
                app.library.selected,
                app.library.visible.len(),
                page,
                action,
            );
        }
        Action::Filter => app.library.filtering = true,
        Action::AddItem => super::structure::start_new_pathway(app),
        Action::Back if app.library.filtering => {
            app.library.filtering = false;
            app.library.filter.clear();
            app.refresh_visible();
        }
        Action::Open if app.library.filtering => app.library.filtering = false,
        Action::Open => open_selected(app),
        Action::Sort => {
            app.library.sort = app.library.sort.next();
            app.refresh_visible();
            app.message = Some(format!("Sorted by {}.", app.library.sort.label()));
        }
        _ => {}
    }
}

fn open_selected(app: &mut App) {
    let Some(&i) = app.library.visible.get(app.library.selected) else {
        return;
    };
    open_entry(app, i, AfterOpening::Show);
}

/// Opens the pathway of entry `i`. The built-in examples are in memory and
/// open at once; a file is read (once, whole) by the worker, together with
/// what it says beyond the pathway (an unfinished merge's record) and edits
/// kept from a session that ended without saving, and shown when it
/// arrives ([`opened`]).
pub(super) fn open_entry(app: &mut App, i: usize, then: AfterOpening) {
    let Some(entry) = app.entries.get(i) else {
        return;
    };
    match entry.path.clone() {
        Some(file) => {
            let local = entry
                .pathway()
                .filter(|p| p.based_on.is_some())
                .map(|p| Box::new(p.clone()));
            app.opening = Some(Opening { entry: i, then });
            app.outbox.push(Effect::Inspect {
                file,
                journal: app.journal.clone(),
                local,
            });
        }
        None if entry.pathway().is_some() => app.pathway = Some(PathwayState::new(i)),
        None => did_not_load(app, i),
    }
}

fn did_not_load(app: &mut App, i: usize) {
    app.message = Some(format!(
        "{} did not load; its problems are listed below. carepath will not change this file.",
        crate::text::clean(&app.entries[i].file)
    ));
}

/// A pathway's file, read by the worker: the entry takes what it says now;
/// the pathway being opened is shown, with a session on that text; an open
/// pathway without a session gets one.
fn opened(
    app: &mut App,
    file: &std::path::Path,
    opened: Result<Box<Session>, Vec<crate::store::load::Diagnostic>>,
    kept: Option<crate::store::journal::Entry>,
) {
    let Some(i) = app
        .entries
        .iter()
        .position(|e| e.path.as_deref() == Some(file))
    else {
        return;
    };
    let opening = app.opening.filter(|o| o.entry == i);
    let dirty = super::editing::is_dirty(app);
    if opening.is_some() || !dirty {
        app.entries[i].set_state(match &opened {
            Ok(session) => EntryState::Loaded(Box::new(session.saved().clone())),
            Err(problems) => EntryState::Broken(problems.clone()),
        });
    }
    if opening.is_some() {
        app.opening = None;
        if opened.is_err() {
            did_not_load(app, i);
            return;
        }
        app.pathway = Some(PathwayState::new(i));
    }
    let text = opened.as_ref().ok().map(|s| s.base_text().to_owned());
    if let Some(state) = app.pathway.as_mut().filter(|s| s.entry == i)
        && state.session.is_none()
    {
        state.session = opened.ok().map(|s| *s);
    }
    inspected(app, file, text.as_deref(), kept);
    if opening.is_some_and(|o| o.then == AfterOpening::Conflicts) {
        super::conflicts::open(app);
    }
}

/// The open pathway's file as read on opening: an unfinished merge is
/// counted, and kept edits are offered with what they would change.
fn inspected(
    app: &mut App,
    file: &std::path::Path,
    text: Option<&str>,
    kept: Option<crate::store::journal::Entry>,
) {
    let Some((now, state)) = app.open_pathway() else {
        return;
    };
    if app.entries[state.entry].path.as_deref() != Some(file) {
        return;
    }
    let now = now.clone();
    let offer = kept.map(|entry| {
        let (changes, file_changed) = super::recovery::against_now(&entry, &now, text);
        (entry, changes, file_changed)
    });
    // The session starts here, from the file as read now, so every edit
    // made later is made to the version on screen: one made on a version
    // read later could land on a step that has since moved.
    let loaded = text.and_then(|t| {
        crate::store::load::load_str(&file.display().to_string(), t)
            .ok()
            .map(|p| (t, p))
    });
    if let Some((text, loaded)) = loaded
        && !app.read_only
        && app.pathway.as_ref().is_some_and(|s| s.session.is_none())
    {
        let before = super::keep_place::steps_now(app);
        let session = crate::store::session::Session::new(file, text.to_string(), loaded);
        if let Some(s) = app.pathway.as_mut() {
            s.session = Some(session);
        }
        if loaded_differs(&now, app) {
            super::editing::sync(app);
            super::keep_place::follow_steps(app, &before);
        }
    }
    let Some(state) = app.pathway.as_mut() else {
        return;
    };
    // A merge that did not finish leaves its record at the top of the
    // file: say so, so people find the conflicts (M).
    state.merge_record = text
        .and_then(crate::merge::record::read)
        .map_or(0, |(c, _)| c.len());
    if let Some((entry, changes, file_changed)) = offer {
        state.recovery = Some(entry);
        state.recovery_changes = changes;
        state.recovery_file_changed = file_changed;
    }
}

/// Whether the session's pathway is not the one shown (`now`).
fn loaded_differs(now: &crate::model::Pathway, app: &App) -> bool {
    app.pathway
        .as_ref()
        .and_then(|s| s.session.as_ref())
        .is_some_and(|s| s.pathway() != now)
}

/// Keys while typing a search inside a pathway.
fn search(app: &mut App, action: Action) {
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    match action {
        Action::Back => {
            p.searching = false;
            p.search.clear();
        }
        Action::Open => p.searching = false,
        Action::Up | Action::Down => {
            p.searching = false;
            let ctx = screen_context(app);
            act(app, ctx, action);
        }
        _ => {}
    }
}

/// `/`, `n` and `N` inside a pathway, and `c` to compare; true if
/// `action` was one of them.
fn search_keys(app: &mut App, action: Action) -> bool {
    match action {
        Action::Compare => {
            super::compare::open(app);
            true
        }
        Action::Filter => {
            if let Some(p) = app.pathway.as_mut() {
                p.searching = true;
                p.search.clear();
            }
            true
        }
        Action::NextMatch | Action::PrevMatch => {
            find(app, action, false);
            true
        }
        _ => false,
    }
}

fn switch_tab(app: &mut App, action: Action) -> bool {
    let Some(p) = app.pathway.as_mut() else {
        return false;
    };
    let n = Tab::ALL.len();
    let i = p.tab.index();
    p.tab = match action {
        Action::NextTab => Tab::ALL[(i + 1) % n],
        Action::PrevTab => Tab::ALL[(i + n - 1) % n],
        Action::Tab(t) if t < n => Tab::ALL[t],
        _ => return false,
    };
    p.focus = StepFocus::List;
    true
}

/// The reading tabs: overview, analyses, Monday morning, measures.
fn reading(app: &mut App, action: Action) {
    if switch_tab(app, action)
        || search_keys(app, action)
        || super::meeting::on_measures(app, action)
    {
        return;
    }
    let (max, page) = {
        let a = app.areas.borrow();
        (a.max_scroll, a.page)
    };
    if action == Action::Back {
        super::editing::leave(app, super::app::Pending::Library);
        return;
    }
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    let scroll = &mut p.scroll[p.tab.index()];
    *scroll = move_in(
        usize::from(*scroll),
        usize::from(max) + 1,
        usize::from(page),
        action,
    ) as u16;
}

fn steps(app: &mut App, action: Action) {
    if switch_tab(app, action) || search_keys(app, action) {
        return;
    }
    let (detail_max, page) = {
        let a = app.areas.borrow();
        (a.detail_max_scroll, a.page)
    };
    let Some((pathway, _)) = app.open_pathway() else {
        return;
    };
    let count = pathway.steps.len();
    let exits = |i: usize| pathway.steps.get(i).map_or(0, |s| s.exits().count());
    let exits_here = exits(app.pathway.as_ref().map_or(0, |p| p.step));
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    match action {
        Action::Up | Action::Down | Action::Top | Action::Bottom => {
            p.step = move_in(p.step, count, 1, action);
            p.detail_scroll = 0;
        }
        Action::PageUp | Action::PageDown => {
            p.detail_scroll = move_in(
                usize::from(p.detail_scroll),
                usize::from(detail_max) + 1,
                usize::from(page),
                action,
            ) as u16;
        }
        Action::Open if exits_here > 0 => {
            p.focus = StepFocus::Exits;
            p.exit = 0;
        }
        Action::Open => {
            app.message = Some("This step is an end of the pathway: it leads nowhere else.".into())
        }
        Action::WalkBack => walk_back(app),
        Action::Back => super::editing::leave(app, super::app::Pending::Library),
        Action::AddItem => super::structure::start_add_step(app),
        Action::DeleteItem => super::structure::delete_step(app),
        Action::MoveItemUp => super::structure::move_step(app, true),
        Action::MoveItemDown => super::structure::move_step(app, false),
        _ => {}
    }
}

fn exits(app: &mut App, action: Action) {
    let Some((pathway, state)) = app.open_pathway() else {
        return;
    };
    let Some(step) = pathway.steps.get(state.step) else {
        return;
    };
    let count = step.exits().count();
    let target = step
        .exits()
        .nth(state.exit)
        .and_then(|e| pathway.step_index(e.target));
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    match action {
        Action::Up | Action::Down => p.exit = move_in(p.exit, count, 1, action),
        Action::Back => p.focus = StepFocus::List,
        Action::Open => match target {
            Some(t) => follow(app, t),
            None => app.message = Some("That step does not exist in this pathway.".into()),
        },
        Action::WalkBack => walk_back(app),
        _ => {}
    }
}

/// Goes to step `to`, remembering where we came from.
fn follow(app: &mut App, to: usize) {
    let Some((pathway, _)) = app.open_pathway() else {
        return;
    };
    let has_exits = pathway
        .steps
        .get(to)
        .is_some_and(|s| s.exits().next().is_some());
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    p.trail.push(p.step);
    p.step = to;
    p.exit = 0;
    p.detail_scroll = 0;
    p.focus = if has_exits {
        StepFocus::Exits
    } else {
        StepFocus::List
    };
}

fn walk_back(app: &mut App) {
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    match p.trail.pop() {
        Some(prev) => {
            p.step = prev;
            p.exit = 0;
            p.detail_scroll = 0;
            p.focus = StepFocus::List;
        }
        None => app.message = Some("This is where your walk through the steps began.".into()),
    }
}

fn on_mouse(app: &mut App, mouse: MouseEvent) -> Option<Effect> {
    let ctx = context(app);
    let at = Position::new(mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => act(app, ctx, Action::Down),
        MouseEventKind::ScrollUp => act(app, ctx, Action::Up),
        MouseEventKind::Down(MouseButton::Left) => {
            click(app, ctx, at);
            None
        }
        _ => None,
    }
}

/// The row of a list drawn in `area` from `offset` that `at` falls on.
fn row_at(area: Rect, offset: usize, at: Position) -> Option<usize> {
    area.contains(at)
        .then(|| offset + usize::from(at.y - area.y))
}

fn click(app: &mut App, ctx: Context, at: Position) {
    let areas = app.areas.borrow().clone();
    if ctx == Context::Help {
        app.help = None;
        return;
    }
    if app.pathway.is_none() {
        if let Some(row) = row_at(areas.list, areas.list_offset, at)
            && row < app.library.visible.len()
        {
            if row == app.library.selected {
                open_selected(app);
            } else {
                app.library.chosen = true;
                app.library.selected = row;
            }
        }
        return;
    }
    if matches!(ctx, Context::Compare | Context::Matrix) {
        if let Some(line) = row_at(areas.compare_rows, areas.compare_offset, at) {
            super::compare::click_line(app, line);
        }
        return;
    }
    if let Some((_, t)) = areas.tabs.iter().find(|(r, _)| r.contains(at)) {
        switch_tab(app, Action::Tab(*t));
        return;
    }
    if let Some(i) = areas.exits.iter().position(|r| r.contains(at)) {
        if let Some(p) = app.pathway.as_mut() {
            p.focus = StepFocus::Exits;
            p.exit = i;
        }
        exits(app, Action::Open);
        return;
    }
    let count = app.open_pathway().map_or(0, |(p, _)| p.steps.len());
    if let Some(row) = row_at(areas.steps, areas.steps_offset, at)
        && row < count
        && let Some(p) = app.pathway.as_mut()
    {
        p.step = row;
        p.focus = StepFocus::List;
        p.detail_scroll = 0;
    }
}
