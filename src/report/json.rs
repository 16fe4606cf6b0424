//! `--json`: the `briefing/1` document.

use crate::briefing::{Briefing, Conflict};
use serde::Serialize;
use std::io::{self, Write};

pub fn write(out: &mut impl Write, briefing: &Briefing) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, briefing)?;
    writeln!(out)
}

/// `briefing conflicts QUERY --json`: the matching conflicts only.
pub fn write_conflicts(
    out: &mut impl Write,
    briefing: &Briefing,
    query: Option<&str>,
    conflicts: &[&Conflict],
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Drill<'a> {
        schema: &'static str,
        org: &'a str,
        today: chrono::NaiveDate,
        query: Option<&'a str>,
        conflicts: &'a [&'a Conflict],
    }
    let doc = Drill {
        schema: briefing.schema,
        org: &briefing.org,
        today: briefing.today,
        query,
        conflicts,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
