//! The static site: `index.html` listing the library, searchable by
//! typing, and one self-contained page per pathway (see [`super::html_page`]).
//! Every page carries its own style, so it works from a file share, an
//! email attachment or `file://`; nothing is fetched from the network.

use std::fmt::Write;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::escape::{esc, esc_lines};
use super::html_style::{CSS, SEARCH_JS};
use super::{Library, OutFile, SignState};

/// Every file of the site: the index first, then one page per pathway.
pub fn site(lib: &Library, stems: &[String]) -> Vec<OutFile> {
    // Each pathway's page and its row of the index, worked out together so
    // that the sign-off state (a digest of the whole pathway) is worked
    // out once.
    let pairs: Vec<(usize, String, String)> = super::par_map(lib.items.len(), |n| {
        let item = &lib.items[n];
        let state = SignState::of(item.pathway);
        let status = status_cell(item.pathway, &state);
        (
            n,
            index_row(lib, item.pathway, &stems[n], &status),
            super::html_page::page(item, lib, &state, &status),
        )
    });
    let mut files = Vec::with_capacity(lib.items.len() + 1);
    let rows: Vec<&str> = pairs.iter().map(|(_, row, _)| row.as_str()).collect();
    files.push(OutFile {
        name: "index.html".into(),
        text: index(lib, &rows),
    });
    for (n, _, page) in pairs {
        files.push(OutFile {
            name: format!("{}.html", stems[n]),
            text: page,
        });
    }
    files
}

/// The start of every page, up to and including the opening `<main>`.
pub(super) fn head(title: &str, nav: bool) -> String {
    let mut s = String::with_capacity(CSS.len() + 512);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"carepath\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#content\">Skip to the content</a>\n<header class=\"site\">",
        esc(title)
    );
    if nav {
        s.push_str("<nav aria-label=\"Library\"><a href=\"index.html\">All pathways</a></nav>");
    }
    s.push_str("</header>\n<main id=\"content\">\n");
    s
}

pub(super) fn foot(note: &str) -> String {
    format!(
        "</main>\n<footer><p>{}</p></footer>\n</body>\n</html>\n",
        esc(note)
    )
}

/// The review date in words, with "overdue" where it has passed.
pub(super) fn review(p: &crate::model::Pathway, today: chrono::NaiveDate) -> String {
    match p.review_due {
        None => "not set".into(),
        Some(d) if p.review_overdue(today) => {
            format!("<span class=\"overdue\">{d} — overdue ⚠</span>")
        }
        Some(d) => d.to_string(),
    }
}

/// The status and sign-offs in words; stale sign-offs marked by word.
pub(super) fn status_cell(p: &crate::model::Pathway, state: &SignState) -> String {
    let mut s = format!("<strong>{}</strong>", p.status.as_str());
    if !p.participants.is_empty() {
        let _ = write!(s, "<br>{}", esc(&state.summary(p)));
    }
    if !state.stale.is_empty() {
        s = s.replace("(stale)", "<span class=\"stale\">(stale)</span>");
    }
    s
}

fn index_row(lib: &Library, p: &crate::model::Pathway, stem: &str, status: &str) -> String {
    let participants: Vec<String> = p.participants.iter().map(|x| esc(&x.name)).collect();
    format!(
        "<tr><th scope=\"row\"><a href=\"{stem}.html\">{}</a></th><td data-label=\"Status\">{status}</td>\
         <td data-label=\"Place\">{}</td><td data-label=\"Participants\">{}</td><td data-label=\"Review due\">{}</td></tr>\n",
        esc(&p.title),
        p.place.as_deref().map_or_else(|| "—".into(), esc),
        if participants.is_empty() {
            "none yet".into()
        } else {
            participants.join("; ")
        },
        review(p, lib.today)
    )
}

