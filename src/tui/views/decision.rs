//! How a conflict reads in a line: who owns it, the owner's value against
//! the dissent, and the role of each source.

use crate::briefing::{Conflict, Ownership, ValueView};
use crate::tui::theme::Theme;
use ratatui::style::Style;
use ratatui::text::Span;

/// A source's standing in a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The owner seat's value: authoritative.
    Owner,
    /// Differs from the owner's value.
    Dissent,
    /// Says what the owner says.
    Agrees,
    /// One of two seats owning the fact.
    CoOwner,
    /// A shadow seat: shown, never trusted.
    Shadow,
    /// Nobody owns the fact, so no value outranks another.
    Source,
}

impl Role {
    pub fn of(value: &ValueView, conflict: &Conflict) -> Role {
        if value.authoritative {
            Role::Owner
        } else if value.shadow {
            Role::Shadow
        } else if value
            .seat
            .as_deref()
            .is_some_and(|s| conflict.claimants.iter().any(|c| c == s))
        {
            Role::CoOwner
        } else {
            match &conflict.owner_value {
                Some(v) if **v == *value.value => Role::Agrees,
                Some(_) => Role::Dissent,
                None => Role::Source,
            }
        }
    }

    /// Glyph and word, e.g. `★ OWNER`.
    pub fn label(self, theme: &Theme) -> (String, Style) {
        let g = &theme.glyphs;
        let (glyph, word, style) = match self {
            Role::Owner => (g.owner, "OWNER", theme.owner),
            Role::Dissent => (g.dissent, "DISSENT", theme.dissent),
            Role::Agrees => (g.agree, "agrees", theme.agree),
            Role::CoOwner => (g.co_owner, "CO-OWNER", theme.co_owner),
            Role::Shadow => (g.shadow, "shadow", theme.shadow),
            Role::Source => (g.dot, "source", theme.text),
        };
        (format!("{glyph} {word}"), style)
    }
}

/// Who decides, in a cell: the owner seat and its person, or why nobody.
pub fn owner_text(c: &Conflict) -> (String, bool) {
    match c.ownership {
        Ownership::Owned => {
            let seat = c.owner.as_deref().unwrap_or("?");
            match &c.owner_person {
                Some(person) => (format!("{seat} ({person})"), true),
                None => (format!("{seat} (no person)"), false),
            }
        }
        Ownership::DoubleOwner => (format!("{} co-owners", c.claimants.len()), false),
        Ownership::Ownerless => ("no owner seat".to_string(), false),
    }
}

/// Just the owner seat, for narrow columns.
pub fn owner_seat(c: &Conflict) -> (String, bool) {
    match (&c.ownership, &c.owner) {
        (Ownership::Owned, Some(seat)) => (seat.clone(), true),
        (Ownership::DoubleOwner, _) => (format!("{} co-owners", c.claimants.len()), false),
        _ => ("no owner".to_string(), false),
    }
}

/// Distinct values other than the owner's, each with the first seat that
/// gives it, in source order; shadow seats left out.
fn others(c: &Conflict) -> Vec<(&str, &str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for v in c.values.iter().filter(|v| !v.shadow && !v.authoritative) {
        if c.owner_value.as_deref() == Some(&*v.value) {
            continue;
        }
        if !out.iter().any(|(value, _)| *value == &*v.value) {
            out.push((&v.value, v.seat.as_deref().unwrap_or("unassigned")));
        }
    }
    out
}

/// `2026-12-01 (owner) vs 2026-12-05 deadline-calendar`, styled.
pub fn versus(c: &Conflict, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    if let Some(owner) = &c.owner_value {
        spans.push(Span::styled(owner.clone(), theme.owner));
        spans.push(Span::styled(" (owner)", theme.dim));
    }
    let style = if c.owner_value.is_some() {
        theme.dissent
    } else {
        theme.bold
    };
    for (i, (value, seat)) in others(c).into_iter().enumerate() {
        if i > 0 || !spans.is_empty() {
            spans.push(Span::styled(" vs ", theme.dim));
        }
        spans.push(Span::styled(value.to_string(), style));
        spans.push(Span::styled(format!(" {seat}"), theme.dim));
    }
    spans
}

/// `2026-12-01 vs 2026-12-05`, for a table cell.
pub fn versus_short(c: &Conflict) -> String {
    let mut parts: Vec<&str> = c.owner_value.iter().map(String::as_str).collect();
    parts.extend(others(c).into_iter().map(|(value, _)| value));
    parts.join(" vs ")
}
