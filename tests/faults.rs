//! File-system faults, through the real binary: a state directory holding
//! every kind of file that cannot or must not be read gives a diagnostic
//! for each, with its path shown escaped, the rest of the briefing still
//! shows, and the state directory is byte for byte what it was. The files
//! the briefing writes (decisions, the history, an `init` draft) are left
//! whole when their directory is read-only.
//!
//! Running as root, permissions deny nothing, so the binary is then run as
//! the `nobody` user (uid 65534) to see the denials a user would; where that
//! is not possible either, only the permission assertions are skipped, with
//! a note.

#![cfg(unix)]

mod common;

use serde_json::Value;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::os::unix::process::CommandExt;
use std::path::Path;

const TODAY: &str = "2026-11-24";
const NOBODY: u32 = 65534;

const CONFIG: &str = r#"
[briefing]
org = "Fault Org"
state_dir = "state"

[[seat]]
name = "tracker"
owner = "Dana Ruiz"
files = ["tracker/**"]
owns = ["project.*"]
on_failure = "Dana reruns the sync"

[[seat]]
name = "calendar"
owner = "Sam Lee"
files = ["calendar/**"]
owns = []
on_failure = "Sam checks by hand"
"#;

/// Whether this process reads a file its mode forbids it to (root, or a
/// process with CAP_DAC_OVERRIDE): then a mode denies nothing here.
fn privileged(dir: &Path) -> bool {
    let probe = dir.join("probe");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let read = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).unwrap();
    read
}

/// How the binary is run: as this user, or as `nobody` when this user
/// cannot be denied anything and may switch users.
#[derive(Clone, Copy, PartialEq)]
enum RunAs {
    Me,
    Nobody,
    /// Privileged, and cannot switch: permissions cannot be tested.
    Untestable,
}

fn run_as(dir: &Path) -> RunAs {
    if !privileged(dir) {
        return RunAs::Me;
    }
    // The binary itself, not any program: under a directory only its owner
    // may enter (a clone in `/root`), `nobody` cannot run it at all.
    let switched = std::process::Command::new(assert_cmd::cargo::cargo_bin("briefing"))
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .uid(NOBODY)
        .gid(NOBODY)
        .status()
        .is_ok_and(|s| s.success());
    if switched {
        RunAs::Nobody
    } else {
        RunAs::Untestable
    }
}

/// The binary with the temporary history of `common`, as `who`.
fn command(who: RunAs, history: &common::Briefing) -> assert_cmd::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("briefing"));
    cmd.env("XDG_STATE_HOME", history.state_home())
        .env_remove("BRIEFING_HISTORY");
    if who == RunAs::Nobody {
        std::os::unix::fs::chown(history.state_home(), Some(NOBODY), Some(NOBODY)).unwrap();
        cmd.uid(NOBODY).gid(NOBODY);
    }
    assert_cmd::Command::from_std(cmd)
}

/// Every entry under `root` (not following links): its path as bytes, its
/// type and mode, a link's target and a regular file's bytes.
fn tree(root: &Path) -> Vec<(Vec<u8>, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let path = entry.path();
            // From the directory's entry, not the path: a path may be too
            // long to look up whole.
            let meta = entry.metadata().unwrap();
            let kind = meta.file_type();
            let what = if kind.is_symlink() {
                format!("link -> {:?}", std::fs::read_link(&path).ok())
            } else if kind.is_dir() {
                stack.push(path.clone());
                "dir".to_string()
            } else if kind.is_file() {
                match std::fs::read(&path) {
                    Ok(bytes) => format!("file {:?}", String::from_utf8_lossy(&bytes)),
                    Err(_) => "file (unreadable here)".to_string(),
                }
            } else {
                "special".to_string()
            };
            let stamp = format!(
                "{what} mode {:o} size {} mtime {}.{}",
                meta.mode(),
                meta.len(),
                meta.mtime(),
                meta.mtime_nsec()
            );
            out.push((path.as_os_str().as_bytes().to_vec(), stamp));
        }
    }
    out.sort();
    out
}

fn mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Directories `depth` deep, each name 200 bytes, so the deepest path is
/// longer than any the system opens (PATH_MAX, 4096 bytes on Linux), with a
/// file at the bottom. Made one step at a time from the directory before
/// (`mkdirat`, `openat`), as no single path to them can be given.
fn too_long(state: &Path, depth: usize) -> bool {
    let name = std::ffi::CString::new("d".repeat(200)).unwrap();
    let root = std::ffi::CString::new(state.as_os_str().as_bytes()).unwrap();
    // SAFETY: plain system calls on descriptors this function opens and
    // closes, with NUL-terminated names.
    unsafe {
        let mut dir = libc::open(root.as_ptr(), libc::O_DIRECTORY | libc::O_RDONLY);
        for _ in 0..depth {
            if dir < 0 || libc::mkdirat(dir, name.as_ptr(), 0o755) != 0 {
                return false;
            }
            let next = libc::openat(dir, name.as_ptr(), libc::O_DIRECTORY | libc::O_RDONLY);
            libc::close(dir);
            dir = next;
        }
        let file = std::ffi::CString::new("projects.json").unwrap();
        let fd = libc::openat(dir, file.as_ptr(), libc::O_CREAT | libc::O_WRONLY, 0o644);
        libc::close(dir);
        if fd < 0 {
            return false;
        }
        let text = br#"{"projects": [{"name": "Deep"}]}"#;
        let written = libc::write(fd, text.as_ptr().cast(), text.len());
        libc::close(fd);
        written == text.len() as isize
    }
}

