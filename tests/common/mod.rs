//! What the tests that run the binary share: a history of its own, and an
//! organisation in a temporary directory.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

/// The `briefing` binary with an empty history of its own: its
/// `XDG_STATE_HOME` is a temporary directory, removed when the command is
/// dropped, and `BRIEFING_HISTORY` is unset, so a test never reads or
/// writes the real `~/.local/state`, and no run sees another's history.
pub struct Briefing {
    cmd: assert_cmd::Command,
    _state: tempfile::TempDir,
}

pub fn briefing() -> Briefing {
    let state = tempfile::tempdir().expect("a temporary directory");
    let mut cmd = assert_cmd::Command::cargo_bin("briefing").expect("the binary is built");
    cmd.env("XDG_STATE_HOME", state.path())
        .env_remove("BRIEFING_HISTORY");
    Briefing { cmd, _state: state }
}

impl Briefing {
    /// The temporary `XDG_STATE_HOME` the history is kept under.
    #[allow(dead_code)]
    pub fn state_home(&self) -> &std::path::Path {
        self._state.path()
    }
}

impl Deref for Briefing {
    type Target = assert_cmd::Command;

    fn deref(&self) -> &Self::Target {
        &self.cmd
    }
}

impl DerefMut for Briefing {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.cmd
    }
}

/// The date the tests' organisations are briefed on.
#[allow(dead_code)]
pub const TODAY: &str = "2026-11-24";

/// `briefing` on `config`, with a history of its own, on [`TODAY`].
#[allow(dead_code)]
pub fn briefing_on(config: &Path) -> Briefing {
    let mut cmd = briefing();
    cmd.env_remove("BRIEFING_CONFIG")
        .arg("--config")
        .arg(config)
        .arg("--today")
        .arg(TODAY);
    cmd
}

/// An organisation in a temporary directory: `briefing.toml` beside the
/// state directory `state/`.
#[allow(dead_code)]
pub struct Org {
    pub dir: tempfile::TempDir,
}

#[allow(dead_code)]
impl Org {
    /// `config` as `briefing.toml`, and each `(path, text)` under `state/`.
    pub fn new(config: &str, files: &[(&str, &str)]) -> Org {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("state")).unwrap();
        let org = Org { dir };
        for (path, text) in files {
            org.write(path, text);
        }
        std::fs::write(org.config(), config).unwrap();
        org
    }

    pub fn write(&self, path: &str, text: &str) {
        let path = self.dir.path().join("state").join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn config(&self) -> PathBuf {
        self.dir.path().join("briefing.toml")
    }

    /// What a successful run with `flag` prints.
    pub fn output(&self, flag: &str) -> String {
        let out = briefing_on(&self.config()).arg(flag).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.output("--json")).unwrap()
    }

    pub fn plain(&self) -> String {
        self.output("--plain")
    }
}
