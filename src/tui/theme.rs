//! Colours, text attributes and glyphs. Meaning never rides on colour
//! alone: severities and roles always carry a glyph and a word too.
//!
//! With `NO_COLOR` set (and not empty) the monochrome theme is used. Like
//! jj, it is a theme of its own rather than crossterm's colour stripping,
//! which would also drop the bold and reverse video that keep a monochrome
//! screen readable.

use crate::briefing::Severity;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: &'static str,
    pub text: Style,
    pub dim: Style,
    pub bold: Style,
    pub title: Style,
    pub heading: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub selected: Style,
    pub key: Style,
    pub high: Style,
    pub medium: Style,
    pub low: Style,
    pub owner: Style,
    pub dissent: Style,
    pub agree: Style,
    pub shadow: Style,
    pub co_owner: Style,
    pub warning: Style,
    pub error: Style,
    /// An open overdue escalation: the one thing that must not be missed.
    pub alarm: Style,
    pub good: Style,
    pub prompt: Style,
    pub glyphs: Glyphs,
}

/// The symbols the screens use, with a 7-bit set for `--ascii`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glyphs {
    /// 7-bit only: key labels say `Up` rather than `↑` too.
    pub ascii: bool,
    pub high: &'static str,
    pub medium: &'static str,
    pub low: &'static str,
    pub owner: &'static str,
    pub dissent: &'static str,
    pub agree: &'static str,
    pub shadow: &'static str,
    pub co_owner: &'static str,
    pub stale: &'static str,
    pub error: &'static str,
    pub warning: &'static str,
    /// An overdue escalation. ASCII in both sets: it must read the same
    /// on every terminal, in every font.
    pub alarm: &'static str,
    /// A conflict whose values changed after it was settled.
    pub changed: &'static str,
    pub info: &'static str,
    pub ok: &'static str,
    pub unassigned: &'static str,
    pub dot: &'static str,
    pub bar: &'static str,
    /// Where text was cut. Its width varies: `…`, or `...` in 7 bits.
    pub ellipsis: &'static str,
    pub cursor: &'static str,
    pub rule: &'static str,
}

impl Glyphs {
    pub const UNICODE: Glyphs = Glyphs {
        ascii: false,
        high: "▲",
        medium: "●",
        low: "○",
        owner: "★",
        dissent: "✗",
        agree: "=",
        shadow: "~",
        co_owner: "?",
        stale: "◷",
        error: "✗",
        warning: "!",
        alarm: "!!",
        changed: "↻",
        info: "i",
        ok: "✓",
        unassigned: "?",
        dot: "·",
        bar: "│",
        ellipsis: "…",
        cursor: "›",
        rule: "─",
    };

    pub const ASCII: Glyphs = Glyphs {
        ascii: true,
        high: "^",
        medium: "*",
        low: "o",
        owner: "*",
        dissent: "x",
        agree: "=",
        shadow: "~",
        co_owner: "?",
        stale: "!",
        error: "x",
        warning: "!",
        alarm: "!!",
        changed: "!",
        info: "i",
        ok: "+",
        unassigned: "?",
        dot: "-",
        bar: "|",
        // Not `~`, which reads as a home directory in a path and is the
        // shadow glyph.
        ellipsis: "...",
        cursor: ">",
        rule: "-",
    };
}

