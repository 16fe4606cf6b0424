//! One escalation: what it is about, who raised it and to whom, its
//! deadline and how late it is, how often it was reported, the last
//! report, and the file it comes from, which `e` opens.

use super::prose::{fit_spans, labelled};
use crate::briefing::EscalationStatus;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::cells::{humane_times, short_time};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, area: Rect, app: &App, index: usize) {
    let theme = &app.theme;
    let Some(e) = app.data.briefing.escalations.get(index) else {
        return;
    };
    let w = (area.width as usize).saturating_sub(1);
    let g = &theme.glyphs;
    let (badge, style) = if e.overdue {
        (format!("{} OVERDUE", g.alarm), theme.alarm)
    } else if e.status == EscalationStatus::Open {
        ("OPEN".to_string(), theme.warning)
    } else {
        (format!("{} CLOSED", g.ok), theme.good)
    };
    let mut lines = vec![Line::from(fit_spans(
        vec![
            Span::raw(" "),
            Span::styled(badge, style),
            Span::styled(format!(" {} ", g.dot), theme.dim),
            Span::styled(e.name.clone(), theme.title),
        ],
        w + 1,
        theme,
    ))];
    let label = theme.bold;
    let mut add = |name: &str, text: &str| {
        lines.extend(
            labelled(name, text, w, label, theme.text)
                .into_iter()
                .map(|mut l| {
                    l.spans.insert(0, Span::raw(" "));
                    l
                }),
        );
    };
    if let Some(about) = e.about_name.as_deref().or(e.about.as_deref()) {
        add("About:", about);
    }
    let seat = match (&e.seat, &e.seat_owner) {
        (Some(s), Some(p)) => format!("{s} ({p})"),
        (Some(s), None) => format!("{s} (no owner)"),
        (None, _) => "an unassigned file".to_string(),
    };
    let raised = match (e.raised, e.age_days) {
        (Some(r), Some(d)) => format!(", on {} ({d} {} ago)", r.format("%b %-d"), days(d)),
        (Some(r), None) => format!(", on {}", r.format("%b %-d")),
        _ => String::new(),
    };
    add("Raised by:", &format!("{seat}{raised}"));
    let target = e.escalate_to.as_deref().unwrap_or("nobody");
    let executed = if e.executed {
        "executed"
    } else {
        "never executed"
    };
    add("Escalate to:", &format!("{target}; {executed}"));
    let mut deadline = match e.deadline {
        Some(d) => d.format("%b %-d").to_string(),
        None => "none given".to_string(),
    };
    if let Some(sla) = &e.sla {
        deadline.push_str(&format!(" (SLA {sla})"));
    }
    if let Some(d) = e.overdue_days.filter(|_| e.overdue) {
        deadline.push_str(&format!(", {d} {} overdue", days(d)));
    }
    add("Deadline:", &deadline);
    let mut reported = format!(
        "{} {}",
        e.reports,
        if e.reports == 1 { "time" } else { "times" }
    );
    if e.streak_days > 1 {
        reported.push_str(&format!(", {} days running", e.streak_days));
    }
    if let Some(last) = &e.last_reported {
        reported.push_str(&format!(", last {}", short_time(last)));
    }
    add("Reported:", &reported);
    if let Some(message) = &e.message {
        add("Last report:", &humane_times(message));
    }
    let how = app
        .key_label(Action::Edit)
        .map(|k| format!(" (press {k} to open it)"))
        .unwrap_or_default();
    add("Source:", &format!("{}:{}{how}", e.file, e.line));
    if lines.len() > area.height as usize {
        lines.truncate(area.height as usize);
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn days(n: i64) -> &'static str {
    if n == 1 { "day" } else { "days" }
}
