//! `--plain`: text for pasting into an email or piping to `mail`. No
//! colour, wrapped to a width, 7-bit with `--ascii`, and the same bytes for
//! the same input and `--today`.

use crate::briefing::{Briefing, Conflict, ValueView};
use crate::diag::Diagnostic;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

#[derive(Debug, Clone, Copy)]
pub struct PlainOptions {
    pub width: usize,
    pub ascii: bool,
}

impl Default for PlainOptions {
    fn default() -> Self {
        Self {
            width: 72,
            ascii: false,
        }
    }
}

/// Narrower than this and nothing useful fits on a line.
const MIN_WIDTH: usize = 30;

pub fn render(briefing: &Briefing, options: &PlainOptions) -> String {
    let mut doc = Doc::new(options);
    header(&mut doc, briefing);
    decide_today(&mut doc, briefing);
    shadow(&mut doc, briefing);
    stale_seats(&mut doc, briefing);
    unassigned_files(&mut doc, briefing);
    reading_problems(&mut doc, &briefing.diagnostics);
    doc.finish()
}

/// `briefing conflicts [QUERY]`: the matching conflicts in full.
pub fn render_conflicts(
    briefing: &Briefing,
    conflicts: &[&Conflict],
    query: Option<&str>,
    options: &PlainOptions,
) -> String {
    let mut doc = Doc::new(options);
    let title = match query {
        Some(q) => format!(
            "{}: conflicts matching \"{q}\", {}",
            briefing.org,
            long_date(briefing)
        ),
        None => format!("{}: every conflict, {}", briefing.org, long_date(briefing)),
    };
    doc.para(0, 0, &title);
    if conflicts.is_empty() {
        doc.blank();
        doc.para(0, 0, "No conflict matches.");
    }
    for (i, conflict) in conflicts.iter().enumerate() {
        doc.blank();
        conflict_block(&mut doc, i + 1, conflict, true);
    }
    doc.finish()
}

