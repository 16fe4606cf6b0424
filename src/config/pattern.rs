//! `kind.field` ownership patterns with `*`, ranked by how specific they are.

use crate::words::{singular, snake_case};
use std::fmt;

/// An `owns` or `not_owns` pattern of a seat, and the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternEntry {
    pub pattern: FactPattern,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FactPattern {
    /// `None` is `*`.
    pub kind: Option<String>,
    pub field: Option<String>,
}

impl FactPattern {
    pub fn parse(text: &str) -> Result<Self, String> {
        let Some((kind, field)) = text.trim().split_once('.') else {
            return Err(format!(
                "`{text}` is not of the form kind.field (use * for any)"
            ));
        };
        let part = |s: &str| {
            let s = s.trim();
            if s.is_empty() || s.contains('.') || (s.contains('*') && s != "*") {
                Err(format!(
                    "`{text}` is not of the form kind.field (use * for any)"
                ))
            } else if s == "*" {
                Ok(None)
            } else {
                Ok(Some(snake_case(s)))
            }
        };
        Ok(Self {
            kind: part(kind)?.map(|k| singular(&k)),
            field: part(field)?,
        })
    }

    pub fn matches(&self, kind: &str, field: &str) -> bool {
        self.kind.as_deref().is_none_or(|k| k == kind)
            && self.field.as_deref().is_none_or(|f| f == field)
    }

    /// `project.due_date` 3, `project.*` 2, `*.due_date` 1, `*.*` 0.
    pub fn specificity(&self) -> u8 {
        2 * u8::from(self.kind.is_some()) + u8::from(self.field.is_some())
    }
}

impl fmt::Display for FactPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{}",
            self.kind.as_deref().unwrap_or("*"),
            self.field.as_deref().unwrap_or("*")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specificity_orders_as_the_spec_says() {
        let s = |t: &str| FactPattern::parse(t).unwrap().specificity();
        assert!(s("project.due_date") > s("project.*"));
        assert!(s("project.*") > s("*.due_date"));
        assert!(s("*.due_date") > s("*.*"));
    }

    #[test]
    fn matching_and_normalising() {
        let p = FactPattern::parse("Projects.dueDate").unwrap();
        assert!(p.matches("project", "due_date"));
        assert!(!p.matches("client", "due_date"));
        assert!(
            FactPattern::parse("*.status")
                .unwrap()
                .matches("deal", "status")
        );
    }

    #[test]
    fn rejects_malformed() {
        for bad in ["budget", "project.", ".x", "pro*ject.x", "a.b.c"] {
            assert!(FactPattern::parse(bad).is_err(), "{bad}");
        }
    }
}
