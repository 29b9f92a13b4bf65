//! Colour themes: YAML files in `themes/` (built in) or in the user's config
//! dir, turned into ratatui styles for the terminal's colour depth.
//!
//! Colour is only ever a help: every view also marks selection with reverse
//! video or `▶` and states status in words, so the monochrome theme (and
//! `NO_COLOR`) lose nothing.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::store::config::user_theme_text;

static BUILTIN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes");

/// The theme used when none is configured.
pub const DEFAULT_THEME: &str = "dark";

/// How many colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    TrueColor,
    Ansi256,
    Ansi16,
}

impl ColorDepth {
    /// ssh does not forward `COLORTERM`, so true colour is used only when the
    /// terminal says so; 256 colours otherwise, 16 on consoles that have no more.
    pub fn detect(colorterm: Option<&str>, term: Option<&str>) -> ColorDepth {
        if matches!(colorterm, Some("truecolor" | "24bit")) {
            return ColorDepth::TrueColor;
        }
        match term {
            Some(t) if t.contains("256") || t.contains("direct") => ColorDepth::Ansi256,
            Some("linux" | "vt100" | "vt102" | "vt220" | "ansi" | "dumb") => ColorDepth::Ansi16,
            _ => ColorDepth::Ansi256,
        }
    }

    pub fn from_env() -> ColorDepth {
        ColorDepth::detect(
            std::env::var("COLORTERM").ok().as_deref(),
            std::env::var("TERM").ok().as_deref(),
        )
    }
}

/// A theme file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeFile {
    pub name: String,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub colors: BTreeMap<String, String>,
}

/// The roles a theme may colour; any it leaves out use the terminal's default.
pub const ROLES: &[&str] = &[
    "text",
    "muted",
    "accent",
    "title",
    "border",
    "selection_fg",
    "selection_bg",
    "draft",
    "in_review",
    "agreed",
    "retired",
    "error",
    "warning",
    "agree",
    "differ",
    "only_a",
    "only_b",
    "suggested",
];

/// Resolved styles for every role.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    colors: BTreeMap<String, Color>,
    bold: bool,
}

impl Theme {
    /// The theme with no colour at all.
    pub fn monochrome() -> Theme {
        Theme {
            name: "monochrome".into(),
            colors: BTreeMap::new(),
            bold: false,
        }
    }

    /// Parses a theme file's text; errors name the problem in plain words.
    pub fn parse(text: &str, depth: ColorDepth) -> Result<Theme, String> {
        let file: ThemeFile = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
        let mut colors = BTreeMap::new();
        for (role, value) in &file.colors {
            if !ROLES.contains(&role.as_str()) {
                return Err(format!(
                    "unknown colour role `{role}`; roles are: {}",
                    ROLES.join(", ")
                ));
            }
            let color = parse_color(value)
                .ok_or_else(|| format!("`{value}` for `{role}` is not a colour (use #rrggbb, a name like lightblue, or 0-255)"))?;
            colors.insert(role.clone(), degrade(color, depth));
        }
        Ok(Theme {
            name: file.name,
            colors,
            bold: file.bold,
        })
    }

    /// The theme to use: none at all under `NO_COLOR`; else `wanted` (from
    /// `--theme` or the config file) or the default. A user's own theme file
    /// of the same name replaces the built-in one.
    pub fn resolve(
        wanted: Option<&str>,
        config_dir: Option<&Path>,
        no_color: bool,
        depth: ColorDepth,
    ) -> Result<Theme, String> {
        if no_color {
            return Ok(Theme::monochrome());
        }
        let name = wanted.unwrap_or(DEFAULT_THEME);
        let (origin, text) = match user_theme_text(config_dir, name) {
            Some(Ok(text)) => (format!("your theme file {name}.yaml"), text),
            Some(Err(e)) => return Err(e),
            None => match Theme::builtin_text(name) {
                Some(text) => (format!("the built-in theme {name}"), text.to_string()),
                None => {
                    return Err(format!(
                        "there is no theme called \"{name}\"; themes: {}",
                        Theme::builtin_names().join(", ")
                    ));
                }
            },
        };
        Theme::parse(&text, depth).map_err(|e| format!("{origin}: {e}"))
    }