fn long_date(briefing: &Briefing) -> String {
    briefing.today.format("%A %-d %B %Y").to_string()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn header(doc: &mut Doc, b: &Briefing) {
    let org = if b.org.is_empty() {
        "Morning briefing".to_string()
    } else {
        format!("{}: morning briefing", b.org)
    };
    doc.para(0, 0, &format!("{org}, {}", long_date(b)));
    let high = b
        .conflicts
        .iter()
        .filter(|c| c.severity == crate::briefing::Severity::High)
        .count();
    let mut summary = vec![format!(
        "{} ({high} high)",
        plural(b.conflicts.len(), "conflict", "conflicts")
    )];
    let stale = b.seats.iter().filter(|s| s.stale).count();
    if stale > 0 {
        summary.push(plural(stale, "stale seat", "stale seats"));
    }
    let unreadable = b.files.iter().filter(|f| !f.readable).count();
    if unreadable > 0 {
        summary.push(plural(unreadable, "unreadable file", "unreadable files"));
    }
    doc.para(0, 0, &summary.join(&format!(" {} ", doc.glyphs.dot)));
    let active = b.seats.iter().filter(|s| s.files > 0).count();
    doc.para(
        0,
        0,
        &format!(
            "{} read from {active} {}, {} skipped: {} of {}.",
            plural(b.stats.files_read, "file", "files"),
            if active == 1 { "seat" } else { "seats" },
            b.stats.files_skipped,
            plural(b.stats.mentions, "mention", "mentions"),
            plural(b.stats.entities, "entity", "entities"),
        ),
    );
}

fn decide_today(doc: &mut Doc, b: &Briefing) {
    doc.heading("Decide today");
    if b.conflicts.is_empty() {
        doc.para(0, 0, "Nothing to decide: every source agrees.");
        return;
    }
    for (i, conflict) in b.conflicts.iter().enumerate() {
        if i > 0 {
            doc.blank();
        }
        conflict_block(doc, i + 1, conflict, false);
    }
}

fn conflict_block(doc: &mut Doc, number: usize, c: &Conflict, detail: bool) {
    let prefix = format!("{number}. ");
    let indent = prefix.len();
    doc.para(
        0,
        indent,
        &format!(
            "{prefix}[{}] {} ({}) {} {}",
            c.severity.as_str().to_uppercase(),
            c.entity_name,
            c.kind,
            doc.glyphs.dot,
            c.field
        ),
    );
    doc.para(indent, indent + 2, &c.decide);
    for value in &c.values {
        value_lines(doc, indent, value, c);
    }
    for note in &c.notes {
        doc.para(indent, indent + 6, &format!("Note: {note}"));
    }
    if detail {
        doc.para(indent, indent + 2, &format!("Entity: {}", c.entity));
        if let Some(on_failure) = &c.on_failure {
            doc.para(
                indent,
                indent + 2,
                &format!("If the owner seat fails: {on_failure}"),
            );
        }
        if let Some(target) = &c.escalate_to {
            doc.para(indent, indent + 2, &format!("Escalate to: {target}"));
        }
        if !c.dissenters.is_empty() {
            doc.para(
                indent,
                indent + 2,
                &format!("Dissenting: {}", c.dissenters.join(", ")),
            );
        }
    }
}

fn value_lines(doc: &mut Doc, indent: usize, v: &ValueView, c: &Conflict) {
    let seat = v.seat.as_deref().unwrap_or("(unassigned file)");
    let (mark, role) = if v.authoritative {
        ('*', " (owner)")
    } else if v.shadow {
        ('~', " (shadow)")
    } else if c.claimants.iter().any(|s| Some(s) == v.seat.as_ref()) {
        ('?', " (co-owner)")
    } else {
        ('-', "")
    };
    doc.para(
        indent,
        indent + 4,
        &format!("{mark} {seat}{role}: {}", v.value),
    );
    let mut source = Vec::new();
    if fold(&v.raw) != fold(&v.value) {
        source.push(format!("\"{}\"", v.raw));
    }
    let column = v.column.map(|c| format!(":{c}")).unwrap_or_default();
    source.push(format!("{}:{}{column}", v.file, v.line));
    if let Some(as_of) = &v.as_of {
        source.push(format!("as of {}", short_time(as_of)));
    }
    let sep = format!(" {} ", doc.glyphs.dot);
    doc.para(indent + 4, indent + 6, &source.join(&sep));
}

/// `2026-11-24T06:30:00` as `2026-11-24 06:30`.
fn short_time(iso: &str) -> String {
    let t = iso.replacen('T', " ", 1);
    t.get(..16).map_or(t.clone(), str::to_string)
}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn shadow(doc: &mut Doc, b: &Briefing) {
    if b.shadow_disagreements.is_empty() {
        return;
    }
    doc.heading("Shadow disagreements (shown, never trusted)");
    for c in &b.shadow_disagreements {
        let trusted: Vec<&str> = c
            .values
            .iter()
            .filter(|v| !v.shadow)
            .map(|v| v.value.as_str())
            .collect();
        let trusted = trusted.first().copied().unwrap_or("nothing");
        for v in c.values.iter().filter(|v| v.shadow) {
            doc.para(
                0,
                4,
                &format!(
                    "- {} ({}) {}: {} says {}, trusted sources say {trusted} ({}:{})",
                    c.entity_name,
                    c.kind,
                    c.field,
                    v.seat.as_deref().unwrap_or("?"),
                    v.value,
                    v.file,
                    v.line
                ),
            );
        }
    }
}

fn stale_seats(doc: &mut Doc, b: &Briefing) {
    let stale: Vec<_> = b.seats.iter().filter(|s| s.stale).collect();
    if stale.is_empty() {
        return;
    }
    doc.heading("Stale seats");
    for seat in stale {
        let who = seat.owner.as_deref().unwrap_or("no owner");
        let last = match (&seat.as_of, seat.files) {
            (_, 0) => "no state files at all".to_string(),
            (Some(t), _) => format!("last update {}", short_time(t)),
            (None, _) => "no update time".to_string(),
        };
        let cadence = seat
            .cadence
            .as_deref()
            .map(|c| format!(", expected every {c}"))
            .unwrap_or_default();
        doc.para(0, 4, &format!("- {} ({who}): {last}{cadence}", seat.name));
    }
}

fn unassigned_files(doc: &mut Doc, b: &Briefing) {
    let files: Vec<_> = b.files.iter().filter(|f| f.seat.is_none()).collect();
    if files.is_empty() {
        return;
    }
    doc.heading("Files no seat claims");
    for f in files {
        doc.para(
            0,
            4,
            &format!(
                "- {}: no [[seat]] files glob matches it and it names no seat ({})",
                f.path,
                plural(f.mentions as usize, "record", "records")
            ),
        );
    }
}

fn reading_problems(doc: &mut Doc, diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    doc.heading("Reading problems");
    for d in diagnostics {
        let mut place = d.file.clone();
        if let Some(line) = d.line {
            place.push_str(&format!(":{line}"));
            if let Some(column) = d.column {
                place.push_str(&format!(":{column}"));
            }
        }
        doc.para(0, 4, &format!("- {place}: {}: {}", d.severity, d.message));
    }
}

struct Glyphs {
    dot: &'static str,
    rule: char,
}

struct Doc {
    out: String,
    width: usize,
    ascii: bool,
    glyphs: Glyphs,
}

impl Doc {
    fn new(options: &PlainOptions) -> Self {
        Self {
            out: String::new(),
            width: options.width.max(MIN_WIDTH),
            ascii: options.ascii,
            glyphs: if options.ascii {
                Glyphs {
                    dot: "-",
                    rule: '=',
                }
            } else {
                Glyphs {
                    dot: "·",
                    rule: '─',
                }
            },
        }
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn heading(&mut self, title: &str) {
        self.blank();
        let title = title.to_uppercase();
        self.out.push_str(&title);
        self.out.push('\n');
        let rule: String =
            std::iter::repeat_n(self.glyphs.rule, title.chars().count().min(self.width)).collect();
        self.out.push_str(&rule);
        self.out.push('\n');
    }

    /// `text` wrapped to the width: first line indented by `first`, the
    /// rest by `rest`.
    fn para(&mut self, first: usize, rest: usize, text: &str) {
        let text = if self.ascii {
            to_ascii(text)
        } else {
            text.to_string()
        };
        let first_indent = " ".repeat(first);
        let rest_indent = " ".repeat(rest.min(self.width / 2));
        let options = textwrap::Options::new(self.width)
            .initial_indent(&first_indent)
            .subsequent_indent(&rest_indent)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .break_words(true);
        for line in textwrap::wrap(&text, options) {
            self.out.push_str(line.trim_end());
            self.out.push('\n');
        }
    }

    fn finish(self) -> String {
        self.out
    }
}

/// 7-bit text: accents dropped, typographic punctuation replaced, anything
/// else that is not ASCII shown as `?`.
fn to_ascii(text: &str) -> String {
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            c if c.is_ascii() => c.to_string(),
            '‘' | '’' | '′' => "'".to_string(),
            '“' | '”' | '″' => "\"".to_string(),
            '–' | '—' | '−' | '‐' => "-".to_string(),
            '·' | '•' => "-".to_string(),
            '…' => "...".to_string(),
            '€' => "EUR ".to_string(),
            '£' => "GBP ".to_string(),
            '×' => "x".to_string(),
            _ => "?".to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_folds_what_it_can() {
        assert_eq!(to_ascii("Café — “Zoë” · 5€"), "Cafe - \"Zoe\" - 5EUR ");
        assert_eq!(to_ascii("日本"), "??");
    }

    #[test]
    fn paragraphs_wrap_with_hanging_indent() {
        let mut doc = Doc::new(&PlainOptions {
            width: 30,
            ascii: false,
        });
        doc.para(2, 4, "one two three four five six seven eight nine ten");
        for line in doc.out.lines() {
            assert!(line.chars().count() <= 30, "{line}");
        }
        assert!(doc.out.starts_with("  one"));
        assert!(doc.out.lines().nth(1).unwrap().starts_with("    "));
    }
}
