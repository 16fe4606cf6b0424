//! The briefing as an HTML document, for the `text/html` part of
//! `--email`: the same sections in the same order as `--plain`, with the
//! lists as tables. Every text is HTML-escaped; the styling is plain table
//! attributes and a few inline styles, which mail clients keep.

use super::plain::audit::escalation_line;
use super::plain::doc::short_time;
use super::plain::{files_line, long_date, more_conflicts, summary_line};
use crate::briefing::{Briefing, Conflict, EscalationStatus, ValueView};
use crate::normalize::fold_text;
use std::fmt::Write as _;

/// The whole document. `max_conflicts` cuts "Decide today" as it does in
/// the plain text.
pub fn render(b: &Briefing, max_conflicts: Option<usize>) -> String {
    let mut h = Html::default();
    let title = if b.org.is_empty() {
        format!("Morning briefing, {}", long_date(b))
    } else {
        format!("{}: morning briefing, {}", b.org, long_date(b))
    };
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.element("title", &title);
    h.raw("</head>\n<body style=\"font-family: sans-serif\">\n");
    h.element("h1", &title);
    h.raw("<p><strong>");
    h.text(&summary_line(b, "·"));
    h.raw("</strong><br>\n");
    h.text(&files_line(b));
    h.raw("</p>\n");
    for e in b.escalations.iter().filter(|e| e.overdue) {
        h.raw("<p style=\"background: #c00; color: #fff; padding: 6px\"><strong>!!! ");
        h.text(&escalation_line(e));
        h.raw("</strong></p>\n");
    }
    decide_today(&mut h, b, max_conflicts);
    escalations(&mut h, b);
    alerts(&mut h, b);
    stale_seats(&mut h, b);
    gaps(&mut h, b);
    settled(&mut h, b);
    shadow(&mut h, b);
    score(&mut h, b);
    reading_problems(&mut h, b);
    h.raw("</body>\n</html>\n");
    h.out
}

fn decide_today(h: &mut Html, b: &Briefing, max: Option<usize>) {
    h.element("h2", "Decide today");
    let open: Vec<&Conflict> = b.conflicts.iter().filter(|c| c.open()).collect();
    if open.is_empty() {
        h.element(
            "p",
            "Nothing to decide: every source agrees or was settled.",
        );
        return;
    }
    let shown = max.map_or(open.len(), |max| max.min(open.len()));
    for (i, c) in open[..shown].iter().enumerate() {
        conflict(h, i + 1, c);
    }
    if shown < open.len() {
        h.element("p", &more_conflicts(open.len() - shown));
    }
}

fn conflict(h: &mut Html, number: usize, c: &Conflict) {
    h.raw("<h3>");
    h.text(&format!(
        "{number}. [{}] {} ({}) · {}",
        c.severity.as_str().to_uppercase(),
        c.entity_name,
        c.kind,
        c.field
    ));
    h.raw("</h3>\n");
    if let Some(d) = c.decision.as_ref().filter(|d| d.changed) {
        h.element(
            "p",
            &format!(
                "Changed since decided: on {} it was settled as {}'s {}; a value has changed since.",
                d.at, d.keep, d.value
            ),
        );
    }
    h.element("p", &c.decide);
    h.table_start(&["role", "seat", "value", "as written", "source", "as of"]);
    for v in &c.values {
        let role = role(v, c);
        let raw = if fold_text(&v.raw) != fold_text(&v.value) {
            v.raw.as_str()
        } else {
            ""
        };
        let column = v.column.map(|c| format!(":{c}")).unwrap_or_default();
        h.row(&[
            role,
            v.seat.as_deref().unwrap_or("(unassigned file)"),
            &v.value,
            raw,
            &format!("{}:{}{column}", v.file, v.line),
            &v.as_of
                .map(|t| short_time(&t.to_string()))
                .unwrap_or_default(),
        ]);
    }
    h.table_end();
    for note in &c.notes {
        h.element("p", &format!("Note: {note}"));
    }
}

/// As the terminal UI says it: the owner's value, a value that agrees
/// with it or dissents, a co-owner's or a shadow seat's; nothing when no
/// single seat owns the fact.
fn role(v: &ValueView, c: &Conflict) -> &'static str {
    if v.authoritative {
        "owner"
    } else if v.shadow {
        "shadow"
    } else if c
        .claimants
        .iter()
        .any(|s| Some(s.as_str()) == v.seat.as_deref())
    {
        "co-owner"
    } else {
        match &c.owner_value {
            Some(owner) if *owner == *v.value => "agrees",
            Some(_) => "dissent",
            None => "",
        }
    }
}

fn escalations(h: &mut Html, b: &Briefing) {
    let open: Vec<_> = b
        .escalations
        .iter()
        .filter(|e| e.status == EscalationStatus::Open)
        .collect();
    if open.is_empty() {
        return;
    }
    h.element("h2", "Open escalations");
    h.table_start(&[
        "status",
        "escalation",
        "raised by",
        "to",
        "raised",
        "due",
        "reports",
        "source",
    ]);
    for e in open {
        let seat = match (&e.seat, &e.seat_owner) {
            (Some(s), Some(p)) => format!("{s} ({p})"),
            (Some(s), None) => format!("{s} (no owner)"),
            (None, _) => "an unassigned file".to_string(),
        };
        h.row(&[
            if e.overdue { "OVERDUE" } else { "open" },
            &e.name,
            &seat,
            e.escalate_to.as_deref().unwrap_or("nobody"),
            &e.raised.map(|r| r.to_string()).unwrap_or_default(),
            &e.deadline.map(|d| d.to_string()).unwrap_or_default(),
            &e.reports.to_string(),
            &format!("{}:{}", e.file, e.line),
        ]);
    }
    h.table_end();
}

