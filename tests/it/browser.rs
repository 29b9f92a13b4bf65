//! The exported site in a real browser (Debian's `chromium`, headless,
//! installed by `.ci/run`): no sideways scrolling at desktop and phone
//! widths, the flow diagram on screen, search finding a pathway by a word
//! of its title, and a sane printout. Screenshots and the PDF are kept in
//! `target/browser/` for people to look at.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn chromium() -> String {
    if let Ok(c) = std::env::var("CAREPATH_CHROMIUM") {
        return c;
    }
    for c in ["chromium", "chromium-browser", "google-chrome"] {
        if Command::new(c)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
        {
            return c.into();
        }
    }
    panic!("no chromium: install Debian's `chromium` (.ci/run does) or set CAREPATH_CHROMIUM");
}

/// Runs headless chromium with `args` on `url`; its standard output.
fn browse(profile: &Path, args: &[String], url: &str) -> String {
    // Output to a file, not a pipe: a page's DOM is bigger than a pipe
    // holds, and chromium would wait for a reader.
    let out_path = profile.join("stdout.txt");
    let out_file = std::fs::File::create(&out_path).unwrap();
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdout(out_file)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    String::from_utf8_lossy(&std::fs::read(&out_path).unwrap()).into_owned()
}

/// Where the artifacts go: `target/browser/`.
fn artifacts() -> PathBuf {
    let dir = root().join("target/browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The examples as a site in `target/browser/NAME/` (one per test, as
/// tests run at once).
fn export_site(name: &str) -> PathBuf {
    let out = artifacts().join(name);
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(["export", "--format", "html", "-o"])
        .arg(&out)
        .arg(root().join("pathways"))
        .env("CAREPATH_TODAY", "2026-11-30")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    out
}

/// A page that shows `page` in a frame `width` pixels wide (a true
/// viewport of that width: headless chromium's own window is never
/// narrower than 500 px) and, once it has loaded, runs `script` on it
/// (`w` its window, `d` its document), writing what `r` holds into the
/// page for `--dump-dom` to read. The exported page itself is unchanged.
fn harness(site: &Path, page: &str, width: u32, height: u32, script: &str) -> PathBuf {
    framed(site, page, width, height, script, "")
}

/// [`harness`], with the frame's own attributes (`sandbox=…`).
fn framed(site: &Path, page: &str, width: u32, height: u32, script: &str, attrs: &str) -> PathBuf {
    let html = format!(
        "<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" src=\"{page}\" {attrs} \
         style=\"width:{width}px;height:{height}px;border:0;display:block\"></iframe><script>\
         document.getElementById('f').addEventListener('load',function(){{var r={{}};\
         try{{var w=this.contentWindow;var d=w.document;{script};}}catch(e){{r.error=String(e);}}\
         var p=document.createElement('pre');p.id='probe';p.textContent=JSON.stringify(r);\
         document.body.appendChild(p);}});</script></body></html>"
    );
    let path = site.join(format!(
        "harness-{}-{width}.html",
        page.trim_end_matches(".html")
    ));
    std::fs::write(&path, html).unwrap();
    path
}

/// Chromium's arguments to look at a harness page of `width`: file pages
/// may read their frame, and the dump waits for the frame to load.
fn harness_args(width: u32, height: u32) -> Vec<String> {
    vec![
        format!("--window-size={},{height}", width.max(500) + 20),
        "--allow-file-access-from-files".into(),
        "--virtual-time-budget=10000".into(),
    ]
}

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn probe_result(dom: &str) -> serde_json::Value {
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + 16;
    let end = start + dom[start..].find("</pre>").unwrap();
    let text = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&text).unwrap()
}

const MEASURE: &str = "r.width=w.innerWidth;r.scroll=d.documentElement.scrollWidth;\
var s=d.querySelector('figure.flow svg');if(s){var b=s.getBoundingClientRect();\
r.svg=[b.left,b.top,b.width,b.height];}";

#[test]
#[ignore = "needs Debian's chromium; .ci/run installs it and runs it"]
fn pages_fit_the_screen_at_desktop_and_phone_widths_with_the_flow_visible() {
    let site = export_site("site");
    let profile = tempfile::tempdir().unwrap();
    for page in ["index.html", "discharge-to-care-home.html"] {
        for width in [1280, 390] {
            let probe = harness(&site, page, width, 1000, MEASURE);
            let mut args = harness_args(width, 1000);
            args.push("--dump-dom".into());
            let r = probe_result(&browse(profile.path(), &args, &url(&probe)));
            assert_eq!(r["width"], width, "{page} at {width}: the viewport ({r})");
            assert!(
                r["scroll"].as_f64().unwrap() <= width as f64,
                "{page} at {width} px scrolls sideways: {r}"
            );
            if page != "index.html" {
                let svg: Vec<f64> = r["svg"]
                    .as_array()
                    .expect("a flow diagram")
                    .iter()
                    .map(|x| x.as_f64().unwrap())
                    .collect();
                assert!(
                    svg[2] > 200.0 && svg[3] > 200.0,
                    "the diagram is drawn: {svg:?}"
                );
                assert!(
                    svg[0] >= 0.0 && svg[0] + svg[2] <= width as f64,
                    "and within the width: {svg:?}"
                );
            }
            let shot = artifacts().join(format!("{}-{width}.png", page.trim_end_matches(".html")));
            let framed = harness(&site, page, width, 1600, "");
            let mut args = harness_args(width, 1600);
            args.push(format!("--screenshot={}", shot.display()));
            browse(profile.path(), &args, &url(&framed));
            assert!(
                std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000),
                "{}",
                shot.display()
            );
        }
    }
}

