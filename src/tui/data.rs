//! The briefing as the screens list it: conflicts ranked by severity, the
//! rest of the Briefing as notes, files with their diagnostics, and for
//! every list the text a filter matches (its visible columns), the
//! identity a reload finds the selection by, and the source `e` opens.

use super::action::View;
use crate::briefing::history::{Changes, Day};
use crate::briefing::{AlertView, Briefing, Conflict, EscalationStatus, Gap, RatioValue, Severity};
use crate::diag::Severity as DiagSeverity;
use crate::query::COLUMN;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the screen shows: a top-level view or a drill-down into one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    View(View),
    /// Index into `Briefing::conflicts`.
    Conflict(usize),
    /// Index into `Briefing::shadow_disagreements`: drawn as a conflict,
    /// never decided.
    Shadow(usize),
    /// Index into `Briefing::entities`.
    Entity(usize),
    /// Index into `Briefing::seats`.
    Seat(usize),
    /// Index into [`Data::files`].
    File(usize),
    /// Index into `Briefing::gaps`.
    Gap(usize),
    /// Index into `Briefing::alerts`.
    Alert(usize),
    /// Index into `Briefing::escalations`.
    Escalation(usize),
    /// Index into [`Data::days`]: what changed that day.
    Day(usize),
}

/// What changed on a recorded day, loaded from the history when the day is
/// opened: the day, the one it is compared with, and the changes; `None`
/// when no earlier day was recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct DayChanges {
    pub date: chrono::NaiveDate,
    pub against: Option<(chrono::NaiveDate, Changes)>,
}

/// A line of "Also today" on the Briefing: something to look at that is
/// not a decision. Each opens the screen that says it in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Note {
    /// An open escalation (index into `Briefing::escalations`).
    Escalation(usize),
    /// Index into `Briefing::alerts`.
    Alert(usize),
    /// A stale seat (index into `Briefing::seats`).
    Stale(usize),
    /// How many gaps of each kind; opens the Gaps view.
    Gaps,
    /// A file that could not be read (index into [`Data::files`]).
    Unreadable(usize),
    /// A file skipped for its format (index into [`Data::files`]).
    Skipped(usize),
    /// A file no seat claims (index into [`Data::files`]).
    Unassigned(usize),
    /// Index into `Briefing::shadow_disagreements`.
    Shadow(usize),
    /// A settled conflict (index into `Briefing::conflicts`).
    Settled(usize),
}

/// An item of the Briefing's list: the overdue escalations (drawn as the
/// alarm above the rest), the decisions, then the notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BriefItem {
    /// An open overdue escalation (index into `Briefing::escalations`).
    Alarm(usize),
    /// An open conflict (index into `Briefing::conflicts`).
    Decide(usize),
    Note(Note),
}

/// A row of the Files view: a state file, a file skipped for its format,
/// or a path that only has diagnostics.
#[derive(Debug, Clone)]
pub struct FileRow {
    pub path: String,
    /// Index into `Briefing::files`.
    pub summary: Option<usize>,
    /// Indices into `Briefing::diagnostics`.
    pub diagnostics: Vec<usize>,
    /// Not read: no reader knows its format.
    pub skipped: bool,
}

/// The numbers the header shows. Conflicts are the open ones, as in the
/// plain summary line and the Conflicts tab: a settled conflict no longer
/// needs anyone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    /// Settled and unchanged since.
    pub settled: usize,
    /// Open escalations past their deadline.
    pub overdue: usize,
    pub alerts: usize,
    pub stale: usize,
    pub unreadable: usize,
}

impl Counts {
    /// Conflicts still to decide.
    pub fn open(&self) -> usize {
        self.high + self.medium + self.low
    }
}

#[derive(Debug, Clone)]
pub struct Data {
    pub briefing: Briefing,
    /// Where relative file paths start, for `e`.
    pub state_dir: PathBuf,
    /// briefing.toml, which gaps point into.
    pub config: PathBuf,
    /// Conflict indices, most severe first; the engine's order within a
    /// severity. The Conflicts view lists them all.
    pub ranked: Vec<usize>,
    /// Open escalations past their deadline: the Briefing's alarm.
    pub alarms: Vec<usize>,
    /// The open ones among `ranked`: what the Briefing asks to decide.
    /// Settled conflicts stay out until one of their values changes.
    pub decide: Vec<usize>,
    /// "Also today", most pressing first.
    pub notes: Vec<Note>,
    pub files: Vec<FileRow>,
    /// File rows of each seat, by seat index.
    pub seat_files: Vec<Vec<usize>>,
    pub counts: Counts,
    /// The recorded days of the history, newest first; empty without one.
    pub days: Vec<Day>,
    /// The history database the days come from, which opening a day reads.
    pub history: Option<PathBuf>,
    /// Why there is no history, or it could not be recorded.
    pub warnings: Vec<String>,
    seat_index: HashMap<String, usize>,
    file_index: HashMap<String, usize>,
    entity_index: HashMap<String, usize>,
}

