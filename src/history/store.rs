//! The history database: SQLite, one file per organisation, a snapshot per
//! briefing day. WAL, so a reader (a terminal UI open all day) and a writer
//! (a cron `--plain`) do not block each other, and a busy timeout, so two
//! writers take turns. The schema's version is `PRAGMA user_version`; each
//! migration takes it one step, in a transaction. A file that is not a
//! history database, or one from a newer `briefing`, is left as it is.

use super::snapshot::{
    AlertSnap, ConflictSnap, EscalationSnap, GapSnap, Part, Snapshot, StaleSnap,
};
use crate::briefing::history::Day;
use chrono::NaiveDate;
use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior, params};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a briefing waits for another one writing the same database
/// before it goes on without history.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// `MIGRATIONS[n]` takes the schema from version `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema. Dates are `YYYY-MM-DD` text, so they sort and
    // compare as dates and read as such in `sqlite3`.
    "
    CREATE TABLE days (
        date TEXT PRIMARY KEY,
        recorded_at TEXT NOT NULL,
        score INTEGER NOT NULL,
        conflicts INTEGER NOT NULL,
        high INTEGER NOT NULL,
        overdue INTEGER NOT NULL,
        alerts INTEGER NOT NULL,
        gaps INTEGER NOT NULL,
        stale_seats INTEGER NOT NULL
    );
    CREATE TABLE score_parts (
        date TEXT NOT NULL,
        name TEXT NOT NULL,
        weight INTEGER NOT NULL,
        share REAL NOT NULL,
        points REAL NOT NULL,
        PRIMARY KEY (date, name)
    );
    CREATE TABLE conflicts (
        date TEXT NOT NULL,
        entity TEXT NOT NULL,
        field TEXT NOT NULL,
        entity_name TEXT NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        owner TEXT,
        owner_value TEXT,
        decided INTEGER NOT NULL,
        seat_values TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        mornings INTEGER NOT NULL,
        PRIMARY KEY (date, entity, field)
    );
    CREATE TABLE escalations (
        date TEXT NOT NULL,
        entity TEXT NOT NULL,
        name TEXT NOT NULL,
        open INTEGER NOT NULL,
        overdue INTEGER NOT NULL,
        raised TEXT,
        age_days INTEGER,
        streak_since TEXT,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (date, entity)
    );
    CREATE TABLE alerts (
        date TEXT NOT NULL,
        name TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_name TEXT NOT NULL,
        pct REAL NOT NULL,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (date, name, entity)
    );
    CREATE TABLE gaps (
        date TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (date, kind, subject)
    );
    CREATE TABLE stale_seats (
        date TEXT NOT NULL,
        seat TEXT NOT NULL,
        as_of TEXT,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (date, seat)
    );
    ",
];

/// The schema this version of `briefing` reads and writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The tables that hold a day's snapshot, each keyed by `date` first.
const TABLES: [&str; 7] = [
    "days",
    "score_parts",
    "conflicts",
    "escalations",
    "alerts",
    "gaps",
    "stale_seats",
];

