//! `carepath compare`: participants' analyses side by side, as text for
//! people (coloured on a terminal) or JSON for other tools.

use std::path::Path;

use serde_json::{Value, json};

use super::output::{colour_stdout, paint, say_err};
use super::{Format, exit};
use crate::compare::{
    Alignment, Counts, Match, Matrix, Rejections, Row, RowStatus, Synonyms, align_in, matrix_in,
};
use crate::model::{Pathway, Point, Section, Weight};
use crate::store::read::load::load_file;

pub fn run(file: &Path, between: Option<(String, String)>, format: Format) -> i32 {
    let pathway = match load_file(file) {
        Ok(p) => p,
        Err(problems) => {
            for d in problems {
                say_err(&d.to_string());
            }
            say_err(&format!(
                "carepath compare: {} did not load, so it cannot be compared",
                file.display()
            ));
            return exit::COULD_NOT_RUN;
        }
    };
    let colour = colour_stdout();
    let folder = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Without the rejected suggestions the comparison still runs; it may
    // suggest again a pairing someone turned down.
    let rejected = match crate::store::team::rejections::load(folder) {
        Ok(list) => Rejections::new(&list),
        Err(e) => {
            say_err(&format!(
                "carepath compare: rejected suggestions are not used: {e}"
            ));
            Rejections::new(&[])
        }
    };
    let synonyms = match crate::store::library::vocabulary::load(folder) {
        Ok(groups) => Synonyms::with_library(&groups),
        Err(e) => {
            eprintln!("carepath compare: {e}");
            return exit::COULD_NOT_RUN;
        }
    };
    match between {
        Some((a, b)) => match align_in(&pathway, &a, &b, &rejected, &synonyms) {
            Ok(al) => {
                match format {
                    Format::Json => print_json(&alignment_json(&pathway, &al)),
                    Format::Text => print!("{}", alignment_text(&pathway, &al, colour)),
                }
                exit::OK
            }
            Err(e) => {
                say_err(&format!("carepath compare: {e}"));
                exit::COULD_NOT_RUN
            }
        },
        None => {
            let m = matrix_in(&pathway, &rejected, &synonyms);
            match format {
                Format::Json => print_json(&matrix_json(&pathway, &m)),
                Format::Text => print!("{}", matrix_text(&pathway, &m, colour)),
            }
            exit::OK
        }
    }
}

fn print_json(v: &Value) {
    println!("{}", super::output::json(v));
}

fn notes(p: &Pathway, ids: &[&str]) -> Vec<String> {
    ids.iter()
        .filter(|id| p.analyses.get(**id).is_none_or(|a| a.is_empty()))
        .map(|id| format!("{id} has not written an analysis yet; it counts as empty"))
        .collect()
}

/// The JSON of DESIGN.md §3, with counts and notes added.
pub fn alignment_json(p: &Pathway, al: &Alignment) -> Value {
    let mut sections = serde_json::Map::new();
    let mut per_section = serde_json::Map::new();
    for s in &al.sections {
        sections.insert(s.section.as_str().into(), json!(s.rows));
        let c = Counts::of(&s.rows);
        per_section.insert(
            s.section.as_str().into(),
            json!({"counts": c, "agreement": c.agreement()}),
        );
    }
    json!({
        "pathway": p.id,
        "a": al.a,
        "b": al.b,
        "agreement": al.agreement(),
        "counts": al.counts(),
        "summary": per_section,
        "notes": notes(p, &[&al.a, &al.b]),
        "sections": sections,
    })
}

pub fn matrix_json(p: &Pathway, m: &Matrix) -> Value {
    let participants: Vec<Value> = p
        .participants
        .iter()
        .zip(&m.has_analysis)
        .map(|(x, has)| json!({"id": x.id, "name": x.name, "kind": x.kind, "has_analysis": has}))
        .collect();
    let rows: Vec<Value> = m
        .rows
        .iter()
        .map(|r| {
            let cells: serde_json::Map<String, Value> = m
                .participants
                .iter()
                .zip(&r.cells)
                .map(|(id, c)| (id.clone(), json!(c)))
                .collect();
            json!({"section": r.section, "match": r.matched, "label": r.label, "sharpness": r.sharpness, "cells": cells})
        })
        .collect();
    let ids: Vec<&str> = m.participants.iter().map(String::as_str).collect();
    json!({"pathway": p.id, "participants": participants, "notes": notes(p, &ids), "rows": rows})
}