impl Data {
    pub fn new(briefing: Briefing, state_dir: PathBuf, config: PathBuf) -> Data {
        let mut ranked: Vec<usize> = (0..briefing.conflicts.len()).collect();
        ranked.sort_by_key(|&i| std::cmp::Reverse(briefing.conflicts[i].severity));
        let decide = ranked
            .iter()
            .copied()
            .filter(|&i| briefing.conflicts[i].open())
            .collect();

        let mut files: Vec<FileRow> = briefing
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| FileRow {
                path: f.path.clone(),
                summary: Some(i),
                diagnostics: Vec::new(),
                skipped: false,
            })
            .collect();
        let mut file_index: HashMap<String, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.clone(), i))
            .collect();
        let mut row_of = |path: &str, files: &mut Vec<FileRow>| {
            *file_index.entry(path.to_string()).or_insert_with(|| {
                files.push(FileRow {
                    path: path.to_string(),
                    summary: None,
                    diagnostics: Vec::new(),
                    skipped: false,
                });
                files.len() - 1
            })
        };
        for (d, diagnostic) in briefing.diagnostics.iter().enumerate() {
            let row = row_of(&diagnostic.file, &mut files);
            files[row].diagnostics.push(d);
        }
        for path in &briefing.stats.skipped {
            let row = row_of(path, &mut files);
            files[row].skipped = true;
        }

        let seat_index: HashMap<String, usize> = briefing
            .seats
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.clone(), i))
            .collect();
        let mut seat_files = vec![Vec::new(); briefing.seats.len()];
        for (row, file) in files.iter().enumerate() {
            let seat = file
                .summary
                .and_then(|i| briefing.files[i].seat.as_ref())
                .and_then(|name| seat_index.get(name));
            if let Some(&s) = seat {
                seat_files[s].push(row);
            }
        }
        let entity_index = briefing
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id().to_string(), i))
            .collect();

        let severity = |s: Severity| {
            briefing
                .conflicts
                .iter()
                .filter(|c| c.open() && c.severity == s)
                .count()
        };
        let counts = Counts {
            high: severity(Severity::High),
            medium: severity(Severity::Medium),
            low: severity(Severity::Low),
            settled: briefing.conflicts.iter().filter(|c| !c.open()).count(),
            overdue: briefing.escalations.iter().filter(|e| e.overdue).count(),
            alerts: briefing.alerts.len(),
            stale: briefing.seats.iter().filter(|s| s.stale).count(),
            unreadable: briefing.files.iter().filter(|f| !f.readable).count(),
        };
        let notes = notes(&briefing, &files, &ranked);
        let alarms = briefing
            .escalations
            .iter()
            .enumerate()
            .filter(|(_, e)| e.overdue && e.status == EscalationStatus::Open)
            .map(|(i, _)| i)
            .collect();
        Data {
            briefing,
            state_dir,
            config,
            ranked,
            alarms,
            decide,
            notes,
            files,
            seat_files,
            counts,
            days: Vec::new(),
            history: None,
            warnings: Vec::new(),
            seat_index,
            file_index,
            entity_index,
        }
    }

    /// Gives the data the history's recorded days (oldest first, as the
    /// store gives them), the database they come from and what went wrong
    /// reading it.
    pub fn set_history(
        &mut self,
        mut days: Vec<Day>,
        history: Option<PathBuf>,
        warnings: Vec<String>,
    ) {
        days.reverse();
        self.days = days;
        self.history = history;
        self.warnings = warnings;
    }

    /// The History view has something to show: an earlier day was recorded.
    pub fn has_history(&self) -> bool {
        self.briefing.history.is_some() && !self.days.is_empty()
    }

    pub fn seat_named(&self, name: &str) -> Option<usize> {
        self.seat_index.get(name).copied()
    }

    pub fn file_row(&self, path: &str) -> Option<usize> {
        self.file_index.get(path).copied()
    }

    pub fn entity_with_id(&self, id: &str) -> Option<usize> {
        self.entity_index.get(id).copied()
    }

    /// An entity's name, for messages; its id when it is not known.
    pub fn entity_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.entity_with_id(id)
            .map_or(id, |e| self.briefing.entities[e].name())
    }

    /// The item at `item` of the Briefing's list.
    pub fn brief_item(&self, item: usize) -> Option<BriefItem> {
        let (alarms, decide) = (self.alarms.len(), self.decide.len());
        if let Some(&e) = self.alarms.get(item) {
            Some(BriefItem::Alarm(e))
        } else if let Some(&c) = self.decide.get(item - alarms) {
            Some(BriefItem::Decide(c))
        } else {
            self.notes
                .get(item - alarms - decide)
                .map(|&n| BriefItem::Note(n))
        }
    }

    /// Where the decisions start in the Briefing's list.
    pub fn first_decision(&self) -> usize {
        self.alarms.len()
    }

    /// The index into `Briefing::conflicts` of `item` in the Briefing or
    /// Conflicts list, when it is a conflict.
    pub fn conflict_index(&self, view: View, item: usize) -> Option<usize> {
        match view {
            View::Briefing => match self.brief_item(item)? {
                BriefItem::Decide(c) | BriefItem::Note(Note::Settled(c)) => Some(c),
                BriefItem::Alarm(_) | BriefItem::Note(_) => None,
            },
            _ => self.ranked.get(item).copied(),
        }
    }

    /// The conflict at `item` of the Briefing or Conflicts list.
    pub fn listed_conflict(&self, view: View, item: usize) -> Option<&Conflict> {
        self.briefing
            .conflicts
            .get(self.conflict_index(view, item)?)
    }

    /// The conflict a conflict screen shows: a real one, or a shadow
    /// disagreement drawn the same way.
    pub fn screen_conflict(&self, screen: Screen) -> Option<&Conflict> {
        match screen {
            Screen::Conflict(c) => self.briefing.conflicts.get(c),
            Screen::Shadow(c) => self.briefing.shadow_disagreements.get(c),
            _ => None,
        }
    }

    /// The two sides of an alert's ratio: numerator, then denominator.
    pub fn alert_side(alert: &AlertView, item: usize) -> Option<&RatioValue> {
        match item {
            0 => Some(&alert.numerator),
            1 => Some(&alert.denominator),
            _ => None,
        }
    }

    /// How many items the list on `screen` holds.
    pub fn len(&self, screen: Screen) -> usize {
        let b = &self.briefing;
        match screen {
            Screen::View(View::Briefing) => {
                self.alarms.len() + self.decide.len() + self.notes.len()
            }
            Screen::View(View::Conflicts) => self.ranked.len(),
            Screen::View(View::Entities) => b.entities.len(),
            Screen::View(View::Seats) => b.seats.len(),
            Screen::View(View::Files) => self.files.len(),
            Screen::View(View::Gaps) => b.gaps.len(),
            Screen::View(View::History) => self.days.len(),
            Screen::Conflict(_) | Screen::Shadow(_) => {
                self.screen_conflict(screen).map_or(0, |c| c.values.len())
            }
            Screen::Entity(e) => b.entities.get(e).map_or(0, |e| e.mentions().len()),
            Screen::Seat(s) => self.seat_files.get(s).map_or(0, Vec::len),
            Screen::File(f) => self.files.get(f).map_or(0, |f| f.diagnostics.len()),
            Screen::Alert(a) => b.alerts.get(a).map_or(0, |_| 2),
            // Prose, with nothing to select.
            Screen::Gap(_) | Screen::Escalation(_) | Screen::Day(_) => 0,
        }
    }

    /// What `/` matches an item against: its visible columns, separated
    /// by [`COLUMN`], the one that names it first.
    pub fn text(&self, screen: Screen, item: usize) -> String {
        let b = &self.briefing;
        let opt = |s: Option<&str>| s.unwrap_or_default().to_string();
        let join = |parts: &[&str]| parts.join(&COLUMN.to_string());
        match screen {
            Screen::View(View::Briefing) => match self.brief_item(item) {
                Some(BriefItem::Alarm(e)) => self.note_text(Note::Escalation(e)),
                Some(BriefItem::Decide(c)) => conflict_columns(&b.conflicts[c]),
                Some(BriefItem::Note(n)) => self.note_text(n),
                None => String::new(),
            },
            Screen::View(View::Conflicts) => self
                .listed_conflict(View::Conflicts, item)
                .map(conflict_columns)
                .unwrap_or_default(),
            Screen::View(View::Entities) => b
                .entities
                .get(item)
                .map(|e| {
                    // The id last: not a column, but what `explain` and
                    // the JSON call the entity by.
                    join(&[
                        e.name(),
                        &self.parent_name(item),
                        e.kind(),
                        &entity_seats(e).join(" "),
                        e.id(),
                    ])
                })
                .unwrap_or_default(),
            Screen::View(View::Seats) => b
                .seats
                .get(item)
                .map(|s| {
                    join(&[
                        &s.name,
                        &opt(s.owner.as_deref()),
                        &seat_problems(s).join(" "),
                        &opt(s.cadence.as_deref()),
                    ])
                })
                .unwrap_or_default(),
            Screen::View(View::Files) => self
                .files
                .get(item)
                .map(|f| self.file_text(f))
                .unwrap_or_default(),
            Screen::View(View::Gaps) => b
                .gaps
                .get(item)
                .map(|g| join(&[g.kind, &g.subject, &g.detail]))
                .unwrap_or_default(),
            Screen::View(View::History) => self
                .days
                .get(item)
                .map(|d| d.date.format("%Y-%m-%d %A %-d %B").to_string())
                .unwrap_or_default(),
            Screen::Conflict(_) | Screen::Shadow(_) => self
                .screen_conflict(screen)
                .and_then(|c| c.values.get(item))
                .map(|v| {
                    join(&[
                        &opt(v.seat.as_deref()),
                        &opt(v.person.as_deref()),
                        &v.value,
                        &v.raw,
                        &v.file,
                    ])
                })
                .unwrap_or_default(),
            Screen::Entity(e) => b
                .entities
                .get(e)
                .and_then(|e| e.mentions().get(item))
                .map(|m| {
                    join(&[
                        m.seat.unwrap_or_default(),
                        m.file,
                        m.name.unwrap_or_default(),
                        m.matched_by.as_ref(),
                    ])
                })
                .unwrap_or_default(),
            Screen::Seat(s) => self
                .seat_file(s, item)
                .map(|f| self.file_text(f))
                .unwrap_or_default(),
            Screen::File(f) => self
                .diagnostic(f, item)
                .map(|d| join(&[&d.severity.to_string(), &d.message]))
                .unwrap_or_default(),
            Screen::Alert(a) => b
                .alerts
                .get(a)
                .and_then(|a| Data::alert_side(a, item))
                .map(|v| join(&[&v.field, &v.value, &opt(v.seat.as_deref()), &v.file]))
                .unwrap_or_default(),
            Screen::Gap(_) | Screen::Escalation(_) | Screen::Day(_) => String::new(),
        }
    }

    fn file_text(&self, f: &FileRow) -> String {
        let summary = f.summary.map(|i| &self.briefing.files[i]);
        let seat = summary
            .and_then(|s| s.seat.as_deref())
            .unwrap_or("unassigned");
        let format = summary.map_or("", |s| s.format);
        let status = if f.skipped {
            "skipped"
        } else if summary.is_some_and(|s| !s.readable) {
            "unreadable"
        } else {
            ""
        };
        [f.path.as_str(), seat, format, status].join(&COLUMN.to_string())
    }

    /// The parent's name of the entity at `item` when it is a known
    /// entity, else its id.
    pub fn parent_name(&self, item: usize) -> String {
        let Some(e) = self.briefing.entities.get(item) else {
            return String::new();
        };
        match e.parent() {
            Some(id) => self.entity_name(id).to_string(),
            None => String::new(),
        }
    }

    /// What a note says, in words (the screen adds its glyph).
    pub fn note_text(&self, note: Note) -> String {
        let b = &self.briefing;
        match note {
            Note::Escalation(i) => {
                let e = &b.escalations[i];
                let seat = e.seat.as_deref().unwrap_or("an unassigned file");
                let target = e.escalate_to.as_deref().unwrap_or("nobody");
                let state = match (e.overdue, e.overdue_days, e.deadline) {
                    (true, Some(d), _) => format!("{d} {} overdue", days(d)),
                    (true, None, _) => "overdue".to_string(),
                    (false, _, Some(due)) => format!("open, due {}", due.format("%b %-d")),
                    (false, _, None) => "open".to_string(),
                };
                format!(
                    "Escalation \"{}\" {state}: raised by {seat} to {target}",
                    e.name
                )
            }
            Note::Alert(i) => {
                let a = &b.alerts[i];
                let owner = match &a.owner {
                    Some(seat) => format!("{seat} owns {}", a.numerator.field),
                    None => format!("no single seat owns {}", a.numerator.field),
                };
                format!(
                    "{}: {} {}% of {} (over {}%); {owner}",
                    a.name, a.entity_name, a.pct, a.denominator.field, a.over_pct
                )
            }
            Note::Stale(s) => {
                let seat = &b.seats[s];
                let last = match (&seat.as_of, seat.files) {
                    (_, 0) => "no state files".to_string(),
                    (Some(t), _) => format!("last update {}", super::cells::short_time(t)),
                    (None, _) => "no update time".to_string(),
                };
                let every = seat
                    .cadence
                    .as_deref()
                    .map(|c| format!(", expected every {c}"))
                    .unwrap_or_default();
                let who = seat.owner.as_deref().unwrap_or("no owner");
                format!("{} is stale ({who}): {last}{every}", seat.name)
            }
            Note::Gaps => gaps_summary(&b.gaps),
            Note::Unreadable(row) => {
                let f = &self.files[row];
                let problem = f
                    .diagnostics
                    .iter()
                    .map(|&d| &b.diagnostics[d])
                    .find(|d| d.severity == DiagSeverity::Error)
                    .map(|d| match d.line {
                        Some(line) => format!(
                            "{} (line {line}{})",
                            d.message,
                            d.column.map(|c| format!(":{c}")).unwrap_or_default()
                        ),
                        None => d.message.clone(),
                    })
                    .unwrap_or_else(|| "cannot be read".to_string());
                format!("{}: {problem}", f.path)
            }
            Note::Skipped(row) => format!(
                "{}: skipped, no reader for its format",
                self.files[row].path
            ),
            Note::Unassigned(row) => {
                format!("{}: no seat claims this file", self.files[row].path)
            }
            Note::Shadow(i) => {
                let c = &b.shadow_disagreements[i];
                let trusted = c
                    .values
                    .iter()
                    .find(|v| !v.shadow)
                    .map_or("nothing", |v| &*v.value);
                let says: Vec<String> = c
                    .values
                    .iter()
                    .filter(|v| v.shadow)
                    .map(|v| format!("{} says {}", v.seat.as_deref().unwrap_or("?"), v.value))
                    .collect();
                format!(
                    "{} · {}: shadow {}, trusted {trusted}",
                    c.entity_name,
                    c.field,
                    says.join(", ")
                )
            }
            Note::Settled(c) => {
                let c = &b.conflicts[c];
                match &c.decision {
                    Some(d) => {
                        let by =
                            d.by.as_deref()
                                .map(|p| format!(" by {p}"))
                                .unwrap_or_default();
                        format!(
                            "Settled: {} · {}: keep {}'s {}, decided{by} on {}",
                            c.entity_name, c.field, d.keep, d.value, d.at
                        )
                    }
                    None => format!("Settled: {} · {}", c.entity_name, c.field),
                }
            }
        }
    }

    pub fn seat_file(&self, seat: usize, item: usize) -> Option<&FileRow> {
        self.files.get(*self.seat_files.get(seat)?.get(item)?)
    }

    pub fn diagnostic(&self, file: usize, item: usize) -> Option<&crate::diag::Diagnostic> {
        self.briefing
            .diagnostics
            .get(*self.files.get(file)?.diagnostics.get(item)?)
    }

    /// An item's identity: a name that stays the same across a reload, to
    /// find the item again by.
    pub fn identity(&self, screen: Screen, item: usize) -> Option<String> {
        let b = &self.briefing;
        Some(match screen {
            Screen::View(View::Briefing) => match self.brief_item(item)? {
                BriefItem::Alarm(e) => self.note_identity(Note::Escalation(e)),
                BriefItem::Decide(c) => conflict_identity(&b.conflicts[c]),
                BriefItem::Note(n) => self.note_identity(n),
            },
            Screen::View(View::Conflicts) => {
                conflict_identity(self.listed_conflict(View::Conflicts, item)?)
            }
            Screen::View(View::Entities) => b.entities.get(item)?.id().to_string(),
            Screen::View(View::Seats) => b.seats.get(item)?.name.clone(),
            Screen::View(View::Files) => self.files.get(item)?.path.clone(),
            Screen::View(View::Gaps) => gap_identity(b.gaps.get(item)?),
            Screen::View(View::History) => self.days.get(item)?.date.to_string(),
            Screen::Conflict(_) | Screen::Shadow(_) => {
                let v = self.screen_conflict(screen)?.values.get(item)?;
                format!("{}:{}:{}", v.file, v.line, v.column.unwrap_or(0))
            }
            Screen::Entity(e) => {
                let m = b.entities.get(e)?.mentions().get(item)?;
                format!("{}:{}", m.file, m.line)
            }
            Screen::Seat(s) => self.seat_file(s, item)?.path.clone(),
            Screen::File(f) => {
                let d = self.diagnostic(f, item)?;
                format!("{:?}:{:?}:{}", d.line, d.column, d.message)
            }
            Screen::Alert(_) => item.to_string(),
            Screen::Gap(_) | Screen::Escalation(_) | Screen::Day(_) => return None,
        })
    }

    fn note_identity(&self, note: Note) -> String {
        let b = &self.briefing;
        match note {
            Note::Escalation(i) => format!("escalation\u{0}{}", b.escalations[i].entity),
            Note::Alert(i) => format!("alert\u{0}{}", alert_identity(&b.alerts[i])),
            Note::Stale(s) => format!("stale\u{0}{}", b.seats[s].name),
            Note::Gaps => "gaps".to_string(),
            Note::Unreadable(f) => format!("unreadable\u{0}{}", self.files[f].path),
            Note::Skipped(f) => format!("skipped\u{0}{}", self.files[f].path),
            Note::Unassigned(f) => format!("unassigned\u{0}{}", self.files[f].path),
            Note::Shadow(i) => format!(
                "shadow\u{0}{}",
                conflict_identity(&b.shadow_disagreements[i])
            ),
            Note::Settled(c) => format!("settled\u{0}{}", conflict_identity(&b.conflicts[c])),
        }
    }

    /// The item of the list on `screen` with this identity.
    pub fn find(&self, screen: Screen, identity: &str) -> Option<usize> {
        (0..self.len(screen)).find(|&i| self.identity(screen, i).as_deref() == Some(identity))
    }

    /// A drill-down target's identity, to find it again after a reload.
    pub fn screen_identity(&self, screen: Screen) -> Option<String> {
        let b = &self.briefing;
        Some(match screen {
            Screen::View(v) => v.title().to_string(),
            Screen::Conflict(c) => conflict_identity(b.conflicts.get(c)?),
            Screen::Shadow(c) => conflict_identity(b.shadow_disagreements.get(c)?),
            Screen::Entity(e) => b.entities.get(e)?.id().to_string(),
            Screen::Seat(s) => b.seats.get(s)?.name.clone(),
            Screen::File(f) => self.files.get(f)?.path.clone(),
            Screen::Gap(g) => gap_identity(b.gaps.get(g)?),
            Screen::Alert(a) => alert_identity(b.alerts.get(a)?),
            Screen::Escalation(e) => b.escalations.get(e)?.entity.clone(),
            Screen::Day(d) => self.days.get(d)?.date.to_string(),
        })
    }

    /// The drill-down target with this identity in this (reloaded) data.
    pub fn resolve(&self, screen: Screen, identity: &str) -> Option<Screen> {
        let b = &self.briefing;
        match screen {
            Screen::View(_) => Some(screen),
            Screen::Conflict(_) => b
                .conflicts
                .iter()
                .position(|c| conflict_identity(c) == identity)
                .map(Screen::Conflict),
            Screen::Shadow(_) => b
                .shadow_disagreements
                .iter()
                .position(|c| conflict_identity(c) == identity)
                .map(Screen::Shadow),
            Screen::Entity(_) => self.entity_with_id(identity).map(Screen::Entity),
            Screen::Seat(_) => self.seat_named(identity).map(Screen::Seat),
            Screen::File(_) => self.file_row(identity).map(Screen::File),
            Screen::Gap(_) => b
                .gaps
                .iter()
                .position(|g| gap_identity(g) == identity)
                .map(Screen::Gap),
            Screen::Alert(_) => b
                .alerts
                .iter()
                .position(|a| alert_identity(a) == identity)
                .map(Screen::Alert),
            Screen::Escalation(_) => b
                .escalations
                .iter()
                .position(|e| e.entity == identity)
                .map(Screen::Escalation),
            Screen::Day(_) => self
                .days
                .iter()
                .position(|d| d.date.to_string() == identity)
                .map(Screen::Day),
        }
    }

    /// A drill-down target in words, for messages: `the conflict on Acme
    /// Website Redesign budget`.
    pub fn describe(&self, screen: Screen) -> Option<String> {
        let b = &self.briefing;
        Some(match screen {
            Screen::View(v) => format!("the {} view", v.title()),
            Screen::Conflict(c) => {
                let c = b.conflicts.get(c)?;
                format!("the conflict on {} {}", c.entity_name, c.field)
            }
            Screen::Shadow(c) => {
                let c = b.shadow_disagreements.get(c)?;
                format!("the shadow value of {} {}", c.entity_name, c.field)
            }
            Screen::Entity(e) => {
                let e = b.entities.get(e)?;
                format!("{} ({})", e.name(), e.kind())
            }
            Screen::Seat(s) => format!("seat {}", b.seats.get(s)?.name),
            Screen::File(f) => self.files.get(f)?.path.clone(),
            Screen::Gap(g) => {
                let g = b.gaps.get(g)?;
                format!("the {} gap on {}", g.kind, g.subject)
            }
            Screen::Alert(a) => {
                let a = b.alerts.get(a)?;
                format!("the {} alert on {}", a.name, a.entity_name)
            }
            Screen::Escalation(e) => format!("escalation \"{}\"", b.escalations.get(e)?.name),
            Screen::Day(d) => format!("the changes of {}", self.days.get(d)?.date),
        })
    }

    /// The file and line `e` opens for an item.
    pub fn source(&self, screen: Screen, item: usize) -> Option<(PathBuf, u32)> {
        let b = &self.briefing;
        let (file, line) = match screen {
            Screen::View(View::Briefing) => match self.brief_item(item)? {
                BriefItem::Alarm(e) => return self.source(Screen::Escalation(e), 0),
                BriefItem::Decide(c) => owner_source(&b.conflicts[c])?,
                BriefItem::Note(n) => return self.note_source(n),
            },
            Screen::View(View::Conflicts) => {
                owner_source(self.listed_conflict(View::Conflicts, item)?)?
            }
            Screen::View(View::Entities) => {
                let m = b.entities.get(item)?.mentions().first()?;
                (m.file, m.line)
            }
            Screen::View(View::Seats) => {
                let f = self.seat_file(item, 0)?;
                (f.path.as_str(), self.first_problem_line(f))
            }
            Screen::View(View::Files) => {
                let f = self.files.get(item)?;
                (f.path.as_str(), self.first_problem_line(f))
            }
            Screen::View(View::Gaps) => return self.gap_source(item),
            Screen::View(View::History) | Screen::Day(_) => return None,
            Screen::Conflict(_) | Screen::Shadow(_) => {
                let v = self.screen_conflict(screen)?.values.get(item)?;
                (&*v.file, v.line)
            }
            Screen::Entity(e) => {
                let m = b.entities.get(e)?.mentions().get(item)?;
                (m.file, m.line)
            }
            Screen::Seat(s) => {
                let f = self.seat_file(s, item)?;
                (f.path.as_str(), self.first_problem_line(f))
            }
            Screen::File(f) => {
                let row = self.files.get(f)?;
                let line = self.diagnostic(f, item).and_then(|d| d.line).unwrap_or(1);
                (row.path.as_str(), line)
            }
            Screen::Alert(a) => {
                let side = Data::alert_side(b.alerts.get(a)?, item)?;
                (side.file.as_str(), side.line)
            }
            Screen::Gap(g) => return self.gap_source(g),
            Screen::Escalation(e) => {
                let e = b.escalations.get(e)?;
                (e.file.as_str(), e.line)
            }
        };
        Some((self.absolute(file), line.max(1)))
    }

    /// Where `e` takes a note: the file it is about.
    fn note_source(&self, note: Note) -> Option<(PathBuf, u32)> {
        let b = &self.briefing;
        match note {
            Note::Escalation(e) => self.source(Screen::Escalation(e), 0),
            Note::Alert(a) => self.source(Screen::Alert(a), 0),
            Note::Stale(s) => self.source(Screen::View(View::Seats), s),
            Note::Gaps => None,
            Note::Unreadable(f) | Note::Skipped(f) | Note::Unassigned(f) => {
                self.source(Screen::View(View::Files), f)
            }
            Note::Shadow(c) => {
                let v = b
                    .shadow_disagreements
                    .get(c)?
                    .values
                    .iter()
                    .find(|v| v.shadow)?;
                Some((self.absolute(&v.file), v.line.max(1)))
            }
            Note::Settled(c) => {
                let (file, line) = owner_source(b.conflicts.get(c)?)?;
                Some((self.absolute(file), line.max(1)))
            }
        }
    }

    /// Where `e` takes a gap: the briefing.toml line to change, or the
    /// file no seat claims.
    pub fn gap_source(&self, gap: usize) -> Option<(PathBuf, u32)> {
        let g = self.briefing.gaps.get(gap)?;
        match g.config_line {
            Some(line) => Some((self.config.clone(), line.max(1))),
            None if g.kind == "unassigned_file" => Some((self.absolute(&g.subject), 1)),
            None => None,
        }
    }

    /// The configuration's file name, as gaps cite it (`briefing.toml`).
    pub fn config_name(&self) -> String {
        self.config
            .file_name()
            .map_or("briefing.toml".into(), |n| n.to_string_lossy().into_owned())
    }

    /// Where a file's first located problem is, else its first line.
    fn first_problem_line(&self, f: &FileRow) -> u32 {
        f.diagnostics
            .iter()
            .find_map(|&d| self.briefing.diagnostics[d].line)
            .unwrap_or(1)
    }

    pub fn absolute(&self, rel: &str) -> PathBuf {
        self.state_dir.join(Path::new(rel))
    }
}