/// For every element with text of its own: its colour against the first
/// opaque background behind it, as a WCAG contrast ratio; the lowest.
const CONTRAST: &str = "function rgb(c){var m=c.match(/[0-9.]+/g).map(Number);return m;}\
function lum(c){var v=rgb(c).slice(0,3).map(function(x){x/=255;return x<=0.03928?x/12.92:Math.pow((x+0.055)/1.055,2.4);});\
return 0.2126*v[0]+0.7152*v[1]+0.0722*v[2];}\
function bg(e){while(e){var c=w.getComputedStyle(e).backgroundColor;var m=rgb(c);if(m.length<4||m[3]>0)return c;e=e.parentElement;}return 'rgb(255,255,255)';}\
r.lowest=99;r.where='';\
Array.prototype.forEach.call(d.body.querySelectorAll('*'),function(e){\
if(e.closest('svg')||e.closest('.skip'))return;\
var own=Array.prototype.some.call(e.childNodes,function(n){return n.nodeType===3&&n.textContent.trim();});\
if(!own||e.getClientRects().length===0)return;\
var a=lum(w.getComputedStyle(e).color),b=lum(bg(e));\
var ratio=(Math.max(a,b)+0.05)/(Math.min(a,b)+0.05);\
if(ratio<r.lowest){r.lowest=ratio;r.where=e.tagName+' '+e.className+': '+e.textContent.slice(0,40);}})";

#[test]
#[ignore = "needs Debian's chromium; .ci/run installs it and runs it"]
fn text_contrast_meets_wcag_aa() {
    let site = export_site("site-contrast");
    let profile = tempfile::tempdir().unwrap();
    for page in ["index.html", "discharge-to-care-home.html"] {
        let probe = harness(&site, page, 1280, 1000, CONTRAST);
        let mut args = harness_args(1280, 1000);
        args.push("--dump-dom".into());
        let r = probe_result(&browse(profile.path(), &args, &url(&probe)));
        let lowest = r["lowest"].as_f64().expect("measured");
        assert!(
            lowest >= 4.5,
            "{page}: contrast {lowest:.2} below 4.5:1 at {}",
            r["where"]
        );
    }
}

#[test]
#[ignore = "needs Debian's chromium; .ci/run installs it and runs it"]
fn typing_a_word_of_a_title_finds_the_pathway() {
    let site = export_site("site-search");
    let profile = tempfile::tempdir().unwrap();
    let script = "var i=d.getElementById('search');r.box=!d.getElementById('search-box').hidden;\
i.value='copd';i.dispatchEvent(new w.Event('input'));\
r.shown=Array.prototype.filter.call(d.querySelectorAll('#pathways tbody tr'),function(t){return !t.hidden;})\
.map(function(t){return t.querySelector('th').textContent;});\
i.value='nothing-is-called-this';i.dispatchEvent(new w.Event('input'));\
r.none=!d.getElementById('no-results').hidden";
    let probe = harness(&site, "index.html", 390, 1000, script);
    let mut args = harness_args(390, 1000);
    args.push("--dump-dom".into());
    let r = probe_result(&browse(profile.path(), &args, &url(&probe)));
    assert_eq!(r["box"], true, "the search box shows when scripts run: {r}");
    let shown: Vec<&str> = r["shown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].contains("COPD"), "{shown:?}");
    assert_eq!(r["none"], true, "no match says so");
}

#[test]
#[ignore = "needs Debian's chromium; .ci/run installs it and runs it"]
fn without_scripts_every_pathway_is_listed() {
    let site = export_site("site-noscript");
    let profile = tempfile::tempdir().unwrap();
    // A sandboxed frame runs none of the page's scripts.
    let script = "r.rows=Array.prototype.filter.call(d.querySelectorAll('#pathways tbody tr'),\
function(t){return t.getBoundingClientRect().height>0;}).length;\
r.box=d.getElementById('search-box').getBoundingClientRect().height";
    let probe = framed(
        &site,
        "index.html",
        390,
        1000,
        script,
        "sandbox=\"allow-same-origin\"",
    );
    let mut args = harness_args(390, 1000);
    args.push("--dump-dom".into());
    let r = probe_result(&browse(profile.path(), &args, &url(&probe)));
    assert_eq!(r["rows"], 5, "{r}");
    assert_eq!(r["box"], 0, "no search box that would not work: {r}");
}

#[test]
#[ignore = "needs Debian's chromium; .ci/run installs it and runs it"]
fn a_pathway_prints_to_a_sane_number_of_a4_pages() {
    let site = export_site("site-print");
    let profile = tempfile::tempdir().unwrap();
    let pdf = artifacts().join("discharge-to-care-home.pdf");
    let _ = std::fs::remove_file(&pdf);
    browse(
        profile.path(),
        &[
            "--no-pdf-header-footer".into(),
            format!("--print-to-pdf={}", pdf.display()),
        ],
        &url(&site.join("discharge-to-care-home.html")),
    );
    let bytes = std::fs::read(&pdf).expect("a PDF was written");
    let text = String::from_utf8_lossy(&bytes);
    // One media box per page; A4 is 595 × 842 points.
    let pages = text.matches("/MediaBox [0 0 594.9").count();
    assert_eq!(pages, text.matches("/MediaBox").count(), "every page is A4");
    assert!((2..=20).contains(&pages), "{pages} pages");
}