fn index(lib: &Library, rows: &[&str]) -> String {
    let title = format!("Care pathways — {}", lib.name);
    let mut s = head(&title, false);
    let _ = write!(
        s,
        "<h1>{}</h1>\n<p>{} pathways. Each page shows the steps, who does what, \
         where partners agreed and differed, and what changes on Monday morning.</p>\n",
        esc(&title),
        lib.items.len()
    );
    s.push_str(
        "<div id=\"search-box\" role=\"search\" hidden><label for=\"search\">Find a pathway \
         (title, place, status, participant)</label><br><input id=\"search\" type=\"search\" \
         autocomplete=\"off\"><p id=\"shown\" aria-live=\"polite\"></p></div>\n",
    );
    s.push_str(
        "<div class=\"scroll\"><table id=\"pathways\" class=\"stack\">\n<caption class=\"skip\">Pathways of the library</caption>\n\
         <thead><tr><th scope=\"col\">Pathway</th><th scope=\"col\">Status</th><th scope=\"col\">Place</th>\
         <th scope=\"col\">Participants</th><th scope=\"col\">Review due</th></tr></thead>\n<tbody>\n",
    );
    for row in rows {
        s.push_str(row);
    }
    s.push_str("</tbody>\n</table></div>\n<p id=\"no-results\" class=\"no-results\" hidden>No pathway matches those words.</p>\n");
    if !lib.broken.is_empty() {
        s.push_str("<h2>Files that did not load</h2>\n<p>These files have problems and are not published until they are fixed:</p>\n<ul>\n");
        for b in &lib.broken {
            let _ = write!(s, "<li><strong>{}</strong>", esc(&b.file));
            if let Some(first) = b.problems.first() {
                let _ = write!(s, ": {}", esc(first));
            }
            s.push_str("</li>\n");
        }
        s.push_str("</ul>\n");
    }
    let _ = writeln!(s, "<script>{SEARCH_JS}</script>");
    s.push_str(&foot(&format!(
        "Published by carepath from {}; review dates as of {}.",
        lib.name, lib.today
    )));
    s
}

/// A step's detail, written in Markdown, as HTML. Raw HTML in it is shown
/// as text, never passed through; images become their description and
/// links leave the page only by a person's click, never to fetch: web
/// addresses are shown as text beside the link's words.
pub fn markdown_html(md: &str) -> String {
    let clean = crate::text::clean_lines(md).join("\n");
    let mut events = Vec::new();
    let mut in_image = false;
    let mut link_targets: Vec<Option<String>> = Vec::new();
    for event in Parser::new_ext(
        &clean,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => events.push(Event::Text(h)),
            Event::Start(Tag::Image { .. }) => in_image = true,
            Event::End(TagEnd::Image) => in_image = false,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if dest_url.starts_with('#') {
                    link_targets.push(None);
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                } else {
                    link_targets.push(Some(dest_url.to_string()));
                }
            }
            Event::End(TagEnd::Link) => match link_targets.pop() {
                Some(None) => events.push(Event::End(TagEnd::Link)),
                Some(Some(url)) => events.push(Event::Text(format!(" ({url})").into())),
                None => {}
            },
            e if in_image => {
                if let Event::Text(t) = e {
                    events.push(Event::Text(t));
                }
            }
            e => events.push(e),
        }
    }
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

/// Multi-line plain text as paragraphs.
pub(super) fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>\n", esc_lines(p.trim()).replace('\n', "<br>\n")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_in_a_detail_is_shown_as_text() {
        let h =
            markdown_html("Call the **ward**.\n\n<script>alert(1)</script>\n\nA <b>bold</b> claim");
        assert!(h.contains("<strong>ward</strong>"), "{h}");
        assert!(!h.contains("<script>"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
        assert!(h.contains("&lt;b&gt;"), "{h}");
    }

    #[test]
    fn links_and_images_fetch_nothing() {
        let h = markdown_html(
            "See [the form](https://example.org/form) ![x](http://tracker.example/x.png) [up](#top) [bad](javascript:alert(1))",
        );
        assert!(!h.contains("href=\"http"), "{h}");
        assert!(!h.contains("src="), "{h}");
        assert!(!h.contains("href=\"javascript"), "{h}");
        assert!(h.contains("the form (https://example.org/form)"), "{h}");
        assert!(h.contains("<a href=\"#top\">up</a>"), "{h}");
    }
}
