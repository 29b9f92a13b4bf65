//! The site's stylesheet and search script, inlined in every page so that
//! a page works on its own from a file share, an email or `file://`.
//!
//! Colours meet WCAG AA on white (the darkest text is #1a1a1a, links
//! #0b4f9c, red flags #a4001d, all above 7:1); every colour has a word or
//! a mark beside it.

pub const CSS: &str = r##"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #fff; overflow-wrap: break-word; }
main, header.site, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header.site { padding-top: 0.75rem; }
a { color: #0b4f9c; }
a:focus, input:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }
h1 { font-size: 1.7rem; line-height: 1.2; }
h2 { font-size: 1.35rem; border-bottom: 2px solid #1a1a1a; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #595959; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #eeeeee; }
.scroll { max-width: 100%; overflow-x: auto; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.overdue, .stale, .flag { color: #a4001d; font-weight: 600; }
.step { border-left: 4px solid #595959; padding: 0.1rem 0 0.1rem 0.8rem; margin: 1rem 0; }
.step.decision { border-left-style: double; border-left-width: 6px; }
.step.referral { border-left-style: dashed; }
.step:target { background: #fff3c4; }
.kind { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.04em; }
figure.flow { margin: 1rem 0; }
figure.flow svg { display: block; width: 100%; max-width: 44rem; height: auto; }
figure.run-chart { margin: 1rem 0; }
figure.run-chart svg { display: block; width: 100%; max-width: 40rem; height: auto; }
.decided { font-style: italic; }
.status-agree::before { content: "= "; }
.status-differ::before { content: "~ "; }
.status-only::before { content: "< > "; }
#search-box[hidden] { display: none; }
#search-box input { font: inherit; padding: 0.3rem; width: 100%; max-width: 28rem; border: 2px solid #595959; }
.no-results { font-style: italic; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 0.5rem; background: #fff; padding: 0.3rem; }
/* On a narrow screen a wide table becomes one block per row, each cell
   named by its column. */
@media screen and (max-width: 40rem) {
  table.stack, table.stack tbody, table.stack tr, table.stack th, table.stack td { display: block; width: 100%; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { border: 1px solid #595959; margin-bottom: 0.75rem; }
  table.stack th, table.stack td { border: 0; border-bottom: 1px solid #d0d0d0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
footer { margin-top: 2rem; padding-bottom: 1rem; font-size: 0.9rem; color: #3d3d3d; }
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  body { font-size: 10.5pt; }
  header.site nav, #search-box, .skip { display: none; }
  a { color: #1a1a1a; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  .step, tr, figure.flow, figure.run-chart { break-inside: avoid; }
  figure.flow svg { max-width: 100%; max-height: 250mm; }
  .scroll { overflow: visible; }
}
"##;

/// Filters the index as people type: a row stays when every word typed is
/// in it. Without the script the box stays hidden and every row shows.
pub const SEARCH_JS: &str = r##"
(function () {
  var box = document.getElementById("search-box");
  var input = document.getElementById("search");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#pathways tbody tr"));
  var none = document.getElementById("no-results");
  var count = document.getElementById("shown");
  if (!box || !input) return;
  box.hidden = false;
  function filter() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var keep = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    none.hidden = shown !== 0;
    count.textContent = shown + " of " + rows.length + " pathways shown";
  }
  input.addEventListener("input", filter);
  if (input.value) filter();
})();
"##;
