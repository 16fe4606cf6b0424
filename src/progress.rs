//! What a run reports while it works, for whoever shows progress: the
//! command line's bar on stderr, or the terminal UI's first screen. The
//! pipeline only calls these methods; it never draws anything itself.

/// The stages of a run, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading and parsing the state files.
    Reading,
    /// Working out which mentions are the same entity.
    Reconciling,
    /// Conflicts, ownership, escalations, gaps and the score.
    Analysing,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Reading => "reading",
            Phase::Reconciling => "reconciling",
            Phase::Analysing => "analysing",
        }
    }
}

/// Told about a run as it goes. Every method does nothing unless
/// implemented, so an observer only picks what it shows.
pub trait Progress {
    /// A new stage starts.
    fn phase(&self, _phase: Phase) {}

    /// `done` of `total` state files are read, holding `mentions` mentions
    /// between them. Called once per file, in walk order.
    fn files(&self, _done: usize, _total: usize, _mentions: usize) {}
}

/// Shows nothing.
pub struct Silent;

impl Progress for Silent {}
