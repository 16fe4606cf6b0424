//! `briefing check`: lints `briefing.toml` against what the state files
//! hold, like a CODEOWNERS validator. Each finding names the line to change.

use super::context::Owners;
use super::ownership::Owner;
use crate::briefing::ConfigFinding;
use crate::config::{Config, FactPattern};
use crate::diag::Severity;
use crate::model::{Ingested, SeatId};
use std::collections::{BTreeMap, BTreeSet};

pub fn lint(config: &Config, ingested: &Ingested, owners: &Owners) -> Vec<ConfigFinding> {
    let mut findings = Vec::new();
    let mut warn = |line: u32, severity: Severity, message: String| {
        findings.push(ConfigFinding {
            line,
            severity,
            message,
        });
    };
    let facts_seen: BTreeSet<(&str, &str)> = owners.iter().map(|(k, _)| *k).collect();
    let seats_with_files: BTreeSet<SeatId> = ingested.files.iter().filter_map(|f| f.seat).collect();
    let people: BTreeSet<&str> = config
        .seats
        .iter()
        .filter_map(|s| s.owner.as_deref())
        .collect();
    let mut claimed_by_earlier: BTreeMap<&str, &str> = BTreeMap::new();
    let paths: Vec<&str> = ingested.files.iter().map(|f| f.path.as_str()).collect();
    let per_glob = files_per_glob(config, &paths);

    for (i, seat) in config.seats.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for owned in &seat.owns {
            let (pattern, line) = (&owned.pattern, owned.line);
            if !seen.insert(pattern.to_string()) {
                warn(
                    line,
                    Severity::Warning,
                    format!("seat `{}` lists owns `{pattern}` twice", seat.name),
                );
            }
            if !facts_seen.iter().any(|(k, f)| pattern.matches(k, f)) {
                warn(
                    line,
                    Severity::Warning,
                    format!(
                        "owns `{pattern}` of seat `{}` matches no fact in the state files",
                        seat.name
                    ),
                );
            }
            let mut not_owns = seat.not_owns.iter().map(|n| &n.pattern);
            if let Some(blocker) = not_owns.find(|n| covers(n, pattern)) {
                warn(
                    line,
                    Severity::Warning,
                    format!(
                        "owns `{pattern}` of seat `{}` is cancelled by its own not_owns `{blocker}`",
                        seat.name
                    ),
                );
            } else if !seat.shadow && wins_nowhere(owners, SeatId::new(i), pattern) {
                warn(
                    line,
                    Severity::Info,
                    format!(
                        "owns `{pattern}` of seat `{}` never decides anything: a more specific pattern of another seat wins every fact it matches",
                        seat.name
                    ),
                );
            }
        }
        let seat_globs = config.files_of(seat).iter();
        for (entry, matching) in seat_globs.zip(&per_glob[seat.files.clone()]) {
            let (glob, line) = (&entry.text, entry.line);
            if matching.is_empty() {
                warn(
                    line,
                    Severity::Warning,
                    format!(
                        "files `{glob}` of seat `{}` matches no state file",
                        seat.name
                    ),
                );
            } else if let Some(first) = matching
                .iter()
                .map(|p| claimed_by_earlier.get(p))
                .collect::<Option<BTreeSet<_>>>()
                .filter(|s| s.len() == 1)
            {
                let earlier = first.into_iter().next().copied().unwrap_or_default();
                warn(
                    line,
                    Severity::Warning,
                    format!(
                        "files `{glob}` of seat `{}` is shadowed: seat `{earlier}` comes first and matches every file it does",
                        seat.name
                    ),
                );
            }
            for &path in matching {
                claimed_by_earlier.entry(path).or_insert(seat.name.as_str());
            }
        }
        if !seats_with_files.contains(&SeatId::new(i)) {
            warn(
                seat.line,
                Severity::Warning,
                format!("seat `{}` has no state files", seat.name),
            );
        }
        if let Some(target) = &seat.escalate_to {
            let known = config.seat(target).is_some()
                || people.contains(target.as_str())
                || looks_like_a_person(target);
            if !known {
                warn(
                    seat.line,
                    Severity::Warning,
                    format!(
                        "seat `{}` escalates to `{target}`, which is neither a seat nor a known person",
                        seat.name
                    ),
                );
            }
        }
    }
    // Overlaps, one finding per clashing pattern however many fields it covers.
    let mut overlaps: BTreeMap<(u32, SeatId, Vec<SeatId>), Vec<String>> = BTreeMap::new();
    for ((kind, field), owner) in owners.iter() {
        let Owner::Many(seats) = owner else { continue };
        for &s in seats {
            let seat = &config.seats[s.index()];
            let line = seat
                .owns
                .iter()
                .find(|o| o.pattern.matches(kind, field))
                .map(|o| o.line);
            let others: Vec<SeatId> = seats.iter().copied().filter(|&o| o != s).collect();
            if let Some(line) = line {
                overlaps
                    .entry((line, s, others))
                    .or_default()
                    .push(format!("{kind}.{field}"));
            }
        }
    }
    for ((line, s, others), mut facts) in overlaps {
        facts.sort();
        let others: Vec<&str> = others
            .iter()
            .map(|&o| config.seats[o.index()].name.as_str())
            .collect();
        warn(
            line,
            Severity::Warning,
            format!(
                "seat `{}` overlaps {} at the same specificity on {}",
                config.seats[s.index()].name,
                others.join(", "),
                facts.join(", ")
            ),
        );
    }
    findings.sort_by(|a, b| (a.line, &a.message).cmp(&(b.line, &b.message)));
    findings.dedup();
    findings
}

