//! What a user can ask the terminal UI to do. Keys map to actions through
//! the keymap; the app state changes only in response to an action, so
//! tests drive the app with the same values a keypress produces.

use crate::config::keys::Bindable;

/// One thing the app can do. Keys are bound to the variants a [`Bindable`]
/// names; the rest come from the filter prompt and the mouse.
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
    /// In a conflict: ask whether to keep the selected value's seat.
    Decide,
    /// Yes to the question `Decide` asked.
    Confirm,
    /// Take back the last decision made since the UI opened.
    Undo,
    /// Show the last message in full.
    Message,
    /// A character typed into the filter prompt.
    FilterChar(char),
    FilterBackspace,
    /// Enter in the filter prompt: keep the filter, go back to the list.
    FilterAccept,
    /// Esc in the filter prompt: drop the filter.
    FilterCancel,
    /// The mouse wheel: move this many rows, down when positive.
    Scroll(isize),
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
    /// One row per recorded briefing day; shown only with a history.
    History,
}

impl View {
    /// Tab order, and the number keys that show each: 1 for the Briefing
    /// to 7 for the History.
    pub const ALL: [View; 7] = [
        View::Briefing,
        View::Conflicts,
        View::Entities,
        View::Seats,
        View::Files,
        View::Gaps,
        View::History,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Briefing => "Briefing",
            View::Conflicts => "Conflicts",
            View::Entities => "Entities",
            View::Seats => "Seats",
            View::Files => "Files",
            View::Gaps => "Gaps",
            View::History => "History",
        }
    }

    pub fn index(self) -> usize {
        View::ALL.iter().position(|&v| v == self).unwrap_or(0)
    }
}

impl From<Bindable> for Action {
    /// What a key bound to `b` asks the app to do.
    fn from(b: Bindable) -> Action {
        match b {
            Bindable::Up => Action::Up,
            Bindable::Down => Action::Down,
            Bindable::PageUp => Action::PageUp,
            Bindable::PageDown => Action::PageDown,
            Bindable::Top => Action::Top,
            Bindable::Bottom => Action::Bottom,
            Bindable::Open => Action::Open,
            Bindable::Back => Action::Back,
            Bindable::NextView => Action::NextView,
            Bindable::PrevView => Action::PrevView,
            Bindable::ViewBriefing => Action::ShowView(View::Briefing),
            Bindable::ViewConflicts => Action::ShowView(View::Conflicts),
            Bindable::ViewEntities => Action::ShowView(View::Entities),
            Bindable::ViewSeats => Action::ShowView(View::Seats),
            Bindable::ViewFiles => Action::ShowView(View::Files),
            Bindable::ViewGaps => Action::ShowView(View::Gaps),
            Bindable::ViewHistory => Action::ShowView(View::History),
            Bindable::Filter => Action::Filter,
            Bindable::Decide => Action::Decide,
            Bindable::Confirm => Action::Confirm,
            Bindable::Undo => Action::Undo,
            Bindable::Message => Action::Message,
            Bindable::Edit => Action::Edit,
            Bindable::Reload => Action::Reload,
            Bindable::Help => Action::Help,
            Bindable::Quit => Action::Quit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bindable_action_is_its_own_action() {
        let actions: std::collections::HashSet<Action> =
            Bindable::ALL.into_iter().map(Action::from).collect();
        assert_eq!(actions.len(), Bindable::ALL.len());
        for view in View::ALL {
            assert!(actions.contains(&Action::ShowView(view)), "{view:?}");
        }
    }
}
