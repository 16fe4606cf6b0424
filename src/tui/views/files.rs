//! Every state file with its seat, format, as-of time, record count and
//! whether it could be read; below, the reading problems (diagnostics).

use super::table::{self, Col};
use crate::diag::{Diagnostic, Severity};
use crate::tui::app::App;
use crate::tui::cells::short_time;
use crate::tui::data::{Data, FileRow};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Columns of a file row; the Seat detail leaves out SEAT. The path
/// keeps room for a directory and a file name, so two files of the same
/// name stay apart; the record count gives way first.
pub const COLS: [Col; 6] = [
    Col::filling("PATH", 30, 1, 9).path(),
    Col::fixed("SEAT", 18, 7).between(18, 20),
    Col::fixed("FORMAT", 6, 3),
    Col::fixed("AS OF", 12, 6),
    Col::fixed("RECS", 4, 2).right(),
    Col::fixed("STATUS", 12, 8),
];

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let data = &app.data;
    let diagnostics = &data.briefing.diagnostics;
    // Reading problems stay in view below the files: a third of the
    // screen at most, enough for the sample's two without scrolling.
    let problems = if diagnostics.is_empty() {
        0
    } else {
        table::height(diagnostics.len())
            .saturating_add(2)
            .min(area.height / 3)
    };
    let [title, head, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(problems),
    ])
    .areas(area);
    table::title(frame, title, " FILES", &table::position(app.list()), theme);
    let widths = table::draw_heading(frame, head, &COLS, theme);
    table::draw_list(
        frame,
        body,
        app.list(),
        1,
        theme,
        "No state files found under the state directory",
        |item, _| {
            let Some(row) = data.files.get(item) else {
                return Vec::new();
            };
            vec![file_row(data, row, &COLS, &widths, theme, true)]
        },
    );
    if bottom.height >= 2 {
        let [t, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(bottom);
        table::title(
            frame,
            t,
            &format!(
                " READING PROBLEMS {} {}",
                theme.glyphs.dot,
                diagnostics.len()
            ),
            "Enter on a file shows its own",
            theme,
        );
        let w = rest.width.saturating_sub(table::GUTTER);
        let lines: Vec<Line> = diagnostics
            .iter()
            .take(rest.height as usize)
            .map(|d| {
                let mut line = diagnostic_line(d, true, w, theme);
                line.spans.insert(0, Span::raw("  "));
                line
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), rest);
    }
}

/// One file as a table row; `with_seat` false drops the SEAT column
/// (`cols` must match).
pub fn file_row(
    data: &Data,
    row: &FileRow,
    cols: &[Col],
    widths: &[Option<usize>],
    theme: &Theme,
    with_seat: bool,
) -> Line<'static> {
    let summary = row.summary.map(|i| &data.briefing.files[i]);
    let (status, status_style) = file_status(data, row, theme);
    let mut cells = vec![(row.path.clone(), theme.bold)];
    if with_seat {
        cells.push(match summary.and_then(|s| s.seat.clone()) {
            Some(seat) => (seat, theme.text),
            None if row.skipped => (String::new(), theme.dim),
            None => (
                format!("{} unassigned", theme.glyphs.unassigned),
                theme.warning,
            ),
        });
    }
    cells.push((
        summary
            .map(|s| short_format(s.format))
            .unwrap_or(if row.skipped { "" } else { "?" })
            .to_string(),
        theme.dim,
    ));
    cells.push((
        summary
            .and_then(|s| s.as_of.as_deref())
            .map(short_time)
            .unwrap_or_default(),
        theme.text,
    ));
    cells.push((
        summary.map(|s| s.mentions.to_string()).unwrap_or_default(),
        theme.text,
    ));
    cells.push((status, status_style));
    table::row(cells, cols, widths, theme)
}

/// `✓ read`, `✗ unreadable`, or the worst problem and how many.
pub fn file_status(data: &Data, row: &FileRow, theme: &Theme) -> (String, Style) {
    let g = &theme.glyphs;
    if row.skipped {
        return (format!("{} skipped", g.info), theme.dim);
    }
    let readable = row.summary.is_none_or(|i| data.briefing.files[i].readable);
    if !readable {
        return (format!("{} unreadable", g.error), theme.error);
    }
    let worst = row
        .diagnostics
        .iter()
        .map(|&d| data.briefing.diagnostics[d].severity)
        .min();
    let n = row.diagnostics.len();
    match worst {
        Some(Severity::Error) => (format!("{} {n} error", g.error), theme.error),
        Some(Severity::Warning) => (format!("{} {n} warning", g.warning), theme.warning),
        Some(Severity::Info) => (format!("{} {n} note", g.info), theme.dim),
        None => (format!("{} read", g.ok), theme.good),
    }
}

pub fn short_format(format: &str) -> &str {
    match format {
        "JSON Lines" => "JSONL",
        "Markdown" => "MD",
        other => other,
    }
}

/// `✗ error  path:9:6  message`; `with_path` false leaves the path out
/// (a file's own diagnostics).
pub fn diagnostic_line(
    d: &Diagnostic,
    with_path: bool,
    width: u16,
    theme: &Theme,
) -> Line<'static> {
    let (label, style) = severity_label(d.severity, theme);
    let mut place = if with_path {
        d.file.clone()
    } else {
        String::new()
    };
    if let Some(line) = d.line {
        if with_path {
            place.push(':');
        } else {
            place.push_str("line ");
        }
        place.push_str(&line.to_string());
        if let Some(column) = d.column {
            place.push_str(&format!(":{column}"));
        }
    }
    let place_width = if with_path { (width / 3).max(10) } else { 12 };
    let cols = [
        Col::fixed("", 9, 9),
        Col::fixed("", place_width, 8).path(),
        Col::filling("", 1, 1, 7),
    ];
    let widths = table::widths(&cols, width);
    table::row(
        vec![
            (label, style),
            (place, theme.text),
            (d.message.clone(), theme.text),
        ],
        &cols,
        &widths,
        theme,
    )
}

pub fn severity_label(severity: Severity, theme: &Theme) -> (String, Style) {
    let g = &theme.glyphs;
    match severity {
        Severity::Error => (format!("{} error", g.error), theme.error),
        Severity::Warning => (format!("{} warning", g.warning), theme.warning),
        Severity::Info => (format!("{} note", g.info), theme.dim),
    }
}