/// An open history database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) when it
    /// does not exist, and brings its schema up to date. The message of an
    /// error says what is wrong with it; the file is never removed or
    /// overwritten.
    pub fn open(path: &Path) -> Result<Store, String> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let conn = Connection::open(path).map_err(|e| problem(path, &e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.prepare().map_err(|e| problem(path, &e))?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn prepare(&self) -> rusqlite::Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Reading the version reads the file's header: a file that is not
        // a database fails here, before anything is written to it.
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(newer(version));
        }
        let mode: String = self
            .conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        // WAL cannot be had on some file systems; the rollback journal
        // still keeps the file whole, only with less concurrency.
        let _ = mode;
        // In WAL mode a commit needs no sync to keep the file whole; a
        // power cut can lose the last snapshot, which the next run rewrites.
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        if version < SCHEMA_VERSION {
            self.migrate()?;
        }
        Ok(())
    }

    /// Applies the migrations the file has not had, in one transaction, so
    /// a second briefing opening it at the same moment waits and then
    /// finds it done.
    fn migrate(&self) -> rusqlite::Result<()> {
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(newer(version));
        }
        for migration in &MIGRATIONS[version.max(0) as usize..] {
            tx.execute_batch(migration)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()
    }

    /// The latest snapshot before `date`.
    pub fn before(&self, date: NaiveDate) -> Result<Option<Snapshot>, String> {
        self.latest_before(date)
            .map_err(|e| problem(&self.path, &e))
    }

    fn latest_before(&self, date: NaiveDate) -> rusqlite::Result<Option<Snapshot>> {
        let previous: Option<String> = self.conn.query_row(
            "SELECT max(date) FROM days WHERE date < ?1",
            [date.to_string()],
            |r| r.get(0),
        )?;
        match previous.as_deref().and_then(parse_date) {
            Some(previous) => self.snapshot(previous),
            None => Ok(None),
        }
    }

    /// The snapshot of `date`, and the latest one before it.
    pub fn day_and_before(
        &self,
        date: NaiveDate,
    ) -> Result<(Option<Snapshot>, Option<Snapshot>), String> {
        (|| Ok((self.snapshot(date)?, self.latest_before(date)?)))()
            .map_err(|e: rusqlite::Error| problem(&self.path, &e))
    }

    /// The recorded days from `from` to `to`, oldest first.
    pub fn days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Day>, String> {
        (|| {
            let mut stmt = self.conn.prepare(
                "SELECT date, score, conflicts, high, overdue, alerts, gaps, stale_seats
                 FROM days WHERE date >= ?1 AND date <= ?2 ORDER BY date",
            )?;
            let rows = stmt.query_map([from.to_string(), to.to_string()], day_row)?;
            rows.filter_map(|r| r.transpose())
                .collect::<rusqlite::Result<Vec<_>>>()
        })()
        .map_err(|e: rusqlite::Error| problem(&self.path, &e))
    }

    /// The score of every recorded day before `date`, oldest first.
    pub fn scores_before(&self, date: NaiveDate) -> Result<Vec<(NaiveDate, u32)>, String> {
        (|| {
            let mut stmt = self
                .conn
                .prepare("SELECT date, score FROM days WHERE date < ?1 ORDER BY date")?;
            let rows = stmt.query_map([date.to_string()], |r| {
                let date: String = r.get(0)?;
                Ok(parse_date(&date).map(|d| (d, r.get::<_, u32>(1).unwrap_or(0))))
            })?;
            rows.filter_map(|r| r.transpose())
                .collect::<rusqlite::Result<Vec<_>>>()
        })()
        .map_err(|e: rusqlite::Error| problem(&self.path, &e))
    }

    /// Records `snapshot`, replacing any earlier one of the same day, and
    /// drops the days older than `keep_days` before it.
    pub fn record(&mut self, snapshot: &Snapshot, keep_days: u32) -> Result<(), String> {
        self.write(snapshot, keep_days)
            .map_err(|e| problem(&self.path, &e))
    }

    fn write(&mut self, s: &Snapshot, keep_days: u32) -> rusqlite::Result<()> {
        let date = s.day.date.to_string();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let oldest = s
            .day
            .date
            .checked_sub_days(chrono::Days::new(u64::from(keep_days)))
            .map(|d| d.to_string());
        for table in TABLES {
            tx.execute(&format!("DELETE FROM {table} WHERE date = ?1"), [&date])?;
            if let Some(oldest) = &oldest {
                tx.execute(&format!("DELETE FROM {table} WHERE date < ?1"), [oldest])?;
            }
        }
        let d = &s.day;
        tx.execute(
            "INSERT INTO days (date, recorded_at, score, conflicts, high, overdue, alerts, gaps, stale_seats)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                date,
                chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                d.score,
                d.conflicts,
                d.high,
                d.overdue,
                d.alerts,
                d.gaps,
                d.stale_seats
            ],
        )?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO score_parts (date, name, weight, share, points) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for p in &s.parts {
                insert.execute(params![date, p.name, p.weight, p.share, p.points])?;
            }
            let mut insert = tx.prepare(
                "INSERT INTO conflicts (date, entity, field, entity_name, kind, severity, owner,
                     owner_value, decided, seat_values, first_seen, mornings)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            for c in &s.conflicts {
                let values: Vec<(&Option<String>, &String)> = c.values.iter().collect();
                let values = serde_json::to_string(&values).unwrap_or_else(|_| "[]".into());
                insert.execute(params![
                    date,
                    c.entity,
                    c.field,
                    c.entity_name,
                    c.kind,
                    c.severity,
                    c.owner,
                    c.owner_value,
                    c.decided,
                    values,
                    c.first_seen.to_string(),
                    c.mornings
                ])?;
            }
            let mut insert = tx.prepare(
                "INSERT INTO escalations (date, entity, name, open, overdue, raised, age_days,
                     streak_since, first_seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for e in &s.escalations {
                insert.execute(params![
                    date,
                    e.entity,
                    e.name,
                    e.open,
                    e.overdue,
                    e.raised.map(|d| d.to_string()),
                    e.age_days,
                    e.streak_since.map(|d| d.to_string()),
                    e.first_seen.to_string()
                ])?;
            }
            let mut insert = tx.prepare(
                "INSERT INTO alerts (date, name, entity, entity_name, pct, first_seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for a in &s.alerts {
                insert.execute(params![
                    date,
                    a.name,
                    a.entity,
                    a.entity_name,
                    a.pct,
                    a.first_seen.to_string()
                ])?;
            }
            let mut insert = tx.prepare(
                "INSERT INTO gaps (date, kind, subject, detail, first_seen) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for g in &s.gaps {
                insert.execute(params![
                    date,
                    g.kind,
                    g.subject,
                    g.detail,
                    g.first_seen.to_string()
                ])?;
            }
            let mut insert = tx.prepare(
                "INSERT INTO stale_seats (date, seat, as_of, first_seen) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for st in &s.stale_seats {
                insert.execute(params![date, st.seat, st.as_of, st.first_seen.to_string()])?;
            }
        }
        tx.commit()
    }

    /// The snapshot recorded for `date`, if any.
    fn snapshot(&self, date: NaiveDate) -> rusqlite::Result<Option<Snapshot>> {
        let key = date.to_string();
        let day = self
            .conn
            .query_row(
                "SELECT date, score, conflicts, high, overdue, alerts, gaps, stale_seats
                 FROM days WHERE date = ?1",
                [&key],
                day_row,
            )
            .optional()?
            .flatten();
        let Some(day) = day else {
            return Ok(None);
        };
        let mut parts = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT name, weight, share, points FROM score_parts WHERE date = ?1 ORDER BY rowid",
        )?;
        for part in stmt.query_map([&key], |r| {
            Ok(Part {
                name: r.get(0)?,
                weight: r.get(1)?,
                share: r.get(2)?,
                points: r.get(3)?,
            })
        })? {
            parts.push(part?);
        }
        let mut conflicts = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT entity, field, entity_name, kind, severity, owner, owner_value, decided,
                 seat_values, first_seen, mornings
             FROM conflicts WHERE date = ?1 ORDER BY entity, field",
        )?;
        for c in stmt.query_map([&key], |r| {
            let values: String = r.get(8)?;
            let values: Vec<(Option<String>, String)> =
                serde_json::from_str(&values).unwrap_or_default();
            Ok(ConflictSnap {
                entity: r.get(0)?,
                field: r.get(1)?,
                entity_name: r.get(2)?,
                kind: r.get(3)?,
                severity: r.get(4)?,
                owner: r.get(5)?,
                owner_value: r.get(6)?,
                decided: r.get(7)?,
                values: values.into_iter().collect(),
                first_seen: date_or(r.get::<_, String>(9)?, date),
                mornings: r.get(10)?,
            })
        })? {
            conflicts.push(c?);
        }
        let mut escalations = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT entity, name, open, overdue, raised, age_days, streak_since, first_seen
             FROM escalations WHERE date = ?1 ORDER BY entity",
        )?;
        for e in stmt.query_map([&key], |r| {
            Ok(EscalationSnap {
                entity: r.get(0)?,
                name: r.get(1)?,
                open: r.get(2)?,
                overdue: r.get(3)?,
                raised: r
                    .get::<_, Option<String>>(4)?
                    .as_deref()
                    .and_then(parse_date),
                age_days: r.get(5)?,
                streak_since: r
                    .get::<_, Option<String>>(6)?
                    .as_deref()
                    .and_then(parse_date),
                first_seen: date_or(r.get::<_, String>(7)?, date),
            })
        })? {
            escalations.push(e?);
        }
        let mut alerts = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT name, entity, entity_name, pct, first_seen FROM alerts WHERE date = ?1
             ORDER BY name, entity",
        )?;
        for a in stmt.query_map([&key], |r| {
            Ok(AlertSnap {
                name: r.get(0)?,
                entity: r.get(1)?,
                entity_name: r.get(2)?,
                pct: r.get(3)?,
                first_seen: date_or(r.get::<_, String>(4)?, date),
            })
        })? {
            alerts.push(a?);
        }
        let mut gaps = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT kind, subject, detail, first_seen FROM gaps WHERE date = ?1 ORDER BY kind, subject",
        )?;
        for g in stmt.query_map([&key], |r| {
            Ok(GapSnap {
                kind: r.get(0)?,
                subject: r.get(1)?,
                detail: r.get(2)?,
                first_seen: date_or(r.get::<_, String>(3)?, date),
            })
        })? {
            gaps.push(g?);
        }
        let mut stale_seats = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT seat, as_of, first_seen FROM stale_seats WHERE date = ?1 ORDER BY seat",
        )?;
        for s in stmt.query_map([&key], |r| {
            Ok(StaleSnap {
                seat: r.get(0)?,
                as_of: r.get(1)?,
                first_seen: date_or(r.get::<_, String>(2)?, date),
            })
        })? {
            stale_seats.push(s?);
        }
        Ok(Some(Snapshot {
            day,
            parts,
            conflicts,
            escalations,
            alerts,
            gaps,
            stale_seats,
        }))
    }
}

