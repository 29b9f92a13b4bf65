//! The Measures tab of the pathway lists the measures whose run charts the
//! meeting opens: moving chooses one, Enter opens its chart.

use crate::tui::app::{App, Tab};
use crate::tui::keys::Action;
use crate::tui::screen::chart::RunChart;
use crate::tui::update::move_in;

/// The keys of the Measures tab, which lists the measures to choose one:
/// moving chooses, Enter opens the chosen measure's run chart. Whether the
/// key was taken here.
pub fn on_measures(app: &mut App, action: Action) -> bool {
    let count = app.open_pathway().map_or(0, |(p, _)| p.measures.len());
    let Some(s) = app.pathway.as_mut().filter(|s| s.tab == Tab::Measures) else {
        return false;
    };
    match action {
        Action::Open => {
            let Some((p, s)) = app.open_pathway() else {
                return true;
            };
            let chosen = s.measure.min(count.saturating_sub(1));
            match p.measures.get(chosen) {
                Some(m) if !m.values.is_empty() => app.stack.push(RunChart { measure: chosen }),
                Some(_) => {
                    app.message = Some(
                        "No values recorded for this measure yet: e edits it (values: date, value), and its run chart opens here."
                            .into(),
                    )
                }
                None => app.message = Some("No measures yet: e adds one.".into()),
            }
            true
        }
        a if a.moves_in_list() => {
            s.measure = move_in(s.measure, count, 1, action);
            true
        }
        _ => false,
    }
}