/// For every seat's every `files` glob, in configuration order (as
/// [`Config::seat_files`] holds them), the state files it matches.
fn files_per_glob<'a>(config: &Config, paths: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut matching: Vec<Vec<&str>> = vec![Vec::new(); config.seat_files.entries().len()];
    let mut hits = Vec::new();
    for path in paths {
        config.seat_files.matches_into(path, &mut hits);
        for &h in &hits {
            matching[h].push(path);
        }
    }
    matching
}

/// Whether `outer` matches every fact `inner` can match.
fn covers(outer: &FactPattern, inner: &FactPattern) -> bool {
    let part = |o: &Option<String>, i: &Option<String>| o.is_none() || o == i;
    part(&outer.kind, &inner.kind) && part(&outer.field, &inner.field)
}

/// A pattern that matches facts but is beaten on every one of them.
fn wins_nowhere(owners: &Owners, seat: SeatId, pattern: &FactPattern) -> bool {
    let mut matched = false;
    for ((kind, field), owner) in owners.iter() {
        if !pattern.matches(kind, field) {
            continue;
        }
        matched = true;
        let wins = match owner {
            Owner::One(s) => *s == seat,
            Owner::Many(list) => list.contains(&seat),
            Owner::None => false,
        };
        if wins {
            return false;
        }
    }
    matched
}

/// `Priya Shah` is a person; `ops-leed` is a mistyped seat.
fn looks_like_a_person(target: &str) -> bool {
    target.contains(' ')
        || target.contains('@')
        || target.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covering_patterns() {
        let p = |s: &str| FactPattern::parse(s).unwrap();
        assert!(covers(&p("project.*"), &p("project.status")));
        assert!(covers(&p("*.*"), &p("project.*")));
        assert!(!covers(&p("project.status"), &p("project.*")));
        assert!(!covers(&p("*.status"), &p("project.*")));
    }

    #[test]
    fn people_and_seats() {
        assert!(looks_like_a_person("Priya Shah"));
        assert!(looks_like_a_person("dana@example.com"));
        assert!(!looks_like_a_person("ops-leed"));
    }
}
