//! The `Briefing`: everything the outputs show, computed once. Renderers
//! (plain, JSON, terminal UI) only format it; they never recompute.
//!
//! The `Serialize` derives here, with those of the entity and near-miss
//! views in [`crate::store`], are the `briefing/1` JSON schema, the only
//! description of it: `report::json` lays the document out from them.
//! Rename nothing, only add.

pub mod history;

use crate::diag::Diagnostic;
pub use crate::store::{EntityView, MentionView, Mentions, NearMissView};
use chrono::format::{Item, Numeric, Pad};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

pub const SCHEMA: &str = "briefing/1";

/// A moment as the briefing writes it: `2026-11-24` for midnight, else
/// `2026-11-24T06:30:00`. Kept as the time and formatted only when shown: a
/// large briefing holds one per conflicting value, tens of thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp(pub NaiveDateTime);

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As item lists, so the thousands written do not parse a format
        // string each.
        const DATE: &[Item<'static>] = &[
            Item::Numeric(Numeric::Year, Pad::Zero),
            Item::Literal("-"),
            Item::Numeric(Numeric::Month, Pad::Zero),
            Item::Literal("-"),
            Item::Numeric(Numeric::Day, Pad::Zero),
        ];
        const TIME: &[Item<'static>] = &[
            Item::Literal("T"),
            Item::Numeric(Numeric::Hour, Pad::Zero),
            Item::Literal(":"),
            Item::Numeric(Numeric::Minute, Pad::Zero),
            Item::Literal(":"),
            Item::Numeric(Numeric::Second, Pad::Zero),
        ];
        if self.0.time() == NaiveTime::MIN {
            self.0.format_with_items(DATE.iter()).fmt(f)
        } else {
            self.0.format_with_items(DATE.iter().chain(TIME)).fmt(f)
        }
    }
}

impl Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Briefing {
    pub schema: &'static str,
    pub org: String,
    pub today: NaiveDate,
    pub score: Score,
    pub seats: Vec<SeatSummary>,
    pub entities: Vec<EntityView>,
    pub conflicts: Vec<Conflict>,
    pub escalations: Vec<EscalationView>,
    pub alerts: Vec<AlertView>,
    pub gaps: Vec<Gap>,
    /// Shadow seats disagreeing with the trusted value: shown, never conflicts.
    pub shadow_disagreements: Vec<Conflict>,
    /// Names that came close to merging and did not, for `explain`.
    pub near_misses: Vec<NearMissView>,
    pub diagnostics: Vec<Diagnostic>,
    /// What `briefing check` says about `briefing.toml`.
    pub config_findings: Vec<ConfigFinding>,
    pub files: Vec<FileSummary>,
    pub stats: Stats,
    /// What changed since the latest earlier briefing day, from the
    /// history store; absent without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<history::History>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeatSummary {
    pub name: String,
    pub owner: Option<String>,
    pub purpose: Option<String>,
    /// How many state files the seat wrote.
    pub files: usize,
    /// The newest as-of time among its files.
    pub as_of: Option<String>,
    pub stale: bool,
    pub shadow: bool,
    pub cadence: Option<String>,
    pub owns: Vec<String>,
    pub on_failure: Option<String>,
    pub escalate_to: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    pub fn raised(self) -> Severity {
        match self {
            Severity::Low => Severity::Medium,
            Severity::Medium | Severity::High => Severity::High,
        }
    }
}

/// Who is authoritative for a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ownership {
    Owned,
    DoubleOwner,
    Ownerless,
}

/// A disputed fact: its values, the seat that owns it and who must decide.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub entity: String,
    pub entity_name: String,
    pub kind: String,
    pub field: String,
    /// The type values were compared as.
    #[serde(rename = "type")]
    pub field_type: &'static str,
    pub severity: Severity,
    pub ownership: Ownership,
    pub owner: Option<String>,
    pub owner_person: Option<String>,
    pub owner_value: Option<String>,
    /// Seats owning the fact at the same specificity (double ownership).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub claimants: Vec<String>,
    /// Seats whose value differs from the owner's.
    pub dissenters: Vec<String>,
    pub values: Vec<ValueView>,
    /// Who settles it, in a sentence.
    pub decide: String,
    /// Hints such as a date that would agree if read day-first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The owner seat's written failure path.
    pub on_failure: Option<String>,
    pub escalate_to: Option<String>,
    /// How a person settled it, from `briefing.decisions.toml`. Boxed:
    /// few conflicts are settled, so the rest hold a null pointer rather
    /// than the room for one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Box<DecisionView>>,
}