/// A `days` row; `None` when its date does not parse (written by hand).
fn day_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Day>> {
    let date: String = r.get(0)?;
    Ok(parse_date(&date).map(|date| Day {
        date,
        score: r.get(1).unwrap_or(0),
        conflicts: r.get(2).unwrap_or(0),
        high: r.get(3).unwrap_or(0),
        overdue: r.get(4).unwrap_or(0),
        alerts: r.get(5).unwrap_or(0),
        gaps: r.get(6).unwrap_or(0),
        stale_seats: r.get(7).unwrap_or(0),
    }))
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn date_or(s: String, fallback: NaiveDate) -> NaiveDate {
    parse_date(&s).unwrap_or(fallback)
}

fn newer(version: i64) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
        Some(format!(
            "it was written by a newer briefing (schema {version}; this one reads {SCHEMA_VERSION})"
        )),
    )
}

/// What a user is told about a database that could not be used.
fn problem(path: &Path, e: &rusqlite::Error) -> String {
    let why = match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => format!(
            "another briefing kept it locked for over {} s",
            BUSY_TIMEOUT.as_secs()
        ),
        Some(ErrorCode::NotADatabase) => "it is not a history database".to_string(),
        Some(ErrorCode::DatabaseCorrupt) => "it is damaged".to_string(),
        _ => match e {
            rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
            other => other.to_string(),
        },
    };
    format!(
        "history database {}: {why}; it is left as it is",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn snapshot(date: &str) -> Snapshot {
        Snapshot {
            day: Day {
                date: d(date),
                score: 69,
                conflicts: 1,
                high: 1,
                overdue: 1,
                alerts: 1,
                gaps: 1,
                stale_seats: 1,
            },
            parts: vec![Part {
                name: "ownership".into(),
                weight: 25,
                share: 0.25,
                points: 6.3,
            }],
            conflicts: vec![ConflictSnap {
                entity: "project:acme/q1".into(),
                field: "due_date".into(),
                entity_name: "Q1 \"launch\"".into(),
                kind: "project".into(),
                severity: "high".into(),
                owner: Some("tracker".into()),
                owner_value: Some("2026-12-01".into()),
                decided: false,
                values: BTreeMap::from([
                    (None, "2026-12-03".into()),
                    (Some("tracker".into()), "2026-12-01".into()),
                ]),
                first_seen: d("2026-11-20"),
                mornings: 3,
            }],
            escalations: vec![EscalationSnap {
                entity: "escalation:esc-1".into(),
                name: "Overspend".into(),
                open: true,
                overdue: true,
                raised: Some(d("2026-11-07")),
                age_days: Some(17),
                streak_since: Some(d("2026-11-07")),
                first_seen: d("2026-11-20"),
            }],
            alerts: vec![AlertSnap {
                name: "overspend".into(),
                entity: "campaign:flu".into(),
                entity_name: "Flu".into(),
                pct: 139.5,
                first_seen: d("2026-11-20"),
            }],
            gaps: vec![GapSnap {
                kind: "stale_seat".into(),
                subject: "scheduler".into(),
                detail: "Seat scheduler is stale.".into(),
                first_seen: d("2026-11-21"),
            }],
            stale_seats: vec![StaleSnap {
                seat: "scheduler".into(),
                as_of: None,
                first_seen: d("2026-11-21"),
            }],
        }
    }

    #[test]
    fn a_snapshot_reads_back_as_it_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deeper/h.sqlite3");
        let mut store = Store::open(&path).unwrap();
        let written = snapshot("2026-11-24");
        store.record(&written, 400).unwrap();
        assert_eq!(store.before(d("2026-11-24")).unwrap(), None);
        assert_eq!(
            store.before(d("2026-11-25")).unwrap(),
            Some(written.clone())
        );
        // The same day again replaces it.
        let mut again = written.clone();
        again.day.score = 70;
        store.record(&again, 400).unwrap();
        assert_eq!(store.before(d("2026-11-30")).unwrap(), Some(again));
        let version: i64 = store
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn a_full_disk_leaves_the_recorded_days_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.sqlite3");
        let mut store = Store::open(&path).unwrap();
        let first = snapshot("2026-11-23");
        store.record(&first, 400).unwrap();
        // No page more than the file has: SQLite then fails a write as it
        // does on a full disk.
        let pages: i64 = store
            .conn
            .pragma_query_value(None, "page_count", |r| r.get(0))
            .unwrap();
        store
            .conn
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
        let mut big = snapshot("2026-11-24");
        let conflict = big.conflicts[0].clone();
        big.conflicts = (0..5000)
            .map(|i| {
                let mut c = conflict.clone();
                c.entity = format!("project:p{i}");
                c
            })
            .collect();
        let warning = store.record(&big, 400).unwrap_err();
        assert!(warning.contains("full"), "{warning}");
        assert!(warning.contains("it is left as it is"), "{warning}");
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.before(d("2026-11-30")).unwrap(), Some(first));
    }

    #[test]
    fn days_older_than_the_limit_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("h.sqlite3")).unwrap();
        for date in ["2026-11-01", "2026-11-20", "2026-11-24"] {
            store.record(&snapshot(date), 10).unwrap();
        }
        let days: Vec<NaiveDate> = store
            .days(d("2026-01-01"), d("2026-12-31"))
            .unwrap()
            .iter()
            .map(|day| day.date)
            .collect();
        assert_eq!(days, [d("2026-11-20"), d("2026-11-24")]);
        let conflicts: i64 = store
            .conn
            .query_row("SELECT count(*) FROM conflicts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(conflicts, 2, "the dropped day's rows go with it");
    }
}