/// "Also today", most pressing first: open escalations not yet overdue
/// (the overdue ones are the alarm), alerts, stale seats, the gaps,
/// unreadable, skipped and unclaimed files, shadow disagreements, and last
/// the conflicts already settled.
fn notes(b: &Briefing, files: &[FileRow], ranked: &[usize]) -> Vec<Note> {
    let mut notes = Vec::new();
    notes.extend(
        b.escalations
            .iter()
            .enumerate()
            .filter(|(_, e)| e.status == EscalationStatus::Open && !e.overdue)
            .map(|(i, _)| Note::Escalation(i)),
    );
    notes.extend((0..b.alerts.len()).map(Note::Alert));
    notes.extend(
        b.seats
            .iter()
            .enumerate()
            .filter(|(_, s)| s.stale)
            .map(|(i, _)| Note::Stale(i)),
    );
    if !b.gaps.is_empty() {
        notes.push(Note::Gaps);
    }
    for (row, f) in files.iter().enumerate() {
        let summary = f.summary.map(|i| &b.files[i]);
        let error = f
            .diagnostics
            .iter()
            .any(|&d| b.diagnostics[d].severity == DiagSeverity::Error);
        if error || summary.is_some_and(|s| !s.readable) {
            notes.push(Note::Unreadable(row));
        }
    }
    notes.extend(
        files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.skipped)
            .map(|(row, _)| Note::Skipped(row)),
    );
    notes.extend(
        files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.summary.is_some_and(|i| b.files[i].seat.is_none()))
            .map(|(row, _)| Note::Unassigned(row)),
    );
    notes.extend((0..b.shadow_disagreements.len()).map(Note::Shadow));
    notes.extend(
        ranked
            .iter()
            .filter(|&&c| !b.conflicts[c].open())
            .map(|&c| Note::Settled(c)),
    );
    notes
}

