//! What the tests that run the binary share: a history of its own.

use std::ops::{Deref, DerefMut};

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