fn diagnostic<'a>(doc: &'a Value, file: &str, message: &str) -> &'a Value {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"] == file && d["message"].as_str().unwrap().contains(message))
        .unwrap_or_else(|| {
            panic!(
                "no diagnostic on {file:?} saying {message:?} in {:#}",
                doc["diagnostics"]
            )
        })
}

#[test]
fn every_file_system_fault_is_a_diagnostic_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    mode(root, 0o755);
    std::fs::write(root.join("briefing.toml"), CONFIG).unwrap();
    let state = root.join("state");
    std::fs::create_dir_all(state.join("tracker")).unwrap();
    std::fs::create_dir_all(state.join("calendar")).unwrap();
    std::fs::write(
        state.join("tracker/projects.json"),
        r#"{"updated_at": "2026-11-24T06:00:00Z", "projects": [{"name": "Acme Website", "due": "2026-12-01"}]}"#,
    )
    .unwrap();
    std::fs::write(
        state.join("calendar/projects.json"),
        r#"{"updated_at": "2026-11-24T06:00:00Z", "projects": [{"name": "Acme Website", "due": "2026-12-05"}]}"#,
    )
    .unwrap();

    // Permission denied on a file and on a directory.
    std::fs::write(state.join("tracker/secret.json"), r#"{"projects": []}"#).unwrap();
    mode(&state.join("tracker/secret.json"), 0o000);
    std::fs::create_dir(state.join("locked")).unwrap();
    std::fs::write(state.join("locked/inside.json"), r#"{"projects": []}"#).unwrap();
    mode(&state.join("locked"), 0o000);

    // A named pipe: opening it would wait for a writer forever.
    let fifo = std::ffi::CString::new(state.join("pipe.json").as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    // A device node, where this user may make one (root): /dev/null's.
    let node = std::ffi::CString::new(state.join("null.json").as_os_str().as_bytes()).unwrap();
    let device =
        unsafe { libc::mknod(node.as_ptr(), libc::S_IFCHR | 0o644, libc::makedev(1, 3)) } == 0;
    if !device {
        eprintln!("note: cannot make a device node here; that case is not checked");
    }
    // Links to an endless device, in a loop, and to nothing.
    symlink("/dev/zero", state.join("zero.json")).unwrap();
    symlink("loop-b.json", state.join("loop-a.json")).unwrap();
    symlink("loop-a.json", state.join("loop-b.json")).unwrap();
    // A link inside the state directory to the pipe.
    symlink("pipe.json", state.join("to-pipe.json")).unwrap();

    // Names that are not UTF-8 or hold control characters, each malformed
    // so that it gets a diagnostic that shows its name.
    std::fs::write(state.join(OsStr::from_bytes(b"bad\xFFname.json")), "{").unwrap();
    std::fs::write(state.join("esc\u{1b}[31mred\u{7}.json"), "{").unwrap();

    // A path too long to open.
    let deep = too_long(&state, 22);
    if !deep {
        eprintln!("note: cannot make a path longer than PATH_MAX here; that case is not checked");
    }

    let who = run_as(root);
    if who == RunAs::Untestable {
        eprintln!(
            "note: running privileged and cannot switch to uid {NOBODY}: permission denied is not checked"
        );
    }
    let before = tree(&state);
    let history = common::briefing();
    let output = command(who, &history)
        .current_dir(root)
        .args(["--config", "briefing.toml", "--today", TODAY, "--json"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success()
        .get_output()
        .clone();
    let after = tree(&state);
    assert!(before == after, "the state directory changed");

    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "a raw control character"
    );
    let doc: Value = serde_json::from_str(&stdout).unwrap();

    // The briefing still shows: the two readable files disagree.
    let conflicts = doc["conflicts"].as_array().unwrap();
    assert!(
        conflicts
            .iter()
            .any(|c| c["entity"] == "project:acme-website" && c["field"] == "due_date"),
        "{:#}",
        doc["conflicts"]
    );

    if who != RunAs::Untestable {
        let d = diagnostic(
            &doc,
            "tracker/secret.json",
            "cannot read: Permission denied",
        );
        assert_eq!(d["severity"], "error");
        diagnostic(&doc, "locked", "cannot read: Permission denied");
    }
    let d = diagnostic(
        &doc,
        "pipe.json",
        "a named pipe (FIFO), not a regular file; not opened",
    );
    assert_eq!(d["severity"], "warning");
    if device {
        diagnostic(
            &doc,
            "null.json",
            "a character device, not a regular file; not opened",
        );
    }
    diagnostic(
        &doc,
        "zero.json",
        "symbolic link points outside the state directory; not followed",
    );
    diagnostic(&doc, "loop-a.json", "a symbolic link loop; not followed");
    diagnostic(&doc, "loop-b.json", "a symbolic link loop; not followed");
    diagnostic(
        &doc,
        "to-pipe.json",
        "symbolic link to a named pipe (FIFO), not a regular file; not opened",
    );
    diagnostic(&doc, "bad\\xFFname.json", "cannot parse as JSON");
    diagnostic(&doc, "esc\\x1b[31mred\\x07.json", "cannot parse as JSON");
    if deep {
        let too_long = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| {
                d["message"]
                    .as_str()
                    .unwrap()
                    .contains("File name too long")
            })
            .unwrap_or_else(|| panic!("no path too long in {:#}", doc["diagnostics"]));
        assert!(too_long["file"].as_str().unwrap().starts_with("dddd"));
    }

    // The plain text shows the same names escaped.
    let plain = command(who, &history)
        .current_dir(root)
        .args([
            "--config",
            "briefing.toml",
            "--today",
            TODAY,
            "--plain",
            "--no-history",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let plain = String::from_utf8(plain).unwrap();
    assert!(plain.contains("esc\\x1b[31mred\\x07.json"), "{plain}");
    assert!(!plain.contains('\u{1b}'), "a raw escape");
    assert!(tree(&state) == before, "the state directory changed");

    // Leave the tree removable.
    mode(&state.join("locked"), 0o755);
}

#[test]
fn a_read_only_directory_keeps_the_files_briefing_writes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    mode(root, 0o755);
    let who = run_as(root);
    if who == RunAs::Untestable {
        eprintln!(
            "note: running privileged and cannot switch to uid {NOBODY}: a read-only directory is not checked"
        );
        return;
    }
    let org = root.join("org");
    std::fs::create_dir_all(org.join("state/tracker")).unwrap();
    std::fs::create_dir_all(org.join("state/calendar")).unwrap();
    std::fs::write(org.join("briefing.toml"), CONFIG).unwrap();
    std::fs::write(
        org.join("state/tracker/projects.json"),
        r#"{"updated_at": "2026-11-24T06:00:00Z", "projects": [{"name": "Acme Website", "due": "2026-12-01"}]}"#,
    )
    .unwrap();
    std::fs::write(
        org.join("state/calendar/projects.json"),
        r#"{"updated_at": "2026-11-24T06:00:00Z", "projects": [{"name": "Acme Website", "due": "2026-12-05"}]}"#,
    )
    .unwrap();
    let decisions = org.join("briefing.decisions.toml");
    let old = "# Decisions kept from before.\n";
    std::fs::write(&decisions, old).unwrap();

    // A history recorded while the directory was writable.
    let history = common::briefing();
    command(who, &history)
        .current_dir(&org)
        .args([
            "--config",
            "briefing.toml",
            "--today",
            "2026-11-23",
            "--plain",
        ])
        .assert()
        .success();
    let databases = tree(history.state_home());
    assert!(
        databases.iter().any(|(p, _)| p.ends_with(b".sqlite3")),
        "{databases:?}"
    );

    mode(&org, 0o555);
    let history_dir = std::fs::read_dir(history.state_home().join("briefing"))
        .map(|_| history.state_home().join("briefing"))
        .unwrap();
    mode(&history_dir, 0o555);
    let before = (tree(&org), tree(history.state_home()));

    // decide: the old decisions stay, with the error naming the file.
    let failed = command(who, &history)
        .current_dir(&org)
        .args(["--config", "briefing.toml", "--today", TODAY])
        .args(["decide", "acme", "due", "--keep", "tracker", "--by", "Dana"])
        .assert()
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("briefing.decisions.toml"), "{stderr}");
    assert!(stderr.contains("Permission denied"), "{stderr}");

    // The history: a warning, the briefing, and the database as it was.
    let ran = command(who, &history)
        .current_dir(&org)
        .args(["--config", "briefing.toml", "--today", TODAY, "--json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let doc: Value = serde_json::from_slice(&ran.stdout).unwrap();
    assert!(!doc["conflicts"].as_array().unwrap().is_empty());
    let warnings = format!(
        "{}{:#}",
        String::from_utf8_lossy(&ran.stderr),
        doc["diagnostics"]
    );
    assert!(warnings.contains("history database"), "{warnings}");
    assert!(warnings.contains("it is left as it is"), "{warnings}");

    // init: no draft is left in the read-only directory.
    let draft_dir = root.join("draft");
    std::fs::create_dir(&draft_dir).unwrap();
    mode(&draft_dir, 0o555);
    let failed = command(who, &history)
        .current_dir(&draft_dir)
        .args(["init", "../org/state"])
        .assert()
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert_eq!(std::fs::read_dir(&draft_dir).unwrap().count(), 0);

    assert!(
        (tree(&org), tree(history.state_home())) == before,
        "a file changed in a read-only directory"
    );
    assert_eq!(std::fs::read_to_string(&decisions).unwrap(), old);
    mode(&org, 0o755);
    mode(&history_dir, 0o755);
    mode(&draft_dir, 0o755);
}