    /// The names of the built-in themes.
    pub fn builtin_names() -> Vec<String> {
        let mut names: Vec<String> = BUILTIN
            .files()
            .filter_map(|f| f.path().file_stem()?.to_str().map(String::from))
            .collect();
        names.sort();
        names
    }

    /// The text of a built-in theme file.
    pub fn builtin_text(name: &str) -> Option<&'static str> {
        BUILTIN.get_file(format!("{name}.yaml"))?.contents_utf8()
    }

    fn color(&self, role: &str) -> Option<Color> {
        self.colors.get(role).copied()
    }

    fn fg(&self, role: &str) -> Style {
        let style = match self.color(role) {
            Some(c) => Style::new().fg(c),
            None => Style::new(),
        };
        if self.bold {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        }
    }

    pub fn text(&self) -> Style {
        self.fg("text")
    }

    pub fn muted(&self) -> Style {
        match self.color("muted") {
            Some(_) => self.fg("muted"),
            None => Style::new().add_modifier(Modifier::DIM),
        }
    }

    pub fn accent(&self) -> Style {
        self.fg("accent")
    }

    pub fn title(&self) -> Style {
        self.fg("title").add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        self.fg("accent").add_modifier(Modifier::BOLD)
    }

    pub fn border(&self) -> Style {
        self.fg("border")
    }

    /// The selected row: coloured where the theme has colours, and always
    /// reverse video where it has none, so it shows on any terminal.
    pub fn selection(&self) -> Style {
        match (self.color("selection_fg"), self.color("selection_bg")) {
            (Some(fg), Some(bg)) => Style::new().fg(fg).bg(bg).add_modifier(Modifier::BOLD),
            _ => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }

    pub fn error(&self) -> Style {
        self.fg("error").add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.fg("warning").add_modifier(Modifier::BOLD)
    }

    /// The style of a named role such as `agreed` or `only_a`.
    pub fn role(&self, role: &str) -> Style {
        self.fg(role)
    }
}

