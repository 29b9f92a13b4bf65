//! A keystroke in the long-text editor on a 10,000-word field: the key is
//! handled and the editor drawn. Target: under 2 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui_textarea::{TextArea, WrapMode};

fn editor(c: &mut Criterion) {
    let words = [
        "discharge",
        "medicines",
        "handover",
        "resident",
        "family",
        "nurse",
        "ward",
        "care",
    ];
    // Ten thousand words in paragraphs of a hundred, as a long detail field.
    let lines: Vec<String> = (0..100)
        .flat_map(|p| {
            let para: Vec<&str> = (0..100).map(|i| words[(p * 7 + i) % words.len()]).collect();
            [para.join(" "), String::new()]
        })
        .collect();
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::Word);
    // As in the app: undo is the session's, not the editor's.
    area.set_max_histories(0);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    // Somewhere in the middle, as when correcting a sentence.
    for _ in 0..100 {
        area.input(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    }
    // A key typed and the editor drawn; typing and deleting alternate so
    // the text stays the same size.
    let mut typed = false;
    c.bench_function("keystroke_in_10000_word_text", |b| {
        b.iter(|| {
            let key = if typed {
                KeyCode::Backspace
            } else {
                KeyCode::Char('x')
            };
            typed = !typed;
            area.input(KeyEvent::new(key, KeyModifiers::NONE));
            term.draw(|f| f.render_widget(&area, f.area())).unwrap();
        })
    });
    c.bench_function("keystroke_only", |b| {
        b.iter(|| {
            let key = if typed {
                KeyCode::Backspace
            } else {
                KeyCode::Char('x')
            };
            typed = !typed;
            area.input(KeyEvent::new(key, KeyModifiers::NONE));
        })
    });
}

criterion_group!(benches, editor);
criterion_main!(benches);
