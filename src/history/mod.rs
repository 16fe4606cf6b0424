//! The history of briefing days: a snapshot of each day's briefing in a
//! SQLite database, one per organisation, and what changed since the
//! latest earlier day.
//!
//! The analysis stays pure: a run reads what the latest earlier day saw
//! ([`Session::open`]) before the briefing is computed, hands the
//! escalations' part to the analysis ([`Session::earlier`]), and after it
//! adds the history to the briefing and records the day
//! ([`Session::record`]). A database that cannot be used is a warning and a
//! briefing without history; it is never removed or overwritten, and
//! nothing is ever written under the state directory.

mod snapshot;
mod store;

pub use snapshot::{Snapshot, compare, day_of, history};
pub use store::{BUSY_TIMEOUT, SCHEMA_VERSION, Store};

use crate::analyse::Earlier;
use crate::briefing::Briefing;
use crate::briefing::history::{Changes, Day};
use crate::config::Config;
use chrono::NaiveDate;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Where an organisation's history is kept, and for how many days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub path: PathBuf,
    pub keep_days: u32,
}

/// The environment variables that say where the history is, read once.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    /// `$BRIEFING_HISTORY`: the database itself.
    pub briefing_history: Option<OsString>,
    pub xdg_state_home: Option<OsString>,
    pub home: Option<OsString>,
    /// Where a relative `$BRIEFING_HISTORY` starts.
    pub cwd: Option<PathBuf>,
}

impl Locator {
    /// From this process's environment.
    pub fn from_env() -> Locator {
        Locator {
            briefing_history: std::env::var_os("BRIEFING_HISTORY"),
            xdg_state_home: std::env::var_os("XDG_STATE_HOME"),
            home: std::env::var_os("HOME"),
            cwd: std::env::current_dir().ok(),
        }
    }

    /// The history database of `config`'s organisation:
    /// `$BRIEFING_HISTORY`, else `[briefing] history`, else
    /// `<org>.sqlite3` in `$XDG_STATE_HOME/briefing/`
    /// (`~/.local/state/briefing/` when it is unset). The error, a warning
    /// for the user, says why there is none: no home to put it in, or a
    /// path under the state directory.
    pub fn locate(&self, config: &Config) -> Result<Place, String> {
        let non_empty =
            |v: &Option<OsString>| v.as_deref().filter(|v| !v.is_empty()).map(PathBuf::from);
        let path = if let Some(path) = non_empty(&self.briefing_history) {
            match &self.cwd {
                Some(cwd) if path.is_relative() => cwd.join(path),
                _ => path,
            }
        } else if let Some(path) = &config.history {
            path.clone()
        } else {
            let state_home = non_empty(&self.xdg_state_home)
                .filter(|p| p.is_absolute())
                .or_else(|| non_empty(&self.home).map(|h| h.join(".local").join("state")))
                .ok_or("no history: neither XDG_STATE_HOME nor HOME is set")?;
            state_home
                .join("briefing")
                .join(format!("{}.sqlite3", file_stem(&config.org)))
        };
        if inside(&path, &config.state_dir) {
            return Err(format!(
                "no history: {} is inside the state directory {}, where briefing never writes",
                path.display(),
                config.state_dir.display()
            ));
        }
        Ok(Place {
            path,
            keep_days: config.history_days,
        })
    }
}

/// The organisation's name as a file name: `Northwind Digital` is
/// `northwind-digital`.
fn file_stem(org: &str) -> String {
    let mut stem = String::new();
    for c in org.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "briefing".to_string()
    } else {
        stem.to_string()
    }
}

/// Whether `path` is `dir` or under it, comparing the real paths of the
/// parts that exist, so a symbolic link or `..` cannot hide it.
fn inside(path: &Path, dir: &Path) -> bool {
    let real = |p: &Path| -> PathBuf {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        // The nearest part that exists, resolved, with the rest on top.
        let mut rest = Vec::new();
        let mut at = p.as_path();
        loop {
            if let Ok(found) = at.canonicalize() {
                return rest.iter().rev().fold(found, |acc, part| acc.join(part));
            }
            match (at.parent(), at.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    at = parent;
                }
                _ => return p,
            }
        }
    };
    real(path).starts_with(real(dir))
}

