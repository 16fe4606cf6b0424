//! The header: who and when with the coordination score, then what needs
//! attention, in the plain summary line's order (open conflicts, overdue
//! escalations, alerts), then stale seats, unreadable files and settled
//! conflicts. When a line is too narrow every part shortens, the least
//! urgent first, before any goes; then the least urgent go. The score and
//! the conflicts stay. At 80 columns every count of the sample shows.

use super::history;
use super::prose::fit_spans;
use crate::tui::app::App;
use crate::tui::cells::width;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// One part of a line in the forms it can take, longest first.
type Forms = Vec<Vec<Span<'static>>>;

/// Days of the score's trend the header shows at most.
const TREND_DAYS: usize = 14;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let w = area.width as usize;
    let (first, trend) = first_line(app, w);
    let lines = vec![Line::from(first), Line::from(second_line(app, w))];
    frame.render_widget(Paragraph::new(lines), area);
    if let Some((x, width)) = trend {
        let at = Rect::new(area.x + x as u16, area.y, width as u16, 1).intersection(area);
        history::trend(frame, at, app);
    }
}

fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| width(&s.content)).sum()
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// ` Northwind Digital · Tuesday 24 November 2026     Score 69/100`, the
/// size of the briefing before the score when there is room. The score
/// keeps its place; the organisation and date are cut first. With a
/// history the score has its change beside it (`+1`) and, when there is
/// room, its trend before it: the column and width left blank for the
/// trend come back with the line.
fn first_line(app: &App, w: usize) -> (Vec<Span<'static>>, Option<(usize, usize)>) {
    let theme = &app.theme;
    let b = &app.data.briefing;
    let org = if b.org.is_empty() {
        "Morning briefing".to_string()
    } else {
        b.org.clone()
    };
    let left = vec![
        Span::raw(" "),
        Span::styled(org, theme.title),
        Span::styled(format!(" {} ", theme.glyphs.dot), theme.dim),
        Span::styled(b.today.format("%A %-d %B %Y").to_string(), theme.text),
    ];
    let active = b.seats.iter().filter(|s| s.files > 0).count();
    // The files the Files tab lists: read, unreadable and skipped.
    let scope = format!(
        "{active} seats {dot} {} files {dot} {} entities {bar} ",
        app.data.files.len(),
        b.stats.entities,
        dot = theme.glyphs.dot,
        bar = theme.glyphs.bar,
    );
    let mut right = vec![Span::styled(
        format!("Score {}/100", b.score.total),
        theme.score(b.score.total),
    )];
    if let Some((change, style)) = history::change(app) {
        right.push(Span::styled(format!(" {change}"), style));
    }
    right.push(Span::raw(" "));
    // The trend, when the left half keeps at least 20 columns.
    let days = b
        .history
        .as_ref()
        .map_or(0, |h| h.score_series.len().min(TREND_DAYS));
    let mut trend = None;
    if days > 0 && spans_width(&right) + days + 1 + 22 <= w {
        right.insert(0, Span::raw(" ".repeat(days + 1)));
        trend = Some(days);
    }
    // At least two spaces between the halves.
    let with_scope = spans_width(&left) + width(&scope) + spans_width(&right) + 2 <= w;
    if with_scope {
        right.insert(0, Span::styled(scope.clone(), theme.dim));
    }
    let right_w = spans_width(&right);
    if right_w + 2 >= w {
        return (fit_spans(left, w, theme), None);
    }
    let mut line = fit_spans(left, w - right_w - 2, theme);
    let pad = w - spans_width(&line) - right_w;
    line.push(Span::raw(" ".repeat(pad)));
    line.extend(right);
    let at = w - right_w + if with_scope { width(&scope) } else { 0 };
    (line, trend.map(|days| (at, days)))
}