impl Conflict {
    /// Still needs a decision: never settled, or its values changed since.
    pub fn open(&self) -> bool {
        self.decision.as_ref().is_none_or(|d| d.changed)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionView {
    /// The seat whose value was kept.
    pub keep: String,
    pub value: String,
    pub by: Option<String>,
    pub at: String,
    pub note: Option<String>,
    /// A value changed after the decision: it needs deciding again.
    pub changed: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    pub total: u32,
    pub parts: Vec<ScorePart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScorePart {
    pub name: &'static str,
    pub weight: u32,
    /// 0..1; a part with nothing to measure counts as full.
    pub share: f64,
    /// `weight × share`, rounded to one decimal.
    pub points: f64,
    /// What was measured, in words (`7 of 9 seats`).
    pub measured: String,
    /// What cost points.
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EscalationView {
    pub entity: String,
    pub name: String,
    /// The entity it is about: an id when it resolves, else the text.
    pub about: Option<String>,
    pub about_name: Option<String>,
    pub seat: Option<String>,
    pub seat_owner: Option<String>,
    pub status: EscalationStatus,
    pub raised: Option<NaiveDate>,
    pub age_days: Option<i64>,
    /// When it had to be acted on: raised + SLA, its due date, or raised +
    /// the raising seat's cadence.
    pub deadline: Option<NaiveDate>,
    pub overdue: bool,
    pub overdue_days: Option<i64>,
    pub sla: Option<String>,
    pub escalate_to: Option<String>,
    pub executed: bool,
    /// Consecutive days it was reported, up to the last report.
    pub streak_days: u32,
    pub reports: u32,
    pub last_reported: Option<String>,
    pub message: Option<String>,
    pub file: String,
    pub line: u32,
}

/// Whether an escalation still waits for someone: `"open"` or `"closed"` in
/// the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EscalationStatus {
    Open,
    Closed,
}

#[derive(Debug, Clone, Serialize)]
pub struct AlertView {
    pub name: String,
    pub entity: String,
    pub entity_name: String,
    pub pct: f64,
    pub over_pct: f64,
    pub numerator: RatioValue,
    pub denominator: RatioValue,
    /// The seat owning the numerator fact.
    pub owner: Option<String>,
    pub owner_person: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RatioValue {
    pub field: String,
    pub value: String,
    pub seat: Option<String>,
    pub file: String,
    pub line: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    pub kind: &'static str,
    pub subject: String,
    pub detail: String,
    /// The `briefing.toml` line to change, where one applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_line: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ValueView {
    /// The seat, its person and the file are shared with every other value
    /// that names them, and the normalised value with the analysis: a large
    /// briefing holds tens of thousands of values, each pointing at one
    /// copy of these strings.
    pub seat: Option<Arc<str>>,
    pub person: Option<Arc<str>>,
    /// Normalised.
    pub value: Arc<str>,
    pub raw: String,
    pub file: Arc<str>,
    pub line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    pub as_of: Option<Stamp>,
    /// How the value was read, when a reader should know: `no year given:
    /// read as 2026-12-05, the nearest its as-of date 2026-11-24`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Read from a bullet of prose (`- **Acme Website Redesign**: due
    /// Dec 5`) rather than a record.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub prose: bool,
    pub shadow: bool,
    /// This value is the owner's.
    pub authoritative: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileSummary {
    pub path: String,
    pub format: &'static str,
    pub seat: Option<String>,
    pub as_of: Option<String>,
    /// `field`, `records`, `modified`, or `none` (an unreadable file): where
    /// as_of came from.
    pub as_of_source: &'static str,
    pub mentions: u32,
    pub readable: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub files_read: usize,
    pub files_skipped: usize,
    /// The paths of the files skipped for an unknown format, for the
    /// terminal UI to list; the JSON counts them in `files_skipped`.
    #[serde(skip)]
    pub skipped: Vec<String>,
    pub mentions: usize,
    pub entities: usize,
    pub facts: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigFinding {
    /// Line in `briefing.toml`.
    pub line: u32,
    pub severity: crate::diag::Severity,
    pub message: String,
}
