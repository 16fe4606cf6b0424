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
        .map_err(|e| format!("Cannot run the editor {editor}: {e}"))?;
    match status.code() {
        Some(0) => Ok(()),
        code => Err(failure(&editor, code)),
    }
}

/// What went wrong, in words: the shell says 127 for a command it cannot
/// find and 126 for one it cannot run.
fn failure(editor: &str, code: Option<i32>) -> String {
    match code {
        Some(127) => format!(
            "No editor: `{editor}` was not found. Set $VISUAL or $EDITOR to the editor to use"
        ),
        Some(126) => format!("Cannot run the editor `{editor}`: it is not executable"),
        Some(code) => format!("The editor `{editor}` stopped with exit status {code}"),
        None => format!("The editor `{editor}` was stopped by a signal"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_editor_says_so() {
        assert!(failure("vi", Some(127)).contains("`vi` was not found. Set $VISUAL or $EDITOR"));
        assert!(failure("ed", Some(1)).contains("exit status 1"));
    }
}