/// Reads `#rrggbb`, a colour name, or an index 0-255.
fn parse_color(s: &str) -> Option<Color> {
    let s = s.trim();
    if let Some(hex) = s.strip_prefix('#') {
        if hex.len() != 6 {
            return None;
        }
        let v = u32::from_str_radix(hex, 16).ok()?;
        return Some(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
    }
    if let Ok(i) = s.parse::<u8>() {
        return Some(Color::Indexed(i));
    }
    s.parse::<Color>().ok()
}

/// Lowers a colour to what the terminal can show.
pub fn degrade(color: Color, depth: ColorDepth) -> Color {
    match (color, depth) {
        (Color::Rgb(r, g, b), ColorDepth::Ansi256) => Color::Indexed(rgb_to_256(r, g, b)),
        (Color::Rgb(r, g, b), ColorDepth::Ansi16) => rgb_to_16(r, g, b),
        (Color::Indexed(i), ColorDepth::Ansi16) if i >= 16 => {
            let (r, g, b) = index_to_rgb(i);
            rgb_to_16(r, g, b)
        }
        (c, _) => c,
    }
}

const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The nearest colour of the xterm 256-colour palette (cube or grey ramp).
fn rgb_to_256(r: u8, g: u8, b: u8) -> u8 {
    let nearest = |v: u8| -> usize {
        (0..6)
            .min_by_key(|&i| (CUBE[i] as i32 - v as i32).abs())
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (nearest(r), nearest(g), nearest(b));
    let cube = (CUBE[ri], CUBE[gi], CUBE[bi]);
    let grey_level = ((r as u32 + g as u32 + b as u32) / 3) as u8;
    let grey_index = (grey_level.saturating_sub(8) as u32 / 10).min(23) as u8;
    let grey = 8 + grey_index * 10;
    if distance((r, g, b), (grey, grey, grey)) < distance((r, g, b), cube) {
        232 + grey_index
    } else {
        16 + 36 * ri as u8 + 6 * gi as u8 + bi as u8
    }
}

fn index_to_rgb(i: u8) -> (u8, u8, u8) {
    if i >= 232 {
        let v = 8 + (i - 232) * 10;
        (v, v, v)
    } else {
        let i = i - 16;
        (
            CUBE[(i / 36) as usize],
            CUBE[((i / 6) % 6) as usize],
            CUBE[(i % 6) as usize],
        )
    }
}

const ANSI16: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

fn rgb_to_16(r: u8, g: u8, b: u8) -> Color {
    ANSI16
        .iter()
        .min_by_key(|(_, rgb)| distance((r, g, b), *rgb))
        .map_or(Color::Reset, |(c, _)| *c)
}

fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (x as i32 - y as i32).pow(2) as u32;
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_parses_at_every_depth() {
        let names = Theme::builtin_names();
        for required in ["dark", "light", "high-contrast", "monochrome"] {
            assert!(names.iter().any(|n| n == required), "missing {required}");
        }
        for name in names {
            for depth in [
                ColorDepth::TrueColor,
                ColorDepth::Ansi256,
                ColorDepth::Ansi16,
            ] {
                let theme = Theme::parse(Theme::builtin_text(&name).unwrap(), depth)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(theme.name, name);
            }
        }
    }

    #[test]
    fn colours_degrade_without_truecolour() {
        assert_eq!(
            degrade(Color::Rgb(255, 0, 0), ColorDepth::Ansi256),
            Color::Indexed(196)
        );
        assert_eq!(
            degrade(Color::Rgb(128, 128, 128), ColorDepth::Ansi256),
            Color::Indexed(244)
        );
        assert_eq!(
            degrade(Color::Rgb(0, 200, 0), ColorDepth::Ansi16),
            Color::Green
        );
        assert_eq!(
            degrade(Color::Indexed(196), ColorDepth::Ansi16),
            Color::LightRed
        );
        assert_eq!(
            degrade(Color::Rgb(1, 2, 3), ColorDepth::TrueColor),
            Color::Rgb(1, 2, 3)
        );
    }

    #[test]
    fn depth_is_256_over_ssh_unless_truecolour_is_known() {
        assert_eq!(
            ColorDepth::detect(None, Some("xterm-256color")),
            ColorDepth::Ansi256
        );
        assert_eq!(
            ColorDepth::detect(Some("truecolor"), Some("xterm")),
            ColorDepth::TrueColor
        );
        assert_eq!(ColorDepth::detect(None, Some("linux")), ColorDepth::Ansi16);
        assert_eq!(ColorDepth::detect(None, None), ColorDepth::Ansi256);
    }

    #[test]
    fn monochrome_selection_is_reverse_video() {
        let t = Theme::parse(
            Theme::builtin_text("monochrome").unwrap(),
            ColorDepth::TrueColor,
        )
        .unwrap();
        assert!(t.selection().add_modifier.contains(Modifier::REVERSED));
        assert_eq!(t.text().fg, None);
    }

    #[test]
    fn no_color_means_no_colour_whatever_was_asked() {
        let t = Theme::resolve(Some("dark"), None, true, ColorDepth::TrueColor).unwrap();
        assert_eq!(t.name, "monochrome");
    }

    #[test]
    fn a_users_theme_replaces_the_builtin_of_that_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("themes")).unwrap();
        std::fs::write(
            dir.path().join("themes/dark.yaml"),
            "name: my-dark\ncolors:\n  text: '#010203'\n",
        )
        .unwrap();
        let t =
            Theme::resolve(Some("dark"), Some(dir.path()), false, ColorDepth::TrueColor).unwrap();
        assert_eq!(t.name, "my-dark");
        assert_eq!(t.text().fg, Some(Color::Rgb(1, 2, 3)));
        let light = Theme::resolve(
            Some("light"),
            Some(dir.path()),
            false,
            ColorDepth::TrueColor,
        )
        .unwrap();
        assert_eq!(light.name, "light");
    }

    #[test]
    fn an_unknown_theme_lists_the_ones_there_are() {
        let e = Theme::resolve(Some("neon"), None, false, ColorDepth::Ansi256).unwrap_err();
        assert!(
            e.contains("no theme called \"neon\"") && e.contains("high-contrast"),
            "{e}"
        );
    }

    #[test]
    fn bad_theme_files_say_what_is_wrong() {
        let e = Theme::parse("name: x\ncolors:\n  txet: red\n", ColorDepth::Ansi256).unwrap_err();
        assert!(e.contains("unknown colour role `txet`"), "{e}");
        let e = Theme::parse("name: x\ncolors:\n  text: '#12'\n", ColorDepth::Ansi256).unwrap_err();
        assert!(e.contains("not a colour"), "{e}");
    }
}