/// One run's use of the history: the latest earlier day, read before the
/// briefing is computed, and the day recorded after.
pub struct Session {
    store: Option<Store>,
    keep_days: u32,
    before: Option<Snapshot>,
    /// What went wrong, for the user: each a sentence.
    pub warnings: Vec<String>,
}

impl Session {
    /// No history: `--no-history`, or nowhere to keep it.
    pub fn off() -> Session {
        Session {
            store: None,
            keep_days: 0,
            before: None,
            warnings: Vec::new(),
        }
    }

    /// The history of `config`'s organisation, as `locator` finds it;
    /// none without a locator (`--no-history`).
    pub fn start(locator: Option<&Locator>, config: &Config, today: NaiveDate) -> Session {
        match locator.map(|l| l.locate(config)) {
            None => Session::off(),
            Some(Ok(place)) => Session::open(&place, today),
            Some(Err(warning)) => {
                let mut session = Session::off();
                session.warnings.push(warning);
                session
            }
        }
    }

    /// Opens the database at `place` and reads the latest day before
    /// `today`. A database that cannot be used gives a warning and a
    /// session without history.
    pub fn open(place: &Place, today: NaiveDate) -> Session {
        let mut session = Session::off();
        session.keep_days = place.keep_days;
        match Store::open(&place.path) {
            Ok(store) => match store.before(today) {
                Ok(before) => {
                    session.before = before;
                    session.store = Some(store);
                }
                Err(warning) => session.warnings.push(warning),
            },
            Err(warning) => session.warnings.push(warning),
        }
        session
    }

    /// The database in use, if any.
    pub fn path(&self) -> Option<&Path> {
        self.store.as_ref().map(Store::path)
    }

    /// What the latest earlier day saw of escalations, for the analysis.
    pub fn earlier(&self) -> Earlier {
        self.before
            .as_ref()
            .map(Snapshot::earlier)
            .unwrap_or_default()
    }

    /// Adds what changed since the latest earlier day to `briefing` (when
    /// there is one) and records `briefing`'s day, replacing an earlier
    /// recording of the same day.
    pub fn record(&mut self, briefing: &mut Briefing) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let today = Snapshot::of(briefing, self.before.as_ref());
        if let Some(before) = &self.before {
            let series = match store.scores_before(briefing.today) {
                Ok(series) => series,
                Err(warning) => {
                    self.warnings.push(warning);
                    vec![(before.day.date, before.day.score)]
                }
            };
            briefing.history = Some(history(before, &today, &series));
        }
        if let Err(warning) = store.record(&today, self.keep_days) {
            self.warnings.push(warning);
        }
    }

    /// The recorded days from `from` to `to`, oldest first; none without a
    /// database.
    pub fn days(&mut self, from: NaiveDate, to: NaiveDate) -> Vec<Day> {
        let Some(store) = &self.store else {
            return Vec::new();
        };
        match store.days(from, to) {
            Ok(days) => days,
            Err(warning) => {
                self.warnings.push(warning);
                Vec::new()
            }
        }
    }
}

/// What changed on `date` against the latest day recorded before it, and
/// that day; `None` when `date` or an earlier day is not recorded.
pub fn changes_on(path: &Path, date: NaiveDate) -> Result<Option<(NaiveDate, Changes)>, String> {
    let store = Store::open(path)?;
    match store.day_and_before(date)? {
        (Some(day), Some(before)) => Ok(Some((before.day.date, compare(&before, &day)))),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organisation_is_a_file_name() {
        assert_eq!(file_stem("Northwind Digital"), "northwind-digital");
        assert_eq!(file_stem("  Acme & Co. (EU) "), "acme-co-eu");
        assert_eq!(file_stem("../.."), "briefing");
        assert_eq!(file_stem("Zoë"), "zoë");
    }

    #[test]
    fn a_path_under_the_state_directory_is_inside_it() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        std::fs::create_dir_all(state.join("a")).unwrap();
        assert!(inside(&state.join("a/h.db"), &state));
        assert!(inside(&state.join("new/deeper/h.db"), &state));
        assert!(inside(&dir.path().join("state/../state/h.db"), &state));
        assert!(!inside(&dir.path().join("h.db"), &state));
        assert!(!inside(&dir.path().join("state-h.db"), &state));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&state, dir.path().join("link")).unwrap();
            assert!(inside(&dir.path().join("link/h.db"), &state));
        }
    }
}
