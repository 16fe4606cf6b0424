//! Text that is not a table: styled spans cut to a width, and labelled
//! sentences wrapped under their label (prose may wrap; table cells never
//! do).

use crate::tui::cells::{fit, width};
use crate::tui::theme::Theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// `spans` cut to `max` columns, the last one ending in an ellipsis.
pub fn fit_spans(spans: Vec<Span<'static>>, max: usize, theme: &Theme) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(|s| width(&s.content)).sum();
    if total <= max {
        return spans;
    }
    let ellipsis = theme.glyphs.ellipsis;
    let room = max.saturating_sub(width(ellipsis));
    let mut out = Vec::with_capacity(spans.len());
    let mut used = 0;
    for span in spans {
        let w = width(&span.content);
        if used + w <= room {
            used += w;
            out.push(span);
            continue;
        }
        // Cut this span, ellipsis included, to what is left of the line.
        let left = max - used;
        let cut = fit(&span.content, left, ellipsis).into_owned();
        out.push(Span::styled(cut, span.style));
        return out;
    }
    out
}

/// `Label: text` wrapped to `max` columns, continuation lines indented
/// under the text.
pub fn labelled(
    label: &str,
    text: &str,
    max: usize,
    label_style: Style,
    text_style: Style,
) -> Vec<Line<'static>> {
    let indent = width(label) + 1;
    if max <= indent + 4 {
        // Too narrow to hang the text under its label: one cut line.
        return vec![Line::from(vec![
            Span::styled(format!("{label} "), label_style),
            Span::styled(
                fit(text, max.saturating_sub(indent), "").into_owned(),
                text_style,
            ),
        ])];
    }
    let options = textwrap::Options::new(max - indent)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    textwrap::wrap(text, options)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let head = if i == 0 {
                Span::styled(format!("{label} "), label_style)
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![head, Span::styled(part.into_owned(), text_style)])
        })
        .collect()
}

/// `text` wrapped to `max` columns.
pub fn wrapped(text: &str, max: usize, style: Style) -> Vec<Line<'static>> {
    if max == 0 {
        return Vec::new();
    }
    let options = textwrap::Options::new(max)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|part| Line::from(Span::styled(part.into_owned(), style)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_cut_with_one_ellipsis() {
        let theme = Theme::monochrome();
        let spans = vec![Span::raw("abc"), Span::raw("defgh"), Span::raw("ij")];
        let cut = fit_spans(spans, 6, &theme);
        let text: String = cut.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "abcde…");
        let cut = fit_spans(vec![Span::raw("abc")], 3, &theme);
        assert_eq!(cut.len(), 1);
    }

    #[test]
    fn labelled_text_hangs_under_its_label() {
        let lines = labelled(
            "If it fails:",
            "one two three four five six",
            23,
            Style::new(),
            Style::new(),
        );
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            text,
            vec![
                "If it fails: one two",
                "             three four",
                "             five six"
            ]
        );
        for l in &text {
            assert!(width(l) <= 23);
        }
    }
}
