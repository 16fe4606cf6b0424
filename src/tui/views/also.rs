//! A row of "Also today" on the Briefing: a glyph for what it is and the
//! note in words, wrapped under itself to two lines at most. Enter opens
//! it in full.

use crate::tui::app::App;
use crate::tui::cells::{fit, humane_times, width};
use crate::tui::data::Note;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Lines a note takes at most; the rest is on its own screen.
const MAX_LINES: usize = 2;

/// `note` in lines `cols` wide.
pub fn lines(app: &App, note: Note, cols: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let g = &theme.glyphs;
    let b = &app.data.briefing;
    let (glyph, style): (&str, Style) = match note {
        Note::Escalation(e) if b.escalations.get(e).is_some_and(|e| e.overdue) => {
            (g.alarm, theme.error)
        }
        Note::Escalation(_) => (g.stale, theme.text),
        Note::Alert(_) => (g.warning, theme.warning),
        Note::Stale(_) => (g.stale, theme.warning),
        Note::Gaps => (g.info, theme.warning),
        Note::Unreadable(_) => (g.error, theme.error),
        Note::Skipped(_) => (g.info, theme.dim),
        Note::Unassigned(_) => (g.unassigned, theme.warning),
        Note::Shadow(_) => (g.shadow, theme.shadow),
        Note::Settled(_) => (g.ok, theme.good),
    };
    let text = app.data.note_text(note);
    let text = humane_times(&text);
    let indent = width(glyph) + 1;
    let room = cols.saturating_sub(indent);
    if room < 4 {
        return vec![Line::from(Span::styled(
            fit(&format!("{glyph} {text}"), cols, g.ellipsis).into_owned(),
            style,
        ))];
    }
    let options = textwrap::Options::new(room)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    let parts = textwrap::wrap(&text, options);
    let cut = parts.len() > MAX_LINES;
    parts
        .iter()
        .take(MAX_LINES)
        .enumerate()
        .map(|(i, part)| {
            let lead = if i == 0 {
                Span::styled(format!("{glyph} "), style)
            } else {
                Span::raw(" ".repeat(indent))
            };
            let mut part = part.to_string();
            if cut && i + 1 == MAX_LINES {
                // Show that it goes on, even where this line is short.
                part = format!("{part} {}", g.ellipsis);
                part = fit(&part, room, g.ellipsis).into_owned();
            }
            Line::from(vec![lead, Span::styled(part, theme.text)])
        })
        .collect()
}