fn weight(w: Option<Weight>) -> &'static str {
    w.map_or("✓", Weight::as_str)
}

fn status_word(r: &Row, a: &str, b: &str) -> String {
    let base = match r.status {
        RowStatus::Agree => "agree".to_string(),
        RowStatus::Differ if r.differences.is_empty() => "same words".to_string(),
        RowStatus::Differ => format!("differ: {}", r.differences.join(", ")),
        RowStatus::OnlyA => format!("only {a}"),
        RowStatus::OnlyB => format!("only {b}"),
    };
    match r.matched {
        Some(Match::Suggested) => format!("{base} (suggested match, not confirmed)"),
        _ => base,
    }
}

fn marker(status: RowStatus) -> (&'static str, &'static str) {
    match status {
        RowStatus::Agree => ("=", "32"),
        RowStatus::Differ => ("~", "33"),
        RowStatus::OnlyA => ("<", "36"),
        RowStatus::OnlyB => (">", "35"),
    }
}

fn point_line(side: &str, point: &Point) -> String {
    let mut s = format!(
        "    {side}: [{}] {}",
        weight(point.weight),
        crate::text::clean(&point.text)
    );
    if let Some(e) = &point.evidence {
        s.push_str(&format!("\n         evidence: {}", crate::text::clean(e)));
    }
    s
}

pub fn alignment_text(p: &Pathway, al: &Alignment, colour: bool) -> String {
    let name = |id: &str| crate::text::clean(p.participant_name(id)).into_owned();
    let mut out = format!(
        "{}\n{} ({}) compared with {} ({})\n",
        paint(colour, "1", &crate::text::clean(&p.title)),
        name(&al.a),
        al.a,
        name(&al.b),
        al.b
    );
    for note in notes(p, &[&al.a, &al.b]) {
        out.push_str(&format!("note: {note}\n"));
    }
    for s in &al.sections {
        let c = Counts::of(&s.rows);
        out.push_str(&format!(
            "\n{} — {} agree, {} differ, {} only {}, {} only {}: {:.0}% agreement\n",
            paint(colour, "1", s.section.title()),
            c.agree,
            c.differ,
            c.only_a,
            al.a,
            c.only_b,
            al.b,
            c.agreement() * 100.0
        ));
        for r in &s.rows {
            let (mark, sgr) = marker(r.status);
            out.push_str(&format!(
                "  {} {}\n",
                paint(colour, sgr, mark),
                paint(colour, sgr, &status_word(r, &al.a, &al.b))
            ));
            if let Some(x) = &r.a {
                out.push_str(&point_line(&al.a, x));
                out.push('\n');
            }
            if let Some(y) = &r.b {
                out.push_str(&point_line(&al.b, y));
                out.push('\n');
            }
        }
    }
    let c = al.counts();
    out.push_str(&format!(
        "\nOverall: {} agree, {} differ, {} only {}, {} only {}: {:.0}% agreement\n",
        c.agree,
        c.differ,
        c.only_a,
        al.a,
        c.only_b,
        al.b,
        al.agreement() * 100.0
    ));
    out
}

pub fn matrix_text(p: &Pathway, m: &Matrix, colour: bool) -> String {
    let mut out = format!(
        "{}\nEvery participant's analysis, sharpest disagreements first\n",
        paint(colour, "1", &crate::text::clean(&p.title))
    );
    for note in notes(
        p,
        &m.participants
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    ) {
        out.push_str(&format!("note: {note}\n"));
    }
    let width = m
        .participants
        .iter()
        .map(|id| id.chars().count())
        .max()
        .unwrap_or(6)
        .max(6);
    out.push_str(&format!("\n{:<8} ", "section"));
    for id in &m.participants {
        out.push_str(&format!("{:<width$} ", crate::text::clean(id)));
    }
    out.push_str("point\n");
    for r in &m.rows {
        out.push_str(&format!("{:<8} ", Section::as_str(r.section)));
        for c in &r.cells {
            let cell = c.as_ref().map_or("·", |c| weight(c.weight));
            out.push_str(&format!("{cell:<width$} "));
        }
        let how = match r.matched {
            Some(Match::Suggested) => " (suggested grouping)",
            _ => "",
        };
        out.push_str(&format!("{}{how}\n", crate::text::clean(&r.label)));
    }
    out
}
