//! The briefing as the screens list it: conflicts ranked by severity, files
//! with their diagnostics, and for every list the text a filter matches,
//! the identity a reload finds the selection by, and the source `e` opens.

use super::action::View;
use crate::briefing::history::{Changes, Day};
use crate::briefing::{Briefing, Conflict, Gap, Severity};
use crate::query::conflict_text;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the screen shows: a top-level view or a drill-down into one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    View(View),
    /// Index into `Briefing::conflicts`.
    Conflict(usize),
    /// Index into `Briefing::entities`.
    Entity(usize),
    /// Index into `Briefing::seats`.
    Seat(usize),
    /// Index into [`Data::files`].
    File(usize),
    /// Index into `Briefing::gaps`.
    Gap(usize),
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

/// A row of the Files view: a state file, or a path that only has
/// diagnostics.
#[derive(Debug, Clone)]
pub struct FileRow {
    pub path: String,
    /// Index into `Briefing::files`.
    pub summary: Option<usize>,
    /// Indices into `Briefing::diagnostics`.
    pub diagnostics: Vec<usize>,
}

/// The numbers the header shows. Conflicts are the open ones, as in the
/// plain summary line: a settled conflict no longer needs anyone.
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
    /// The open ones among `ranked`: what the Briefing asks to decide.
    /// Settled conflicts stay out until one of their values changes.
    pub decide: Vec<usize>,
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
            })
            .collect();
        let mut file_index: HashMap<String, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.clone(), i))
            .collect();
        for (d, diagnostic) in briefing.diagnostics.iter().enumerate() {
            let row = *file_index
                .entry(diagnostic.file.clone())
                .or_insert_with(|| {
                    files.push(FileRow {
                        path: diagnostic.file.clone(),
                        summary: None,
                        diagnostics: Vec::new(),
                    });
                    files.len() - 1
                });
            files[row].diagnostics.push(d);
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
        Data {
            briefing,
            state_dir,
            config,
            ranked,
            decide,
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

    /// The index into `Briefing::conflicts` of `item` in the Briefing or
    /// Conflicts list.
    pub fn conflict_index(&self, view: View, item: usize) -> Option<usize> {
        match view {
            View::Briefing => self.decide.get(item).copied(),
            _ => self.ranked.get(item).copied(),
        }
    }

    /// The conflict at `item` of the Briefing or Conflicts list.
    pub fn listed_conflict(&self, view: View, item: usize) -> Option<&Conflict> {
        self.briefing
            .conflicts
            .get(self.conflict_index(view, item)?)
    }

    /// Whether `screen` still points at something.
    pub fn has(&self, screen: Screen) -> bool {
        let b = &self.briefing;
        match screen {
            Screen::View(_) => true,
            Screen::Conflict(i) => i < b.conflicts.len(),
            Screen::Entity(i) => i < b.entities.len(),
            Screen::Seat(i) => i < b.seats.len(),
            Screen::File(i) => i < self.files.len(),
            Screen::Gap(i) => i < b.gaps.len(),
            Screen::Day(i) => i < self.days.len(),
        }
    }

    /// How many items the list on `screen` holds.
    pub fn len(&self, screen: Screen) -> usize {
        let b = &self.briefing;
        match screen {
            Screen::View(View::Briefing) => self.decide.len(),
            Screen::View(View::Conflicts) => self.ranked.len(),
            Screen::View(View::Entities) => b.entities.len(),
            Screen::View(View::Seats) => b.seats.len(),
            Screen::View(View::Files) => self.files.len(),
            Screen::View(View::Gaps) => b.gaps.len(),
            Screen::View(View::History) => self.days.len(),
            Screen::Conflict(c) => b.conflicts.get(c).map_or(0, |c| c.values.len()),
            Screen::Entity(e) => b.entities.get(e).map_or(0, |e| e.mentions().len()),
            Screen::Seat(s) => self.seat_files.get(s).map_or(0, Vec::len),
            Screen::File(f) => self.files.get(f).map_or(0, |f| f.diagnostics.len()),
            // A gap's detail and a day's changes are prose, with nothing to
            // select.
            Screen::Gap(_) | Screen::Day(_) => 0,
        }
    }

    /// What `/` matches an item against.
    pub fn text(&self, screen: Screen, item: usize) -> String {
        let b = &self.briefing;
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        match screen {
            Screen::View(v @ (View::Briefing | View::Conflicts)) => self
                .listed_conflict(v, item)
                .map(|c| format!("{} {}", conflict_text(c), opt(&c.owner)))
                .unwrap_or_default(),
            Screen::View(View::Entities) => b
                .entities
                .get(item)
                .map(|e| {
                    format!(
                        "{} {} {} {}",
                        e.name(),
                        e.kind(),
                        e.id(),
                        e.parent().unwrap_or_default()
                    )
                })
                .unwrap_or_default(),
            Screen::View(View::Seats) => b
                .seats
                .get(item)
                .map(|s| format!("{} {} {}", s.name, opt(&s.owner), opt(&s.purpose)))
                .unwrap_or_default(),
            Screen::View(View::Files) => self
                .files
                .get(item)
                .map(|f| self.file_text(f))
                .unwrap_or_default(),
            Screen::View(View::Gaps) => b
                .gaps
                .get(item)
                .map(|g| format!("{} {} {}", g.kind, g.subject, g.detail))
                .unwrap_or_default(),
            Screen::View(View::History) => self
                .days
                .get(item)
                .map(|d| d.date.format("%Y-%m-%d %A %-d %B").to_string())
                .unwrap_or_default(),
            Screen::Conflict(c) => b
                .conflicts
                .get(c)
                .and_then(|c| c.values.get(item))
                .map(|v| {
                    format!(
                        "{} {} {} {} {}",
                        v.seat.as_deref().unwrap_or_default(),
                        v.person.as_deref().unwrap_or_default(),
                        v.value,
                        v.raw,
                        v.file
                    )
                })
                .unwrap_or_default(),
            Screen::Entity(e) => b
                .entities
                .get(e)
                .and_then(|e| e.mentions().get(item))
                .map(|m| {
                    format!(
                        "{} {} {} {}",
                        m.seat.unwrap_or_default(),
                        m.file,
                        m.name.unwrap_or_default(),
                        m.matched_by
                    )
                })
                .unwrap_or_default(),
            Screen::Seat(s) => self
                .seat_file(s, item)
                .map(|f| self.file_text(f))
                .unwrap_or_default(),
            Screen::File(f) => self
                .diagnostic(f, item)
                .map(|d| format!("{} {}", d.severity, d.message))
                .unwrap_or_default(),
            Screen::Gap(_) | Screen::Day(_) => String::new(),
        }
    }

    fn file_text(&self, f: &FileRow) -> String {
        match f.summary.map(|i| &self.briefing.files[i]) {
            Some(s) => format!(
                "{} {} {}",
                f.path,
                s.seat.as_deref().unwrap_or("unassigned"),
                s.format
            ),
            None => f.path.clone(),
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
            Screen::View(v @ (View::Briefing | View::Conflicts)) => {
                conflict_identity(self.listed_conflict(v, item)?)
            }
            Screen::View(View::Entities) => b.entities.get(item)?.id().to_string(),
            Screen::View(View::Seats) => b.seats.get(item)?.name.clone(),
            Screen::View(View::Files) => self.files.get(item)?.path.clone(),
            Screen::View(View::Gaps) => gap_identity(b.gaps.get(item)?),
            Screen::View(View::History) => self.days.get(item)?.date.to_string(),
            Screen::Conflict(c) => {
                let v = b.conflicts.get(c)?.values.get(item)?;
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
            Screen::Gap(_) | Screen::Day(_) => return None,
        })
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
            Screen::Entity(e) => b.entities.get(e)?.id().to_string(),
            Screen::Seat(s) => b.seats.get(s)?.name.clone(),
            Screen::File(f) => self.files.get(f)?.path.clone(),
            Screen::Gap(g) => gap_identity(b.gaps.get(g)?),
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
            Screen::Entity(_) => self.entity_with_id(identity).map(Screen::Entity),
            Screen::Seat(_) => self.seat_named(identity).map(Screen::Seat),
            Screen::File(_) => self.file_row(identity).map(Screen::File),
            Screen::Gap(_) => b
                .gaps
                .iter()
                .position(|g| gap_identity(g) == identity)
                .map(Screen::Gap),
            Screen::Day(_) => self
                .days
                .iter()
                .position(|d| d.date.to_string() == identity)
                .map(Screen::Day),
        }
    }

    /// The file and line `e` opens for an item.
    pub fn source(&self, screen: Screen, item: usize) -> Option<(PathBuf, u32)> {
        let b = &self.briefing;
        let (file, line) = match screen {
            Screen::View(v @ (View::Briefing | View::Conflicts)) => {
                let c = self.listed_conflict(v, item)?;
                let v = c
                    .values
                    .iter()
                    .find(|v| v.authoritative)
                    .or(c.values.first())?;
                (&*v.file, v.line)
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
            Screen::Conflict(c) => {
                let v = b.conflicts.get(c)?.values.get(item)?;
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
            Screen::Gap(g) => return self.gap_source(g),
        };
        Some((self.absolute(file), line.max(1)))
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

fn conflict_identity(c: &Conflict) -> String {
    format!("{}\u{0}{}", c.entity, c.field)
}

fn gap_identity(g: &Gap) -> String {
    format!("{}\u{0}{}\u{0}{}", g.kind, g.subject, g.detail)
}