fn alerts(h: &mut Html, b: &Briefing) {
    if b.alerts.is_empty() {
        return;
    }
    h.element("h2", "Alerts");
    h.table_start(&["alert", "entity", "ratio", "over", "owner"]);
    for a in &b.alerts {
        let owner = match (&a.owner, &a.owner_person) {
            (Some(s), Some(p)) => format!("{s} ({p})"),
            (Some(s), None) => s.clone(),
            (None, _) => "no single seat".to_string(),
        };
        h.row(&[
            &a.name,
            &a.entity_name,
            &format!(
                "{}% ({} {} / {} {})",
                a.pct,
                a.numerator.field,
                a.numerator.value,
                a.denominator.field,
                a.denominator.value
            ),
            &format!("{}%", a.over_pct),
            &owner,
        ]);
    }
    h.table_end();
}

fn stale_seats(h: &mut Html, b: &Briefing) {
    let stale: Vec<_> = b.seats.iter().filter(|s| s.stale).collect();
    if stale.is_empty() {
        return;
    }
    h.element("h2", "Stale seats");
    h.table_start(&["seat", "owner", "last update", "cadence"]);
    for s in stale {
        let last = match (&s.as_of, s.files) {
            (_, 0) => "no state files at all".to_string(),
            (Some(t), _) => short_time(t),
            (None, _) => "no update time".to_string(),
        };
        h.row(&[
            &s.name,
            s.owner.as_deref().unwrap_or("no owner"),
            &last,
            s.cadence.as_deref().unwrap_or(""),
        ]);
    }
    h.table_end();
}

fn gaps(h: &mut Html, b: &Briefing) {
    if b.gaps.is_empty() {
        return;
    }
    h.element("h2", "Gaps");
    h.table_start(&["gap", "detail", "line to change"]);
    for g in &b.gaps {
        let line = g
            .config_line
            .map(|l| format!("briefing.toml:{l}"))
            .unwrap_or_default();
        h.row(&[g.kind, &g.detail, &line]);
    }
    h.table_end();
}

fn settled(h: &mut Html, b: &Briefing) {
    let settled: Vec<_> = b
        .conflicts
        .iter()
        .filter_map(|c| Some((c, c.decision.as_ref().filter(|_| !c.open())?)))
        .collect();
    if settled.is_empty() {
        return;
    }
    h.element("h2", "Settled");
    h.table_start(&["entity", "field", "kept", "by", "on"]);
    for (c, d) in settled {
        h.row(&[
            &format!("{} ({})", c.entity_name, c.kind),
            &c.field,
            &format!("{}'s {}", d.keep, d.value),
            d.by.as_deref().unwrap_or(""),
            &d.at,
        ]);
    }
    h.table_end();
}

fn shadow(h: &mut Html, b: &Briefing) {
    if b.shadow_disagreements.is_empty() {
        return;
    }
    h.element("h2", "Shadow disagreements (shown, never trusted)");
    h.table_start(&[
        "entity",
        "field",
        "shadow seat",
        "says",
        "trusted",
        "source",
    ]);
    for c in &b.shadow_disagreements {
        let trusted = c
            .values
            .iter()
            .find(|v| !v.shadow)
            .map_or("nothing", |v| &*v.value);
        for v in c.values.iter().filter(|v| v.shadow) {
            h.row(&[
                &format!("{} ({})", c.entity_name, c.kind),
                &c.field,
                v.seat.as_deref().unwrap_or("?"),
                &v.value,
                trusted,
                &format!("{}:{}", v.file, v.line),
            ]);
        }
    }
    h.table_end();
}

fn score(h: &mut Html, b: &Briefing) {
    h.element("h2", &format!("Score {}/100", b.score.total));
    h.table_start(&["part", "points", "measured", "cost points"]);
    for part in &b.score.parts {
        h.row(&[
            part.name,
            &format!("{:.1}/{}", part.points, part.weight),
            &part.measured,
            &part.items.join("; "),
        ]);
    }
    h.table_end();
}

fn reading_problems(h: &mut Html, b: &Briefing) {
    if b.diagnostics.is_empty() {
        return;
    }
    h.element("h2", "Reading problems");
    h.table_start(&["where", "severity", "problem"]);
    for d in &b.diagnostics {
        h.row(&[&d.place(), &d.severity.to_string(), &d.message]);
    }
    h.table_end();
}

#[derive(Default)]
struct Html {
    out: String,
}

impl Html {
    fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    fn text(&mut self, text: &str) {
        escape_into(&mut self.out, text);
    }

    fn element(&mut self, tag: &str, text: &str) {
        let _ = write!(self.out, "<{tag}>");
        self.text(text);
        let _ = writeln!(self.out, "</{tag}>");
    }

    fn table_start(&mut self, headings: &[&str]) {
        self.raw(
            "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" style=\"border-collapse: collapse\">\n<tr>",
        );
        for heading in headings {
            self.raw("<th align=\"left\">");
            self.text(heading);
            self.raw("</th>");
        }
        self.raw("</tr>\n");
    }

    fn row(&mut self, cells: &[&str]) {
        self.raw("<tr>");
        for cell in cells {
            self.raw("<td>");
            self.text(cell);
            self.raw("</td>");
        }
        self.raw("</tr>\n");
    }

    fn table_end(&mut self) {
        self.raw("</table>\n");
    }
}

/// `text` with the five characters HTML gives meaning escaped.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_html_gives_meaning() {
        let mut out = String::new();
        escape_into(&mut out, r#"<script>alert("x & 'y'")</script>"#);
        assert_eq!(
            out,
            "&lt;script&gt;alert(&quot;x &amp; &#39;y&#39;&quot;)&lt;/script&gt;"
        );
    }
}
