//! Finding the state files: a sorted walk of the state directory that skips
//! hidden entries and `ignore` globs and never leaves the directory through a
//! symbolic link.

use crate::config::Globs;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Format, SkipReason, Skipped};
use crate::text::escape_name;
use std::fs::FileType;
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

/// `state/a/b.json` as `a/b.json`, whatever the platform's separator, with
/// bytes that are not UTF-8 and control characters shown escaped.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| escape_name(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// What the walk says of an entry it could not list or look at. The walk's
/// own error names the absolute path, which the diagnostic already gives
/// relative and escaped, so only the cause is kept.
fn walk_error(e: &walkdir::Error) -> String {
    match (e.io_error(), e.loop_ancestor()) {
        (_, Some(_)) => "a directory loop; not followed".to_string(),
        (Some(io), _) => format!("cannot read: {io}"),
        (None, None) => "cannot read".to_string(),
    }
}

/// What a file that is neither a regular file, a directory nor a symbolic
/// link is, for the diagnostic that says it was not opened: opening a named
/// pipe waits for a writer, and reading a device may never end.
pub(crate) fn special(file_type: &FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
    }
    (!file_type.is_file() && !file_type.is_dir() && !file_type.is_symlink())
        .then_some("not a regular file")
}

fn not_opened(what: &str) -> String {
    format!("{what}, not a regular file; not opened")
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
                    walk_error(&e),
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
        } else if let Some(what) = special(&entry.file_type()) {
            walked.diagnostics.push(Diagnostic::new(
                rel,
                None,
                Severity::Warning,
                not_opened(what),
            ));
            continue;
        } else if !entry.file_type().is_file() {
            continue;
        }
        walked.add(rel, entry.path().to_path_buf());
    }
    Ok(walked)
}

/// What [`walk`] makes of files held in memory, each at a path relative to
/// `state_dir` written with `/`: the same candidates in the same order,
/// hidden names left out, ignored and unknown formats skipped. There is
/// no file system to fault.
pub fn listed<'a>(
    state_dir: &Path,
    ignore: &Globs,
    paths: impl Iterator<Item = &'a str>,
) -> Walked {
    let mut paths: Vec<&str> = paths
        .filter(|p| !p.split('/').any(|part| part.starts_with('.')))
        .collect();
    // Directories first by name, then their files: the walk's order.
    paths.sort_by(|a, b| a.split('/').cmp(b.split('/')));
    let mut walked = Walked::default();
    for rel in paths {
        if ignore.is_match(rel) {
            walked.skipped.push(Skipped {
                path: rel.to_string(),
                reason: SkipReason::Ignored,
            });
        } else {
            walked.add(rel.to_string(), state_dir.join(rel));
        }
    }
    walked
}

impl Walked {
    /// A file to read when a reader takes its extension, else skipped.
    fn add(&mut self, rel: String, abs: PathBuf) {
        let format = abs
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension);
        match format {
            Some(format) => self.candidates.push(Candidate { rel, abs, format }),
            None => self.skipped.push(Skipped {
                path: rel,
                reason: SkipReason::UnknownFormat,
            }),
        }
    }
}

/// Whether a symbolic link is a file inside the state directory (read it),
/// a directory (passed over: its files are reached by their real path or not
/// at all, so nothing is read twice), or points outside, nowhere, around in
/// a loop or at something that is not a file (an error).
fn symlink_target(root: &Path, link: &Path) -> Result<bool, String> {
    let target = link.canonicalize().map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return "a symbolic link loop; not followed".to_string();
        }
        format!("broken symbolic link: {e}")
    })?;
    if !target.starts_with(root) {
        return Err("symbolic link points outside the state directory; not followed".to_string());
    }
    let file_type = std::fs::metadata(&target)
        .map_err(|e| format!("cannot read: {e}"))?
        .file_type();
    if let Some(what) = special(&file_type) {
        return Err(format!("symbolic link to {}", not_opened(what)));
    }
    Ok(file_type.is_file())
}