/// `15 gaps in who owns what: 4 double_owner, 3 dissent, …`: how many of
/// each kind, the commonest first.
fn gaps_summary(gaps: &[Gap]) -> String {
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for gap in gaps {
        match kinds.iter_mut().find(|(k, _)| *k == gap.kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((gap.kind, 1)),
        }
    }
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let n = gaps.len();
    format!(
        "{n} {} in who owns what: {}",
        if n == 1 { "gap" } else { "gaps" },
        kinds.join(", ")
    )
}

fn days(n: i64) -> &'static str {
    if n == 1 { "day" } else { "days" }
}

/// A conflict's visible columns: entity, field, owner seat and person, and
/// the values with the seats giving them; then the entity's id.
fn conflict_columns(c: &Conflict) -> String {
    let mut parts = vec![
        c.entity_name.clone(),
        c.field.clone(),
        c.owner.clone().unwrap_or_default(),
        c.owner_person.clone().unwrap_or_default(),
    ];
    for v in &c.values {
        parts.push(v.value.to_string());
        if let Some(seat) = &v.seat {
            parts.push(seat.to_string());
        }
    }
    parts.push(c.entity.clone());
    parts.join(&COLUMN.to_string())
}

/// The seats that mention an entity, each once, in mention order.
pub fn entity_seats(e: &crate::briefing::EntityView) -> Vec<&str> {
    let mut seats: Vec<&str> = Vec::new();
    for m in e.mentions() {
        let seat = m.seat.unwrap_or("unassigned");
        if !seats.contains(&seat) {
            seats.push(seat);
        }
    }
    seats
}

/// What is wrong with a seat, worst first, in words.
pub fn seat_problems(seat: &crate::briefing::SeatSummary) -> Vec<&'static str> {
    let mut problems = Vec::new();
    if seat.stale {
        problems.push("stale");
    }
    if seat.owner.is_none() {
        problems.push("no owner");
    }
    if seat.on_failure.is_none() {
        problems.push("no failure path");
    }
    if seat.shadow {
        problems.push("shadow");
    }
    problems
}

/// The owner's value's source, else the first value's.
fn owner_source(c: &Conflict) -> Option<(&str, u32)> {
    let v = c
        .values
        .iter()
        .find(|v| v.authoritative)
        .or(c.values.first())?;
    Some((&*v.file, v.line))
}

fn conflict_identity(c: &Conflict) -> String {
    format!("{}\u{0}{}", c.entity, c.field)
}

fn gap_identity(g: &Gap) -> String {
    format!("{}\u{0}{}\u{0}{}", g.kind, g.subject, g.detail)
}

fn alert_identity(a: &AlertView) -> String {
    format!("{}\u{0}{}", a.name, a.entity)
}
