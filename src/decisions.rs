//! `briefing.decisions.toml`, beside the configuration: how people settled
//! conflicts. A decision holds while the conflict's values stay the ones it
//! was made on. Writes are atomic (a temporary file, then a rename), and a
//! malformed file is an error with its line, never silently dropped.

use crate::config::ConfigError;
use crate::diag::LineIndex;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "briefing.decisions.toml";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Entity id, `project:acme-website-redesign`.
    pub entity: String,
    pub field: String,
    /// The seat whose value was kept.
    pub keep: String,
    pub value: String,
    /// Every distinct value when it was decided; any change reopens it.
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    #[serde(default, rename = "decision")]
    pub list: Vec<Decision>,
}

impl Decision {
    /// Settles `conflict` by keeping `keep`'s value.
    pub fn keep(
        conflict: &crate::briefing::Conflict,
        keep: &str,
        by: Option<String>,
        note: Option<String>,
        at: String,
    ) -> Result<Decision, String> {
        let kept = conflict
            .values
            .iter()
            .filter(|v| v.seat.as_deref() == Some(keep))
            .max_by(|a, b| a.as_of.cmp(&b.as_of))
            .ok_or_else(|| {
                let seats: std::collections::BTreeSet<&str> = conflict
                    .values
                    .iter()
                    .filter_map(|v| v.seat.as_deref())
                    .collect();
                format!(
                    "seat `{keep}` gives no value for {} {}; choose one of: {}",
                    conflict.entity,
                    conflict.field,
                    seats.into_iter().collect::<Vec<_>>().join(", ")
                )
            })?;
        let values: std::collections::BTreeSet<String> = conflict
            .values
            .iter()
            .filter(|v| !v.shadow)
            .map(|v| v.value.to_string())
            .collect();
        Ok(Decision {
            entity: conflict.entity.clone(),
            field: conflict.field.clone(),
            keep: keep.to_string(),
            value: kept.value.to_string(),
            values: values.into_iter().collect(),
            by,
            at,
            note,
        })
    }
}

/// Where the decisions for the configuration at `config` live.
pub fn path_beside(config: &Path) -> PathBuf {
    config.with_file_name(FILE_NAME)
}

impl Decisions {
    /// Reads the file; a missing file is no decisions.
    pub fn load(path: &Path) -> Result<Decisions, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Decisions::default()),
            Err(e) => return Err(error(path, None, format!("cannot read the decisions: {e}"))),
        };
        Self::parse(&text, path)
    }

    /// Parses the text of a decisions file; `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Decisions, ConfigError> {
        toml::from_str(text).map_err(|e| {
            let pos = e.span().map(|s| LineIndex::new(text).pos(s.start));
            error(
                path,
                pos,
                format!("malformed decisions file: {}", e.message().trim()),
            )
        })
    }

    /// The decision on `entity`'s `field`, the latest if several.
    pub fn find(&self, entity: &str, field: &str) -> Option<&Decision> {
        self.list
            .iter()
            .rev()
            .find(|d| d.entity == entity && d.field == field)
    }

    /// Records `decision`, replacing an earlier one on the same fact,
    /// which it returns (the latest, if the file held several).
    pub fn record(&mut self, decision: Decision) -> Option<Decision> {
        let replaced = self.remove(&decision.entity, &decision.field);
        self.list.push(decision);
        self.list
            .sort_by(|a, b| (&a.entity, &a.field).cmp(&(&b.entity, &b.field)));
        replaced
    }

    /// Removes the decisions on `entity`'s `field`, returning the latest.
    pub fn remove(&mut self, entity: &str, field: &str) -> Option<Decision> {
        let latest = self.find(entity, field).cloned();
        self.list
            .retain(|d| !(d.entity == entity && d.field == field));
        latest
    }

    /// Writes the whole file atomically: readers see the old or the new
    /// file, never half of one, and a failed write leaves the old intact.
    /// The file gets the permissions of `config` (briefing.toml beside
    /// it), so whoever may read the configuration may read the decisions.
    pub fn save(&self, path: &Path, config: &Path) -> std::io::Result<()> {
        let text = self.file_text()?;
        let permissions = std::fs::metadata(config).ok().map(|m| m.permissions());
        write_atomically(path, permissions, |file| file.write_all(text.as_bytes()))
    }

    /// What [`Decisions::save`] writes.
    pub(crate) fn file_text(&self) -> std::io::Result<String> {
        Ok(format!(
            "# Decisions on conflicts, written by `briefing decide` and the d key of the terminal UI.\n\n{}",
            toml::to_string(self).map_err(std::io::Error::other)?
        ))
    }
}

