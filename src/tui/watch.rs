//! Watches the state directory, briefing.toml and the decisions beside it,
//! and says when to reload. It only watches: nothing is ever written under
//! the state directory.

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Changes closer together than this make one reload: an agent rewriting
/// several files, or an editor's write-and-rename.
const DEBOUNCE: Duration = Duration::from_millis(250);

pub struct Watch {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

/// Starts watching; `notify` is called (from the watcher's thread) after
/// each burst of changes that matter.
pub fn start(
    state_dir: &Path,
    config: &Path,
    notify: impl Fn() + Send + 'static,
) -> notify::Result<Watch> {
    let state_dir = state_dir
        .canonicalize()
        .unwrap_or_else(|_| state_dir.to_path_buf());
    let config = config
        .canonicalize()
        .unwrap_or_else(|_| config.to_path_buf());
    let relevant = Relevant {
        state_dir: state_dir.clone(),
        decisions: crate::decisions::path_beside(&config),
        config: config.clone(),
    };
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        if let Ok(events) = result
            && events
                .iter()
                .any(|e| relevant.matters(&e.event.kind, &e.event.paths))
        {
            notify();
        }
    })?;
    debouncer.watch(&state_dir, RecursiveMode::Recursive)?;
    // Editors save by writing a new file and renaming it over the old one,
    // which a watch on the file itself would lose; watch its directory,
    // which holds the decisions too.
    if let Some(dir) = config.parent()
        && !dir.starts_with(&state_dir)
    {
        debouncer.watch(dir, RecursiveMode::NonRecursive)?;
    }
    Ok(Watch {
        _debouncer: debouncer,
    })
}

struct Relevant {
    state_dir: PathBuf,
    config: PathBuf,
    /// `briefing decide` in another terminal settles a conflict here too.
    decisions: PathBuf,
}

impl Relevant {
    /// Content changes under the state directory, to the config file or to
    /// the decisions.
    /// Reads and metadata-only changes are left out: reloading reads every
    /// file, and must not set off another reload.
    fn matters(&self, kind: &EventKind, paths: &[PathBuf]) -> bool {
        let content = match kind {
            EventKind::Create(_) | EventKind::Remove(_) => true,
            EventKind::Modify(ModifyKind::Metadata(_)) => false,
            EventKind::Modify(_) => true,
            EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
        };
        content
            && paths.iter().any(|p| {
                p.starts_with(&self.state_dir) || *p == self.config || *p == self.decisions
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, DataChange};

    #[test]
    fn only_content_changes_to_watched_paths_matter() {
        let r = Relevant {
            state_dir: PathBuf::from("/org/state"),
            config: PathBuf::from("/org/briefing.toml"),
            decisions: PathBuf::from("/org/briefing.decisions.toml"),
        };
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert!(r.matters(&write, &[PathBuf::from("/org/state/a/b.json")]));
        assert!(r.matters(&write, &[PathBuf::from("/org/briefing.toml")]));
        assert!(r.matters(&write, &[PathBuf::from("/org/briefing.decisions.toml")]));
        assert!(!r.matters(&write, &[PathBuf::from("/org/README.md")]));
        assert!(r.matters(
            &EventKind::Create(CreateKind::File),
            &[PathBuf::from("/org/state/new.md")]
        ));
        assert!(!r.matters(
            &EventKind::Access(AccessKind::Any),
            &[PathBuf::from("/org/state/a.json")]
        ));
    }
}
