//! The terminal UI's state and the one place it changes: [`App::update`].
//! Nothing here draws, touches the terminal or writes a file: what must
//! happen outside comes back from `update` as an [`Effect`] for the run
//! loop to perform, and its outcome comes back in (as [`App::decided`] and
//! [`App::reloaded`]). Tests drive an `App` with actions or key events and
//! render it to a test backend.

use super::action::{Action, View};
use super::data::{Data, DayChanges, Screen};
use super::keymap::Keymap;
use super::list::ListState;
use super::theme::Theme;
use crate::briefing::Briefing;
use crate::decisions::{self, Decision};
use crate::query::fuzzy_filter;
use chrono::NaiveDate;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};
use std::cell::Cell;
use std::path::{Path, PathBuf};

/// What the run loop must do after an update, beyond redrawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Read the configuration and state files again.
    Reload,
    /// Suspend the UI and open `path` at `line` in the user's editor.
    Edit {
        path: PathBuf,
        line: u32,
    },
    /// Record `decision` in the decisions file at `path` (beside the
    /// configuration, never under the state directory), then hand the
    /// outcome to [`App::decided`].
    Decide {
        path: PathBuf,
        decision: Decision,
    },
    /// Read what changed on `date` from the history database at `path`,
    /// then hand it to [`App::day_loaded`].
    LoadDay {
        path: PathBuf,
        date: NaiveDate,
    },
}

/// A one-line message in the footer, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Rows the mouse wheel scrolls per notch.
const WHEEL_ROWS: isize = 3;

pub struct App {
    pub data: Data,
    pub keymap: Keymap,
    pub theme: Theme,
    view: View,
    /// One list per view, kept while the other views are shown.
    lists: [ListState; View::ALL.len()],
    /// Drill-downs over the current view, innermost last.
    stack: Vec<(Screen, ListState)>,
    /// The filter prompt is open on the current list.
    filtering: bool,
    help: Option<usize>,
    /// How far help can scroll, as found by the last render.
    help_max_scroll: Cell<usize>,
    status: Option<Status>,
    /// What the next reload reports instead of "Reloaded": a decision
    /// just written, which the reload shows as settled.
    after_reload: Option<String>,
    /// `--today`: the date a decision is recorded on. Without it, the day
    /// the decision is made.
    today: Option<NaiveDate>,
    /// Who a decision is recorded as made by: the login name, as far as
    /// the terminal knows it.
    decided_by: Option<String>,
    /// The day of the History view last opened, with what changed on it.
    day: Option<DayChanges>,
}

impl App {
    /// `state_dir` and `config` are where the briefing was read from: `e`
    /// opens state files under the one and gap lines in the other, and
    /// decisions are written beside the other. `today` is `--today`.
    pub fn new(
        briefing: Briefing,
        state_dir: PathBuf,
        config: PathBuf,
        today: Option<NaiveDate>,
        keymap: Keymap,
        theme: Theme,
    ) -> App {
        let data = Data::new(briefing, state_dir, config);
        let lists = View::ALL.map(|v| ListState::new(data.len(Screen::View(v))));
        App {
            data,
            keymap,
            theme,
            view: View::Briefing,
            lists,
            stack: Vec::new(),
            filtering: false,
            help: None,
            help_max_scroll: Cell::new(0),
            status: None,
            after_reload: None,
            today,
            decided_by: std::env::var("USER")
                .ok()
                .filter(|user| !user.trim().is_empty()),
            day: None,
        }
    }

    /// Gives the app the history's recorded days (oldest first), the
    /// database they come from and what went wrong reading it, shown in
    /// the footer.
    pub fn set_history(
        &mut self,
        days: Vec<crate::briefing::history::Day>,
        database: Option<PathBuf>,
        warnings: Vec<String>,
    ) {
        self.data.set_history(days, database, warnings);
        let screen = Screen::View(View::History);
        self.lists[View::History.index()] = ListState::new(self.data.len(screen));
        if !self.data.warnings.is_empty() {
            self.set_status(self.data.warnings.join("; "), true);
        }
    }