/// ` 5 conflicts: ▲ 3 high ● 2 medium │ !! 1 overdue escalation │ ! 1 alert …`
fn second_line(app: &App, w: usize) -> Vec<Span<'static>> {
    let mut parts = parts(app);
    let mut chosen = vec![0; parts.len()];
    let sep = 3;
    let total = |parts: &[Forms], chosen: &[usize]| {
        1 + parts
            .iter()
            .zip(chosen)
            .map(|(forms, &i)| spans_width(&forms[i]) + sep)
            .sum::<usize>()
            - sep
    };
    // Shorten one part at a time, the least urgent first, round after
    // round while any can shorten...
    'shorten: while total(&parts, &chosen) > w {
        for i in (0..parts.len()).rev() {
            if chosen[i] + 1 < parts[i].len() {
                chosen[i] += 1;
                continue 'shorten;
            }
        }
        break;
    }
    // ...then leave out the least urgent, and give what that frees back
    // to the most urgent.
    while total(&parts, &chosen) > w && parts.len() > 1 {
        parts.pop();
        chosen.pop();
    }
    for i in 0..parts.len() {
        while chosen[i] > 0 {
            chosen[i] -= 1;
            if total(&parts, &chosen) > w {
                chosen[i] += 1;
                break;
            }
        }
    }
    let theme = &app.theme;
    let mut line = vec![Span::raw(" ")];
    for (i, (forms, choice)) in parts.into_iter().zip(chosen).enumerate() {
        if i > 0 {
            line.push(Span::styled(format!(" {} ", theme.glyphs.bar), theme.dim));
        }
        line.extend(forms.into_iter().nth(choice).unwrap_or_default());
    }
    fit_spans(line, w, theme)
}

/// The parts of the second line, most urgent first.
fn parts(app: &App) -> Vec<Forms> {
    let theme = &app.theme;
    let g = &theme.glyphs;
    let c = app.data.counts;
    let one = |text: String, style| vec![Span::styled(text, style)];
    let mut parts: Vec<Forms> = Vec::new();
    let open = c.open();
    if open == 0 {
        let none = if c.settled > 0 {
            "no open conflicts"
        } else {
            "no conflicts"
        };
        parts.push(vec![one(format!("{} {none}", g.ok), theme.good)]);
    } else {
        let head = format!("{open} {}", plural(open, "conflict", "conflicts"));
        let severities = [
            (c.high, g.high, "high", "high", theme.high),
            (c.medium, g.medium, "medium", "med", theme.medium),
            (c.low, g.low, "low", "low", theme.low),
        ];
        let present: Vec<_> = severities.iter().filter(|s| s.0 > 0).collect();
        let mut forms = Vec::new();
        if let [(_, glyph, word, _, style)] = present[..] {
            // One severity: `2885 conflicts, all ○ low`.
            forms.push(vec![
                Span::styled(format!("{head}, all "), theme.bold),
                Span::styled(format!("{glyph} {word}"), *style),
            ]);
        } else {
            for long in [true, false] {
                let mut spans = vec![Span::styled(format!("{head}:"), theme.bold)];
                for (n, glyph, word, short, style) in &present {
                    let word = if long { word } else { short };
                    spans.push(Span::styled(format!(" {glyph} {n} {word}"), *style));
                }
                forms.push(spans);
            }
            // The most severe alone, as the plain summary line has it:
            // `5 conflicts (▲ 3 high)`.
            if let Some((n, glyph, word, _, style)) = present.first() {
                forms.push(vec![
                    Span::styled(format!("{head} ("), theme.bold),
                    Span::styled(format!("{glyph} {n} {word}"), *style),
                    Span::styled(")", theme.bold),
                ]);
            }
        }
        forms.push(one(head.clone(), theme.bold));
        parts.push(forms);
    }
    if c.overdue > 0 {
        let n = c.overdue;
        parts.push(vec![
            one(
                format!(
                    "{} {n} overdue {}",
                    g.alarm,
                    plural(n, "escalation", "escalations")
                ),
                theme.alarm,
            ),
            one(format!("{} {n} overdue", g.alarm), theme.alarm),
        ]);
    }
    if c.alerts > 0 {
        let n = c.alerts;
        parts.push(vec![one(
            format!("{} {n} {}", g.warning, plural(n, "alert", "alerts")),
            theme.warning,
        )]);
    }
    if let Some(since) = history::since(app) {
        parts.push(vec![one(since, theme.dim)]);
    }
    if c.stale > 0 {
        let n = c.stale;
        parts.push(vec![
            one(
                format!("{} {n} {}", g.stale, plural(n, "stale seat", "stale seats")),
                theme.warning,
            ),
            one(format!("{} {n} stale", g.stale), theme.warning),
        ]);
    }
    if c.unreadable > 0 {
        let n = c.unreadable;
        parts.push(vec![
            one(
                format!(
                    "{} {n} {}",
                    g.error,
                    plural(n, "unreadable file", "unreadable files")
                ),
                theme.error,
            ),
            one(format!("{} {n} unreadable", g.error), theme.error),
        ]);
    }
    if c.settled > 0 {
        parts.push(vec![one(
            format!("{} {} settled", g.ok, c.settled),
            theme.good,
        )]);
    }
    parts
}
