//! `e`: the user's editor on a state file, at a line. The caller gives
//! the terminal back first and takes it again after.

use std::path::Path;
use std::process::Command;

/// `$VISUAL`, else `$EDITOR`, else `vi`, as git picks it.
pub fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Runs the editor on `path` at `line` and waits for it. The editor
/// string goes through `sh` like git does, so `code -w` or a quoted path
/// works; the file and line are passed as separate arguments, never
/// spliced into the command.
pub fn open(path: &Path, line: u32) -> Result<(), String> {
    let editor = editor();
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(&editor)
        .arg(format!("+{line}"))
        .arg(path)
        .status()
        .map_err(|e| format!("cannot run {editor}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{editor} exited with {status}"))
    }
}