/// Writes through a temporary file in the same directory, renamed over
/// `path` only once `write` has succeeded and the data is on disk; on any
/// error the temporary file is removed and `path` is untouched. The
/// temporary file is created private; `permissions` (on Unix, the read and
/// write bits only) are set on it before the rename.
fn write_atomically(
    path: &Path,
    permissions: Option<std::fs::Permissions>,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    write(tmp.as_file_mut())?;
    #[cfg(unix)]
    if let Some(permissions) = permissions {
        use std::os::unix::fs::PermissionsExt;
        let mode = permissions.mode() & 0o666;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = permissions;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn error(path: &Path, pos: Option<crate::diag::Pos>, message: String) -> ConfigError {
    ConfigError {
        path: path.to_path_buf(),
        line: pos.map(|p| p.line),
        column: pos.map(|p| p.column),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_leaves_the_old_file_and_no_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("briefing.decisions.toml");
        std::fs::write(&path, "# old\n").unwrap();
        let full = |file: &mut std::fs::File| {
            file.write_all(b"# new, half")?;
            Err(std::io::Error::from_raw_os_error(28))
        };
        let error = write_atomically(&path, None, full).unwrap_err();
        assert_eq!(error.raw_os_error(), Some(28));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# old\n");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["briefing.decisions.toml"], "no temporary file left");
    }

    fn decision(value: &str) -> Decision {
        Decision {
            entity: "project:apollo".into(),
            field: "due_date".into(),
            keep: "tracker".into(),
            value: value.into(),
            values: vec!["2026-12-01".into(), "2026-12-05".into()],
            by: Some("Dana Ruiz".into()),
            at: "2026-11-24".into(),
            note: None,
        }
    }

    #[test]
    fn round_trip_and_replace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        assert_eq!(Decisions::load(&path).unwrap(), Decisions::default());
        let config = dir.path().join("briefing.toml");
        std::fs::write(&config, "").unwrap();
        let mut decisions = Decisions::default();
        assert_eq!(decisions.record(decision("2026-12-01")), None);
        let replaced = decisions.record(decision("2026-12-05"));
        assert_eq!(replaced.map(|d| d.value).as_deref(), Some("2026-12-01"));
        decisions.save(&path, &config).unwrap();
        let mut loaded = Decisions::load(&path).unwrap();
        assert_eq!(loaded.list.len(), 1);
        assert_eq!(
            loaded.find("project:apollo", "due_date").unwrap().value,
            "2026-12-05"
        );
        assert!(loaded.remove("project:apollo", "due_date").is_some());
        assert_eq!(loaded, Decisions::default());
    }

    #[cfg(unix)]
    #[test]
    fn the_file_takes_the_configurations_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let config = dir.path().join("briefing.toml");
        std::fs::write(&config, "").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        for wanted in [0o644, 0o640, 0o600] {
            std::fs::set_permissions(&config, std::fs::Permissions::from_mode(wanted)).unwrap();
            let mut decisions = Decisions::default();
            decisions.record(decision("2026-12-01"));
            decisions.save(&path, &config).unwrap();
            assert_eq!(mode(&path), wanted);
        }
        // An executable configuration does not make an executable file.
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o755)).unwrap();
        Decisions::default().save(&path, &config).unwrap();
        assert_eq!(mode(&path), 0o644);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_debris() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "old").unwrap();
        let result = write_atomically(&path, None, |file| {
            file.write_all(b"half of the new")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        let missing = dir.path().join("no-such-dir").join(FILE_NAME);
        assert!(Decisions::default().save(&missing, &path).is_err());
    }

    #[test]
    fn malformed_file_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "[[decision]]\nentity = \"x\"\nfeild = \"y\"\n").unwrap();
        let err = Decisions::load(&path).unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
    }
}
