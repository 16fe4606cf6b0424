//! One conflict in full: every source side by side (role, seat and its
//! human, value and raw text, file:line, as-of time and age), then who
//! decides and what the owner seat's failure path says.

use super::decision::Role;
use super::prose::{fit_spans, labelled, wrapped};
use super::table::{self, Col};
use crate::briefing::{Conflict, Ownership};
use crate::tui::app::App;
use crate::tui::cells::{Align, age, cell, short_time};
use crate::tui::data::Screen;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The value is what a source is about, so it gives way last; the source
/// first (`e` opens it).
const COLS: [Col; 4] = [
    Col::fixed("ROLE", 10, 8),
    Col::fixed("SEAT / OWNER", 12, 7).between(12, 20),
    Col::filling("VALUE / RAW", 12, 1, 9),
    Col::filling("SOURCE / AS OF", 18, 4, 6).path(),
];

/// Each source takes two lines: the fact, then where it came from.
const SOURCE_LINES: u16 = 2;

pub fn render(frame: &mut Frame, area: Rect, app: &App, screen: Screen) {
    let theme = &app.theme;
    let Some(c) = app.data.screen_conflict(screen) else {
        return;
    };
    let shadow = matches!(screen, Screen::Shadow(_));
    let w = area.width as usize;
    let mut top = vec![Line::from(fit_spans(
        vec![
            Span::raw(" "),
            if shadow {
                Span::styled(format!("{} SHADOW", theme.glyphs.shadow), theme.shadow)
            } else {
                Span::styled(theme.severity_badge(c.severity), theme.severity(c.severity))
            },
            Span::raw(" "),
            Span::styled(c.entity_name.clone(), theme.title),
            Span::styled(format!(" ({})", c.kind), theme.dim),
            Span::styled(format!(" {} ", theme.glyphs.dot), theme.dim),
            Span::styled(c.field.clone(), theme.title),
            Span::styled(format!("  compared as {}", c.field_type), theme.dim),
        ],
        w,
        theme,
    ))];
    let decide = if shadow {
        format!(
            "Shadow seats are shown, never trusted: {} {} is not in dispute",
            c.entity_name, c.field
        )
    } else {
        c.decide.clone()
    };
    let decide: Vec<Line> = wrapped(&decide, w.saturating_sub(1), theme.text)
        .into_iter()
        .take(2)
        .map(|mut l| {
            l.spans.insert(0, Span::raw(" "));
            l
        })
        .collect();
    top.extend(decide);
    top.extend(decision_lines(app, c, w.saturating_sub(1)));

    let info = owner_info(app, c, w.saturating_sub(1));
    let sources = table::height(app.list().rows())
        .max(1)
        .saturating_mul(SOURCE_LINES);
    let avail = area.height.saturating_sub(top.len() as u16 + 1);
    let info_len = table::height(info.len());
    // Everything fits with a blank line between sources and notes; else
    // the sources keep two rows and scroll, and the notes get the rest.
    let (gap, info_height) = if sources.saturating_add(info_len).saturating_add(1) <= avail {
        (1, info_len)
    } else {
        (
            0,
            info_len.min(avail.saturating_sub(sources.min(2 * SOURCE_LINES))),
        )
    };
    let list_height = sources.min(avail.saturating_sub(gap + info_height));
    let [top_area, head, list, _, info_area, _] = Layout::vertical([
        Constraint::Length(top.len() as u16),
        Constraint::Length(1),
        Constraint::Length(list_height),
        Constraint::Length(gap),
        Constraint::Length(info_height),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(top), top_area);
    let widths = table::draw_heading(frame, head, &COLS, theme);
    let ellipsis = theme.glyphs.ellipsis;
    let today = app.data.briefing.today;
    table::draw_list(
        frame,
        list,
        app.list(),
        SOURCE_LINES,
        theme,
        "No sources",
        |item, _| {
            let Some(v) = c.values.get(item) else {
                return Vec::new();
            };
            let (role, role_style) = Role::of(v, c).label(theme);
            let seat = v.seat.as_deref().unwrap_or("(unassigned file)").to_string();
            let person = v
                .person
                .as_deref()
                .unwrap_or(if v.seat.is_some() { "(no owner)" } else { "" })
                .to_string();
            let mut raw = if v.raw.trim() == v.value.trim() {
                String::new()
            } else {
                format!("\"{}\"", v.raw)
            };
            if v.prose {
                let sep = if raw.is_empty() { "" } else { " " };
                raw = format!("{raw}{sep}from prose");
            }
            let mut place = format!("{}:{}", v.file, v.line);
            if let Some(col) = v.column {
                place.push_str(&format!(":{col}"));
            }
            let when = match v.as_of.map(|t| t.to_string()) {
                Some(t) => match age(&t, today) {
                    Some(a) => format!("{} {} {a}", short_time(&t), theme.glyphs.dot),
                    None => short_time(&t),
                },
                None => "no as-of time".to_string(),
            };
            let first = table::row(
                vec![
                    (role, role_style),
                    (seat, theme.bold),
                    (v.value.to_string(), role_style),
                    (place, theme.text),
                ],
                &COLS,
                &widths,
                theme,
            );
            let mut second = Vec::new();
            for (text, w) in [
                (String::new(), widths[0]),
                (person, widths[1]),
                (raw, widths[2]),
                (when, widths[3]),
            ] {
                let Some(w) = w else { continue };
                if !second.is_empty() {
                    second.push(Span::raw(" "));
                }
                second.push(Span::styled(
                    cell(&text, w, Align::Left, ellipsis),
                    theme.dim,
                ));
            }
            let second = Line::from(second);
            vec![first, second]
        },
    );
    let mut info = info;
    if info.len() > info_height as usize && info_height > 0 {
        info.truncate(info_height as usize - 1);
        info.push(Line::from(Span::styled(
            format!(" {ellipsis} more: make the terminal taller"),
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(info), info_area);
}

/// How it was settled, if it was: `✓ Settled: keep …`, or, when a value
/// changed since, `↻ Changed since decided: …`, in the plain briefing's
/// words. At most two lines.
fn decision_lines(app: &App, c: &Conflict, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let Some(d) = &c.decision else {
        return Vec::new();
    };
    let by =
        d.by.as_deref()
            .map(|p| format!(" by {p}"))
            .unwrap_or_default();
    let note = d
        .note
        .as_deref()
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    let (text, style) = if d.changed {
        (
            format!(
                "{} Changed since decided: on {}{by} it was settled as {}'s {}; a value has changed since.",
                theme.glyphs.changed, d.at, d.keep, d.value
            ),
            theme.warning,
        )
    } else {
        (
            format!(
                "{} Settled: keep {}'s {}, decided{by} on {}{note}",
                theme.glyphs.ok, d.keep, d.value, d.at
            ),
            theme.good,
        )
    };
    wrapped(&text, width, style)
        .into_iter()
        .take(2)
        .map(|mut l| {
            l.spans.insert(0, Span::raw(" "));
            l
        })
        .collect()
}

/// Who owns the fact, the owner seat's failure path and escalation, the
/// dissenters and the engine's notes, wrapped to `width`.
fn owner_info(app: &App, c: &Conflict, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let label = theme.bold;
    let mut lines = Vec::new();
    let mut add = |l: Vec<Line<'static>>| {
        lines.extend(l.into_iter().map(|mut line| {
            line.spans.insert(0, Span::raw(" "));
            line
        }));
    };
    let fact = format!("{}.{}", c.kind, c.field);
    match c.ownership {
        Ownership::Owned => {
            let seat = c.owner.clone().unwrap_or_default();
            let person = c
                .owner_person
                .clone()
                .unwrap_or_else(|| "no accountable person".to_string());
            add(labelled(
                "Owner:",
                &format!("{seat} ({person}) owns {fact}"),
                width,
                label,
                theme.owner,
            ));
            let on_failure = c.on_failure.clone().or_else(|| {
                app.data
                    .seat_named(&seat)
                    .and_then(|s| app.data.briefing.seats[s].on_failure.clone())
            });
            match on_failure {
                Some(text) => add(labelled(
                    &format!("If {seat} fails:"),
                    &text,
                    width,
                    label,
                    theme.text,
                )),
                None => add(labelled(
                    &format!("If {seat} fails:"),
                    "nothing is written down (no on_failure)",
                    width,
                    label,
                    theme.warning,
                )),
            }
            let escalate = c.escalate_to.clone().or_else(|| {
                app.data
                    .seat_named(&seat)
                    .and_then(|s| app.data.briefing.seats[s].escalate_to.clone())
            });
            if let Some(target) = escalate {
                add(labelled("Escalate to:", &target, width, label, theme.text));
            }
        }
        Ownership::DoubleOwner => add(labelled(
            "Owner:",
            &format!(
                "none: {} {} own {fact}; give it to one seat in briefing.toml",
                c.claimants.join(" and "),
                if c.claimants.len() == 2 {
                    "both"
                } else {
                    "all"
                }
            ),
            width,
            label,
            theme.warning,
        )),
        Ownership::Ownerless => add(labelled(
            "Owner:",
            &format!("none: no seat owns {fact}; give it to one seat in briefing.toml"),
            width,
            label,
            theme.warning,
        )),
    }
    if !c.dissenters.is_empty() {
        add(labelled(
            "Dissenting:",
            &c.dissenters.join(", "),
            width,
            label,
            theme.dissent,
        ));
    }
    for note in &c.notes {
        add(labelled("Note:", note, width, label, theme.text));
    }
    for v in c.values.iter().filter(|v| v.note.is_some()) {
        let seat = v.seat.as_deref().unwrap_or("(unassigned file)");
        let note = format!(
            "\"{}\" from {seat}: {}",
            v.raw,
            v.note.as_deref().unwrap_or("")
        );
        add(labelled("Note:", &note, width, label, theme.text));
    }
    lines
}
