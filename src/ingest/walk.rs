//! Finding the state files: a sorted walk of the state directory that skips
//! hidden entries and `ignore` globs and never leaves the directory through a
//! symbolic link.

use crate::config::Globs;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Format, SkipReason, Skipped};
use crate::text::sanitize;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A file to read.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub rel: String,
    pub abs: PathBuf,
    pub format: Format,
}

#[derive(Debug, Default)]
pub struct Walked {
    pub candidates: Vec<Candidate>,
    pub skipped: Vec<Skipped>,
    pub diagnostics: Vec<Diagnostic>,
}

/// `state/a/b.json` as `a/b.json`, whatever the platform's separator.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let joined = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    sanitize(&joined).into_owned()
}

pub fn walk(state_dir: &Path, ignore: &Globs) -> Result<Walked, String> {
    let root = state_dir.canonicalize().map_err(|e| {
        format!(
            "cannot open the state directory {}: {e}",
            state_dir.display()
        )
    })?;
    if !root.is_dir() {
        return Err(format!(
            "the state directory {} is not a directory",
            state_dir.display()
        ));
    }
    let mut walked = Walked::default();
    let entries = WalkDir::new(&root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let rel = e.path().map(|p| relative(&root, p)).unwrap_or_default();
                walked.diagnostics.push(Diagnostic::new(
                    rel,
                    None,
                    Severity::Error,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let rel = relative(&root, entry.path());
        if entry.depth() == 0 || ignore.is_match(&rel) {
            if entry.depth() > 0 && !entry.file_type().is_dir() {
                walked.skipped.push(Skipped {
                    path: rel,
                    reason: SkipReason::Ignored,
                });
            }
            continue;
        }
        if entry.path_is_symlink() {
            match symlink_target(&root, entry.path()) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(message) => {
                    walked
                        .diagnostics
                        .push(Diagnostic::new(rel, None, Severity::Warning, message));
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let format = entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension);
        match format {
            Some(format) => walked.candidates.push(Candidate {
                rel,
                abs: entry.path().to_path_buf(),
                format,
            }),
            None => walked.skipped.push(Skipped {
                path: rel,
                reason: SkipReason::UnknownFormat,
            }),
        }
    }
    Ok(walked)
}

/// Whether a symbolic link is a file inside the state directory (read it),
/// a directory (passed over: its files are reached by their real path or not
/// at all, so nothing is read twice), or points outside (an error).
fn symlink_target(root: &Path, link: &Path) -> Result<bool, String> {
    let target = link
        .canonicalize()
        .map_err(|e| format!("broken symbolic link: {e}"))?;
    if !target.starts_with(root) {
        return Err("symbolic link points outside the state directory; not followed".to_string());
    }
    Ok(target.is_file())
}
