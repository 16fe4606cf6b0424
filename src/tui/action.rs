//! What a user can ask the terminal UI to do. Keys map to actions through
//! the keymap; the app state changes only in response to an action, so
//! tests drive the app with the same values a keypress produces.

use std::fmt;

/// One thing the app can do. The variants with a name in [`Action::BOUND`]
/// can be bound to keys; the rest come from the filter prompt and the mouse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextView,
    PrevView,
    ShowView(View),
    Open,
    Back,
    Filter,
    Edit,
    Reload,
    /// In a conflict: keep the selected value's seat.
    Decide,
    /// A character typed into the filter prompt.
    FilterChar(char),
    FilterBackspace,
    /// Enter in the filter prompt: keep the filter, go back to the list.
    FilterAccept,
    /// Esc in the filter prompt: drop the filter.
    FilterCancel,
}

/// The top-level views, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Briefing,
    Conflicts,
    Entities,
    Seats,
    Files,
    Gaps,
}

impl View {
    /// Tab order, and the number keys that show each. Gaps came last, after
    /// Files, so the keys 1 to 5 kept their meaning when it was added.
    pub const ALL: [View; 6] = [
        View::Briefing,
        View::Conflicts,
        View::Entities,
        View::Seats,
        View::Files,
        View::Gaps,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Briefing => "Briefing",
            View::Conflicts => "Conflicts",
            View::Entities => "Entities",
            View::Seats => "Seats",
            View::Files => "Files",
            View::Gaps => "Gaps",
        }
    }

    pub fn index(self) -> usize {
        View::ALL.iter().position(|&v| v == self).unwrap_or(0)
    }
}

/// A bindable action: its name in `keys.toml` and `[keys]`, and what the
/// help screen says it does.
#[derive(Debug, Clone, Copy)]
pub struct Bound {
    pub action: Action,
    pub name: &'static str,
    pub description: &'static str,
}

const fn bound(action: Action, name: &'static str, description: &'static str) -> Bound {
    Bound {
        action,
        name,
        description,
    }
}

impl Action {
    /// Every action a key can be bound to, in the order the help lists them.
    pub const BOUND: &'static [Bound] = &[
        bound(Action::Up, "up", "Move up"),
        bound(Action::Down, "down", "Move down"),
        bound(Action::PageUp, "page_up", "Move up a page"),
        bound(Action::PageDown, "page_down", "Move down a page"),
        bound(Action::Top, "top", "Go to the first row"),
        bound(Action::Bottom, "bottom", "Go to the last row"),
        bound(Action::Open, "open", "Open the selected row"),
        bound(
            Action::Back,
            "back",
            "Close help, clear the filter, or go back",
        ),
        bound(Action::NextView, "next_view", "Next view"),
        bound(Action::PrevView, "prev_view", "Previous view"),
        bound(
            Action::ShowView(View::Briefing),
            "view_briefing",
            "Show the briefing",
        ),
        bound(
            Action::ShowView(View::Conflicts),
            "view_conflicts",
            "Show every conflict",
        ),
        bound(
            Action::ShowView(View::Entities),
            "view_entities",
            "Show entities",
        ),
        bound(Action::ShowView(View::Seats), "view_seats", "Show seats"),
        bound(
            Action::ShowView(View::Files),
            "view_files",
            "Show files and reading problems",
        ),
        bound(
            Action::ShowView(View::Gaps),
            "view_gaps",
            "Show the score and the gaps in who owns what",
        ),
        bound(Action::Filter, "filter", "Filter the list (fuzzy)"),
        bound(
            Action::Decide,
            "decide",
            "Settle a conflict: keep the selected value",
        ),
        bound(Action::Edit, "edit", "Open the selected source in $EDITOR"),
        bound(Action::Reload, "reload", "Read the state files again"),
        bound(Action::Help, "help", "Show every key"),
        bound(Action::Quit, "quit", "Quit"),
    ];

    pub fn from_name(name: &str) -> Option<Action> {
        Self::BOUND
            .iter()
            .find(|b| b.name == name)
            .map(|b| b.action)
    }

    /// The name a key binding uses, for bindable actions.
    pub fn name(self) -> Option<&'static str> {
        Self::BOUND
            .iter()
            .find(|b| b.action == self)
            .map(|b| b.name)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "{self:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        for b in Action::BOUND {
            assert_eq!(Action::from_name(b.name), Some(b.action), "{}", b.name);
            assert_eq!(b.action.name(), Some(b.name));
        }
        assert_eq!(Action::from_name("nope"), None);
    }
}