impl Theme {
    /// The theme for this process: monochrome when `NO_COLOR` is set and
    /// not empty (<https://no-color.org>).
    pub fn from_env(ascii: bool) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::pick(!no_color, ascii)
    }

    /// The colour or the monochrome theme, with 7-bit glyphs for `ascii`.
    pub fn pick(colour: bool, ascii: bool) -> Theme {
        let theme = if colour {
            Theme::colour()
        } else {
            Theme::monochrome()
        };
        if ascii { theme.ascii() } else { theme }
    }

    pub fn colour() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            name: "colour",
            text: plain,
            dim: plain.fg(Color::DarkGray),
            bold,
            title: bold,
            heading: bold.fg(Color::Cyan),
            tab: plain.fg(Color::Gray),
            tab_active: bold.fg(Color::Black).bg(Color::Cyan),
            selected: bold.bg(Color::DarkGray),
            key: bold.fg(Color::Cyan),
            high: bold.fg(Color::Red),
            medium: plain.fg(Color::Yellow),
            low: plain.fg(Color::Blue),
            owner: bold.fg(Color::Green),
            dissent: bold.fg(Color::Red),
            agree: plain.fg(Color::DarkGray),
            shadow: plain.fg(Color::Magenta).add_modifier(Modifier::ITALIC),
            co_owner: plain.fg(Color::Yellow),
            warning: plain.fg(Color::Yellow),
            error: bold.fg(Color::Red),
            alarm: bold.fg(Color::White).bg(Color::Red),
            good: plain.fg(Color::Green),
            prompt: bold.fg(Color::Yellow),
            glyphs: Glyphs::UNICODE,
        }
    }

    /// No colours at all: bold, underline, reverse video and dim carry the
    /// emphasis, glyphs and words carry the meaning.
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let dim = plain.add_modifier(Modifier::DIM);
        Theme {
            name: "monochrome",
            text: plain,
            dim,
            bold,
            title: bold,
            heading: bold.add_modifier(Modifier::UNDERLINED),
            tab: plain,
            tab_active: bold.add_modifier(Modifier::REVERSED),
            selected: plain.add_modifier(Modifier::REVERSED),
            key: bold,
            high: bold,
            medium: plain,
            low: dim,
            owner: bold,
            dissent: bold.add_modifier(Modifier::UNDERLINED),
            agree: dim,
            shadow: plain.add_modifier(Modifier::ITALIC),
            co_owner: plain,
            warning: plain,
            error: bold,
            alarm: bold.add_modifier(Modifier::REVERSED),
            good: plain,
            prompt: bold,
            glyphs: Glyphs::UNICODE,
        }
    }

    /// The same theme with 7-bit glyphs.
    pub fn ascii(mut self) -> Theme {
        self.glyphs = Glyphs::ASCII;
        self
    }

    pub fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
        }
    }

    /// The coordination score: bold, coloured by how worrying it is.
    pub fn score(&self, total: u32) -> Style {
        let band = match total {
            80.. => self.good,
            50..80 => self.warning,
            _ => self.error,
        };
        self.bold.patch(band)
    }

    /// `▲ HIGH`, `● MED `, `○ LOW `: glyph and word, padded to one width.
    pub fn severity_badge(&self, severity: Severity) -> String {
        let (glyph, word) = match severity {
            Severity::High => (self.glyphs.high, "HIGH"),
            Severity::Medium => (self.glyphs.medium, "MED"),
            Severity::Low => (self.glyphs.low, "LOW"),
        };
        format!("{glyph} {word:<4}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monochrome_has_no_colour_anywhere() {
        let t = Theme::monochrome();
        for style in [
            t.text,
            t.dim,
            t.bold,
            t.title,
            t.heading,
            t.tab,
            t.tab_active,
            t.selected,
            t.key,
            t.high,
            t.medium,
            t.low,
            t.owner,
            t.dissent,
            t.agree,
            t.shadow,
            t.co_owner,
            t.warning,
            t.error,
            t.alarm,
            t.good,
            t.prompt,
        ] {
            assert_eq!(style.fg, None, "{style:?}");
            assert_eq!(style.bg, None, "{style:?}");
        }
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn badges_line_up() {
        let t = Theme::colour();
        let widths: Vec<usize> = [Severity::High, Severity::Medium, Severity::Low]
            .iter()
            .map(|&s| t.severity_badge(s).chars().count())
            .collect();
        assert_eq!(widths, vec![6, 6, 6]);
    }
}