    /// What changed on the day the History view last opened.
    pub fn day(&self) -> Option<&DayChanges> {
        self.day.as_ref()
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn screen(&self) -> Screen {
        self.stack
            .last()
            .map_or(Screen::View(self.view), |(screen, _)| *screen)
    }

    /// The list the current screen shows.
    pub fn list(&self) -> &ListState {
        match self.stack.last() {
            Some((_, list)) => list,
            None => &self.lists[self.view.index()],
        }
    }

    fn list_mut(&mut self) -> &mut ListState {
        match self.stack.last_mut() {
            Some((_, list)) => list,
            None => &mut self.lists[self.view.index()],
        }
    }

    /// The drill-downs from the view to the current screen.
    pub fn trail(&self) -> impl Iterator<Item = Screen> + '_ {
        self.stack.iter().map(|(screen, _)| *screen)
    }

    pub fn filtering(&self) -> bool {
        self.filtering
    }

    pub fn help_scroll(&self) -> Option<usize> {
        self.help
    }

    pub fn set_help_max_scroll(&self, max: usize) {
        self.help_max_scroll.set(max);
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    pub fn set_status(&mut self, text: impl Into<String>, error: bool) {
        self.status = Some(Status {
            text: text.into(),
            error,
        });
    }

    /// A key from the terminal. Only presses count: terminals that report
    /// releases (Windows, the kitty protocol) would otherwise act twice.
    pub fn handle_key(&mut self, key: KeyEvent) -> Effect {
        if key.kind != KeyEventKind::Press {
            return Effect::None;
        }
        self.status = None;
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            // Always a way out, whatever `[keys]` says.
            return Effect::Quit;
        }
        let action = if self.filtering {
            match key.code {
                KeyCode::Esc => Some(Action::FilterCancel),
                KeyCode::Enter => Some(Action::FilterAccept),
                KeyCode::Backspace => Some(Action::FilterBackspace),
                KeyCode::Up => Some(Action::Up),
                KeyCode::Down => Some(Action::Down),
                KeyCode::PageUp => Some(Action::PageUp),
                KeyCode::PageDown => Some(Action::PageDown),
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    Some(Action::FilterChar(c))
                }
                _ => None,
            }
        } else {
            self.keymap.action_of(&key)
        };
        match action {
            Some(action) => self.update(action),
            None => Effect::None,
        }
    }

    /// The wheel scrolls; clicks are left to the terminal's own selection
    /// when mouse capture is off, and ignored when it is on.
    pub fn handle_mouse(&mut self, mouse: MouseEvent) -> Effect {
        match mouse.kind {
            MouseEventKind::ScrollDown => self.update(Action::Scroll(WHEEL_ROWS)),
            MouseEventKind::ScrollUp => self.update(Action::Scroll(-WHEEL_ROWS)),
            _ => Effect::None,
        }
    }

    pub fn update(&mut self, action: Action) -> Effect {
        if action == Action::Quit {
            return Effect::Quit;
        }
        if let Some(scroll) = self.help {
            let page = self.list().page();
            let max = self.help_max_scroll.get();
            let moved = |delta: isize| Some(scroll.saturating_add_signed(delta).min(max));
            self.help = match action {
                Action::Help | Action::Back => None,
                Action::Up => moved(-1),
                Action::Down => moved(1),
                Action::PageUp => moved(-page),
                Action::PageDown => moved(page),
                Action::Top => Some(0),
                Action::Bottom => Some(max),
                Action::Scroll(rows) => moved(rows),
                _ => Some(scroll),
            };
            return Effect::None;
        }
        match action {
            Action::Quit => return Effect::Quit,
            Action::Help => self.help = Some(0),
            Action::Up => self.list_mut().move_by(-1),
            Action::Down => self.list_mut().move_by(1),
            Action::PageUp => {
                let page = self.list().page();
                self.list_mut().move_by(-page);
            }
            Action::PageDown => {
                let page = self.list().page();
                self.list_mut().move_by(page);
            }
            Action::Scroll(rows) => self.list_mut().move_by(rows),
            Action::Top => self.list_mut().top(),
            Action::Bottom => self.list_mut().bottom(),
            Action::NextView => self.cycle(1),
            Action::PrevView => self.cycle(View::ALL.len() - 1),
            Action::ShowView(View::History) if !self.data.has_history() => self.set_status(
                "No history yet: it starts with the second briefing day recorded",
                false,
            ),
            Action::ShowView(view) => self.show(view),
            Action::Open if self.screen() == Screen::View(View::History) => return self.open_day(),
            Action::Open => self.open(),
            Action::Back => {
                if !self.list().filter().is_empty() {
                    self.set_filter(String::new());
                } else {
                    self.stack.pop();
                }
            }
            Action::Filter => self.filtering = true,
            Action::FilterChar(c) => {
                let mut text = self.list().filter().to_string();
                text.push(c);
                self.set_filter(text);
            }
            Action::FilterBackspace => {
                let mut text = self.list().filter().to_string();
                if text.pop().is_none() {
                    self.filtering = false;
                }
                self.set_filter(text);
            }
            Action::FilterAccept => self.filtering = false,
            Action::FilterCancel => {
                self.filtering = false;
                self.set_filter(String::new());
            }
            Action::Edit => match self.source() {
                Some((path, line)) => return Effect::Edit { path, line },
                None => self.set_status("Nothing selected to open", false),
            },
            Action::Reload => {
                self.set_status("Reloading…", false);
                return Effect::Reload;
            }
            Action::Decide => return self.decide(),
        }
        Effect::None
    }

    /// In a conflict: settles it by keeping the selected value's seat. The
    /// decision goes to the run loop to record in briefing.decisions.toml
    /// beside the configuration (never under the state directory; the only
    /// file the UI writes), which reports back through [`App::decided`].
    fn decide(&mut self) -> Effect {
        let Screen::Conflict(index) = self.screen() else {
            let key = self.keymap.keys(Action::Decide).first();
            let key = key.map(|k| k.label(self.theme.glyphs.ascii));
            self.set_status(
                format!(
                    "Open a conflict and select the value to keep, then press {}",
                    key.as_deref().unwrap_or("the decide key")
                ),
                false,
            );
            return Effect::None;
        };
        let Some(conflict) = self.data.briefing.conflicts.get(index) else {
            return Effect::None;
        };
        let Some(value) = self
            .list()
            .selected_item()
            .and_then(|item| conflict.values.get(item))
        else {
            self.set_status("Select the value to keep first", false);
            return Effect::None;
        };
        let Some(seat) = value.seat.as_deref() else {
            self.set_status(
                "No seat claims the file this value comes from; keep a seat's value",
                true,
            );
            return Effect::None;
        };
        let today = self
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        match Decision::keep(
            conflict,
            seat,
            self.decided_by.clone(),
            None,
            today.to_string(),
        ) {
            Ok(decision) => Effect::Decide {
                path: decisions::path_beside(&self.data.config),
                decision,
            },
            Err(message) => {
                self.set_status(message, true);
                Effect::None
            }
        }
    }

    /// The outcome of recording `decision` in the file at `path`: on
    /// success the briefing reloads, so the conflict shows as settled; a
    /// failure is a status message, and the file is as it was.
    pub fn decided(
        &mut self,
        path: &Path,
        decision: &Decision,
        written: Result<(), String>,
    ) -> Effect {
        if let Err(message) = written {
            self.set_status(message, true);
            return Effect::None;
        }
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let entity = self
            .data
            .briefing
            .conflicts
            .iter()
            .find(|c| c.entity == decision.entity && c.field == decision.field)
            .map_or(decision.entity.as_str(), |c| c.entity_name.as_str());
        let done = format!(
            "Decided: keep {}'s {} for {entity} {} ({file})",
            decision.keep, decision.value, decision.field
        );
        self.set_status(format!("{done}; reloading…"), false);
        self.after_reload = Some(done);
        Effect::Reload
    }

    /// The file and line `e` opens from the current screen.
    fn source(&self) -> Option<(PathBuf, u32)> {
        match self.screen() {
            // A gap's detail has no list; the gap itself is the source.
            Screen::Gap(g) => self.data.gap_source(g),
            screen => self
                .list()
                .selected_item()
                .and_then(|item| self.data.source(screen, item)),
        }
    }

    /// Tab and Shift-Tab: `step` views on, past the History view when
    /// there is no history.
    fn cycle(&mut self, step: usize) {
        let mut index = self.view.index();
        loop {
            index = (index + step) % View::ALL.len();
            let view = View::ALL[index];
            if view != View::History || self.data.has_history() {
                return self.show(view);
            }
        }
    }

    /// Enter on a day of the History view: its changes are read from the
    /// history database by the run loop, which hands them to
    /// [`App::day_loaded`].
    fn open_day(&mut self) -> Effect {
        let day = self
            .list()
            .selected_item()
            .and_then(|i| self.data.days.get(i));
        match (day, &self.data.history) {
            (Some(day), Some(path)) => Effect::LoadDay {
                path: path.clone(),
                date: day.date,
            },
            _ => Effect::None,
        }
    }

    /// What changed on `date`, read from the history: the day's screen
    /// opens on it; a database that cannot be read is a message.
    pub fn day_loaded(
        &mut self,
        date: NaiveDate,
        read: Result<Option<(NaiveDate, crate::briefing::history::Changes)>, String>,
    ) {
        let against = match read {
            Ok(against) => against,
            Err(message) => return self.set_status(message, true),
        };
        let Some(row) = self.data.days.iter().position(|d| d.date == date) else {
            return;
        };
        self.day = Some(DayChanges { date, against });
        self.filtering = false;
        let screen = Screen::Day(row);
        self.stack
            .push((screen, ListState::new(self.data.len(screen))));
    }

    fn show(&mut self, view: View) {
        self.view = view;
        self.stack.clear();
        self.filtering = false;
    }

    /// Enter: drill into the selected item.
    fn open(&mut self) {
        let Some(item) = self.list().selected_item() else {
            return;
        };
        let b = &self.data.briefing;
        let next = match self.screen() {
            Screen::View(v @ (View::Briefing | View::Conflicts)) => {
                self.data.conflict_index(v, item).map(Screen::Conflict)
            }
            Screen::View(View::Entities) => Some(Screen::Entity(item)),
            Screen::View(View::Seats) => Some(Screen::Seat(item)),
            Screen::View(View::Files) => Some(Screen::File(item)),
            Screen::View(View::Gaps) => Some(Screen::Gap(item)),
            Screen::Conflict(c) => b
                .conflicts
                .get(c)
                .and_then(|c| self.data.entity_with_id(&c.entity))
                .map(Screen::Entity),
            Screen::Entity(e) => b
                .entities
                .get(e)
                .and_then(|e| e.mentions().get(item))
                .and_then(|m| self.data.file_row(m.file))
                .map(Screen::File),
            Screen::Seat(s) => self
                .data
                .seat_files
                .get(s)
                .and_then(|f| f.get(item))
                .map(|&f| Screen::File(f)),
            Screen::File(_) | Screen::Gap(_) | Screen::Day(_) | Screen::View(View::History) => None,
        };
        match next {
            // Entity → file → … could cycle through the same screens; a
            // screen already on the trail is shown by going back to it.
            Some(screen) if self.trail().any(|s| s == screen) => {
                while self.screen() != screen {
                    self.stack.pop();
                }
            }
            Some(screen) => {
                self.filtering = false;
                let list = ListState::new(self.data.len(screen));
                self.stack.push((screen, list));
            }
            None => {
                let keys = self.keymap.keys(Action::Edit);
                if let Some(key) = keys.first().filter(|_| self.source().is_some()) {
                    let key = key.label(false);
                    self.set_status(format!("Press {key} to open it in your editor"), false);
                }
            }
        }
    }

    fn set_filter(&mut self, text: String) {
        let screen = self.screen();
        let list = self.list();
        // One more character typed can only narrow a fuzzy match, so only
        // the last matches need searching: typing stays quick on long lists.
        let within = match list.matches() {
            Some(m) if text.starts_with(list.filter()) => {
                let mut items = m.to_vec();
                items.sort_unstable();
                Some(items)
            }
            _ => None,
        };
        let matches = self.matches_within(screen, &text, within);
        self.list_mut().set_filter(text, matches);
    }

    fn matches(&self, screen: Screen, filter: &str) -> Option<Vec<usize>> {
        self.matches_within(screen, filter, None)
    }

    /// The items of `screen` matching `filter`, best first, searching only
    /// `within` (in item order) when given.
    fn matches_within(
        &self,
        screen: Screen,
        filter: &str,
        within: Option<Vec<usize>>,
    ) -> Option<Vec<usize>> {
        if filter.trim().is_empty() {
            return None;
        }
        let items = within.unwrap_or_else(|| (0..self.data.len(screen)).collect());
        let found = fuzzy_filter(&items, filter, |&i| self.data.text(screen, i));
        Some(found.into_iter().map(|pos| items[pos]).collect())
    }

    /// The outcome of a reload. Each list keeps its filter and its selected
    /// item where the item still exists; a drill-down into something gone
    /// closes with a note.
    pub fn reloaded(&mut self, result: Result<Data, String>) {
        let done = self.after_reload.take();
        let data = match result {
            Ok(data) => data,
            Err(message) => {
                let done = done.map(|d| format!("{d}. ")).unwrap_or_default();
                self.set_status(
                    format!("{done}Reload failed, still showing the last briefing: {message}"),
                    true,
                );
                return;
            }
        };
        let old = std::mem::replace(&mut self.data, data);
        let keep = |list: &ListState, screen: Screen| {
            list.selected_item()
                .and_then(|item| old.identity(screen, item))
        };
        for view in View::ALL {
            let screen = Screen::View(view);
            let mut list = std::mem::take(&mut self.lists[view.index()]);
            let selected = keep(&list, screen);
            self.refresh(screen, &mut list, selected);
            self.lists[view.index()] = list;
        }
        let stack = std::mem::take(&mut self.stack);
        let mut gone = None;
        for (screen, list) in stack {
            let identity = old.screen_identity(screen);
            let found = identity
                .as_deref()
                .and_then(|i| self.data.resolve(screen, i));
            let Some(new) = found else {
                gone = identity;
                break;
            };
            let mut list = list;
            let selected = keep(&list, screen);
            self.refresh(new, &mut list, selected);
            self.stack.push((new, list));
        }
        let warnings = self.data.warnings.join("; ");
        match gone {
            _ if !warnings.is_empty() => self.set_status(warnings, true),
            Some(what) => self.set_status(
                format!("Reloaded: {} is gone", what.replace('\u{0}', " ")),
                false,
            ),
            None => self.set_status(done.unwrap_or_else(|| "Reloaded".into()), false),
        }
    }

    /// Gives `list`, showing `screen`, the new data's items, its filter's
    /// new matches, and the selection on the item whose identity is
    /// `selected`.
    fn refresh(&self, screen: Screen, list: &mut ListState, selected: Option<String>) {
        let matches = self.matches(screen, list.filter());
        let item = selected.and_then(|identity| self.data.find(screen, &identity));
        list.replace(self.data.len(screen), matches, item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn deciding_returns_the_decision_for_the_run_loop_and_writes_nothing() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = Config::load(&repo.join("briefing.toml")).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let briefing = crate::run(&config, today).unwrap();
        // The configuration's path in an empty directory: anything written
        // beside it would show there.
        let dir = tempfile::tempdir().unwrap();
        let mut app = App::new(
            briefing,
            config.state_dir.clone(),
            dir.path().join("briefing.toml"),
            Some(today),
            Keymap::defaults(),
            Theme::colour(),
        );
        assert_eq!(app.update(Action::Open), Effect::None);
        assert_eq!(app.update(Action::Down), Effect::None);
        let Screen::Conflict(index) = app.screen() else {
            panic!("not in a conflict: {:?}", app.screen());
        };
        let conflict = &app.data.briefing.conflicts[index];
        let kept = &conflict.values[app.list().selected_item().unwrap()];
        let (entity, field) = (conflict.entity.clone(), conflict.field.clone());
        let seat = kept.seat.as_deref().unwrap().to_string();

        let effect = app.update(Action::Decide);
        let Effect::Decide { path, decision } = effect else {
            panic!("{effect:?}");
        };
        assert_eq!(path, dir.path().join("briefing.decisions.toml"));
        assert_eq!(
            (decision.entity, decision.field, decision.keep),
            (entity, field, seat)
        );
        assert_eq!(decision.at, "2026-11-24");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        assert_eq!(app.status(), None);
    }
}
