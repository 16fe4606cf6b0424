//! The terminal UI's state and the one place it changes: [`App::update`].
//! Nothing here draws, touches the terminal or writes a file: what must
//! happen outside comes back from `update` as an [`Effect`] for the run
//! loop to perform, and its outcome comes back in (as [`App::decided`],
//! [`App::undone`] and [`App::reloaded`]). Tests drive an `App` with
//! actions or key events and render it to a test backend.

use super::action::{Action, View};
use super::cells::shown_path;
use super::data::{BriefItem, Data, DayChanges, Note, Screen};
use super::keymap::{Keymap, key_of};
use super::list::{Found, ListState};
use super::theme::Theme;
use crate::briefing::Briefing;
use crate::decisions::{self, Decision};
use crate::query::{Judgement, Query, ranked};
use chrono::NaiveDate;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};
use std::cell::Cell;
use std::ops::Range;
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
    /// Take a decision made since the UI opened back out of the file at
    /// `path`, then hand the outcome to [`App::undone`].
    Undo {
        path: PathBuf,
        undo: Undo,
    },
    /// Read what changed on `date` from the history database at `path`,
    /// then hand it to [`App::day_loaded`].
    LoadDay {
        path: PathBuf,
        date: NaiveDate,
    },
}

/// How to take a decision back: the fact it settled, and the decision it
/// replaced, if any, to put back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undo {
    pub entity: String,
    pub field: String,
    pub restore: Option<Decision>,
    /// The fact in words, for the message: `Acme Website Redesign due_date`.
    pub what: String,
}

/// A message, perhaps naming a file: the path is what gives way first
/// (from the left, keeping the file's name) when the footer is narrow.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Msg {
    pub text: String,
    /// Where the path is in `text`.
    pub path: Option<Range<usize>>,
}

impl Msg {
    /// `before`, the path, then `after`.
    pub fn with_path(before: &str, path: &str, after: &str) -> Msg {
        Msg {
            text: format!("{before}{path}{after}"),
            path: Some(before.len()..before.len() + path.len()),
        }
    }

    /// The message with `prefix` before it.
    pub fn prefixed(self, prefix: &str) -> Msg {
        Msg {
            text: format!("{prefix}{}", self.text),
            path: self
                .path
                .map(|r| r.start + prefix.len()..r.end + prefix.len()),
        }
    }

    /// The message with `suffix` after it.
    pub fn suffixed(mut self, suffix: &str) -> Msg {
        self.text.push_str(suffix);
        self
    }
}

impl From<String> for Msg {
    fn from(text: String) -> Msg {
        Msg { text, path: None }
    }
}

impl From<&str> for Msg {
    fn from(text: &str) -> Msg {
        Msg::from(text.to_string())
    }
}

/// A message in the footer, until the next key; the last one can be
/// opened in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub msg: Msg,
    pub error: bool,
}

impl Status {
    pub fn text(&self) -> &str {
        &self.msg.text
    }
}

/// A decision waiting for its `y`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// `Keep project-tracker's 2026-12-01?`
    pub question: String,
    path: PathBuf,
    decision: Decision,
}

/// A box over the screen, taking the keys while it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Every key, scrolled this far.
    Help(usize),
    /// The last message in full, scrolled this far.
    Message(usize),
}

/// Where Enter goes from an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Screen(Screen),
    View(View),
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
    overlay: Option<Overlay>,
    /// How far the overlay can scroll, as found by the last render.
    overlay_max_scroll: Cell<usize>,
    /// Shown in the footer until the next key.
    status: Option<Status>,
    /// The last message, for [`Action::Message`].
    last: Option<Status>,
    pending: Option<Pending>,
    /// Decisions made since the UI opened, the last on top.
    undo: Vec<(PathBuf, Undo)>,
    /// What the next reload reports instead of "Reloaded": a decision
    /// just written, which the reload shows as settled.
    after_reload: Option<Msg>,
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
        let mut lists = View::ALL.map(|v| ListState::new(data.len(Screen::View(v))));
        // The Briefing opens on the first decision, under the alarm.
        lists[View::Briefing.index()].select_item(data.first_decision());
        App {
            data,
            keymap,
            theme,
            view: View::Briefing,
            lists,
            stack: Vec::new(),
            filtering: false,
            overlay: None,
            overlay_max_scroll: Cell::new(0),
            status: None,
            last: None,
            pending: None,
            undo: Vec::new(),
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

    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    /// How far help is scrolled, while it is open.
    pub fn help_scroll(&self) -> Option<usize> {
        match self.overlay {
            Some(Overlay::Help(scroll)) => Some(scroll),
            _ => None,
        }
    }

    pub fn set_overlay_max_scroll(&self, max: usize) {
        self.overlay_max_scroll.set(max);
    }

    /// How far the open box can scroll, as its last drawing found.
    pub fn overlay_max_scroll(&self) -> usize {
        self.overlay_max_scroll.get()
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The last message, shown or not, for the message box.
    pub fn last_message(&self) -> Option<&Status> {
        self.last.as_ref()
    }

    /// The decision waiting for confirmation.
    pub fn pending(&self) -> Option<&Pending> {
        self.pending.as_ref()
    }

    pub fn set_status(&mut self, msg: impl Into<Msg>, error: bool) {
        let status = Status {
            msg: msg.into(),
            error,
        };
        self.last = Some(status.clone());
        self.status = Some(status);
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
        if let Some(pending) = self.pending.take() {
            // The confirm key records it; any other key is a no.
            let yes = key_of(&key).is_some_and(|k| self.keymap.keys(Action::Confirm).contains(&k));
            if yes {
                return Effect::Decide {
                    path: pending.path,
                    decision: pending.decision,
                };
            }
            self.set_status("Not decided: nothing was written", false);
            return Effect::None;
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
        if let Some(overlay) = self.overlay {
            self.overlay_key(overlay, action);
            return Effect::None;
        }
        match action {
            Action::Quit => return Effect::Quit,
            Action::Help => self.overlay = Some(Overlay::Help(0)),
            Action::Message => match self.last {
                Some(_) => self.overlay = Some(Overlay::Message(0)),
                None => self.status = None,
            },
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
            Action::Filter => {
                if self.data.len(self.screen()) > 0 {
                    self.filtering = true;
                }
            }
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
                None => self.set_status("Nothing here to open in the editor", false),
            },
            Action::Reload => {
                self.set_status("Reloading…", false);
                return Effect::Reload;
            }
            Action::Decide => self.decide(),
            Action::Undo => return self.take_back(),
            // Only a question asks for it; see `handle_key`.
            Action::Confirm => {}
        }
        Effect::None
    }

    /// Keys while help or the message box is open: they scroll it, and
    /// the keys that close or leave close it (`q` too: it closes the box,
    /// as in a pager, rather than quitting from under it).
    fn overlay_key(&mut self, overlay: Overlay, action: Action) {
        let (scroll, wrap): (usize, fn(usize) -> Overlay) = match overlay {
            Overlay::Help(s) => (s, Overlay::Help),
            Overlay::Message(s) => (s, Overlay::Message),
        };
        let page = self.list().page();
        let max = self.overlay_max_scroll.get();
        let moved = |delta: isize| Some(wrap(scroll.saturating_add_signed(delta).min(max)));
        self.overlay = match action {
            Action::Help | Action::Back | Action::Quit | Action::Message | Action::Open => None,
            Action::Up => moved(-1),
            Action::Down => moved(1),
            Action::PageUp => moved(-page),
            Action::PageDown => moved(page),
            Action::Top => Some(wrap(0)),
            Action::Bottom => Some(wrap(max)),
            Action::Scroll(rows) => moved(rows),
            _ => Some(overlay),
        };
    }

    /// Whether `action` does something on the screen as it is: what the
    /// hint bar offers, and what help shows as acting here.
    pub fn acts(&self, action: Action) -> bool {
        let rows = self.list().rows();
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => rows > 1,
            Action::Top | Action::Bottom | Action::Scroll(_) => rows > 1,
            // A History row opens that day's changes, read from the
            // history when asked for rather than a screen known up front.
            Action::Open if self.screen() == Screen::View(View::History) => {
                self.list().selected_item().is_some()
            }
            Action::Open => self
                .list()
                .selected_item()
                .and_then(|item| self.target(item))
                .is_some(),
            Action::Back => {
                !matches!(self.screen(), Screen::View(_)) || !self.list().filter().is_empty()
            }
            Action::Filter => self.data.len(self.screen()) > 1,
            Action::Edit => self.source().is_some(),
            Action::Decide => self.decision().is_ok(),
            Action::Undo => !self.undo.is_empty(),
            Action::Message => self.last.is_some(),
            Action::Confirm => self.pending.is_some(),
            Action::Quit
            | Action::Help
            | Action::Reload
            | Action::NextView
            | Action::PrevView
            | Action::ShowView(_) => true,
            Action::FilterChar(_)
            | Action::FilterBackspace
            | Action::FilterAccept
            | Action::FilterCancel => self.filtering,
        }
    }

    /// The decision `d` would ask about here with its question, or why
    /// there is none (and whether that is an error rather than a hint).
    fn decision(&self) -> Result<(Decision, String), (Msg, bool)> {
        let hint = |text: String| Err((Msg::from(text), false));
        let error = |text: &str| Err((Msg::from(text), true));
        let conflict = match self.screen() {
            Screen::Conflict(c) => self.data.briefing.conflicts.get(c),
            Screen::Shadow(_) => {
                return error("A shadow seat's value is shown, never trusted: nothing to decide");
            }
            _ => {
                let key = self.key_label(Action::Decide);
                return hint(format!(
                    "Open a conflict and select the value to keep, then press {}",
                    key.as_deref().unwrap_or("the decide key")
                ));
            }
        };
        let Some(conflict) = conflict else {
            return error("That conflict is gone");
        };
        let Some(value) = self
            .list()
            .selected_item()
            .and_then(|item| conflict.values.get(item))
        else {
            return hint("Select the value to keep first".into());
        };
        if value.shadow {
            return error("A shadow seat's value is shown, never trusted: keep another");
        }
        let Some(seat) = value.seat.as_deref() else {
            return error("No seat claims the file this value comes from; keep a seat's value");
        };
        let today = self
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let decision = Decision::keep(
            conflict,
            seat,
            self.decided_by.clone(),
            None,
            today.to_string(),
        )
        .map_err(|e| (Msg::from(e), true))?;
        let mut question = format!("Keep {}'s {}", decision.keep, decision.value);
        if let Some(d) = conflict.decision.as_deref()
            && !(d.keep == decision.keep && d.value == decision.value)
        {
            question.push_str(&format!(" instead of {}'s {}", d.keep, d.value));
        }
        question.push('?');
        Ok((decision, question))
    }

    /// `d` in a conflict: asks whether to keep the selected value's seat.
    /// On yes the decision goes to the run loop to record in
    /// briefing.decisions.toml beside the configuration (never under the
    /// state directory; the only file the UI writes), which reports back
    /// through [`App::decided`].
    fn decide(&mut self) {
        match self.decision() {
            Ok((decision, question)) => {
                self.pending = Some(Pending {
                    question,
                    path: decisions::path_beside(&self.data.config),
                    decision,
                });
            }
            Err((msg, error)) => self.set_status(msg, error),
        }
    }

    /// The outcome of recording `decision` in the file at `path`, with
    /// the decision it replaced: on success the briefing reloads, so the
    /// conflict shows as settled, and `u` can take it back; a failure is
    /// a message, and the file is as it was.
    pub fn decided(
        &mut self,
        path: &Path,
        decision: &Decision,
        written: Result<Option<Decision>, Msg>,
    ) -> Effect {
        let replaced = match written {
            Ok(replaced) => replaced,
            Err(msg) => {
                self.set_status(msg, true);
                return Effect::None;
            }
        };
        let what = format!(
            "{} {}",
            self.data.entity_name(&decision.entity),
            decision.field
        );
        // What was kept and where first: on a narrow footer the rest is
        // what gives way.
        let undo_key = self.key_label(Action::Undo);
        let done = Msg::with_path(
            &format!("Kept {}'s {} in ", decision.keep, decision.value),
            &shown_path(path),
            &format!(
                " for {what}{}",
                undo_key
                    .map(|k| format!("; {k} undoes"))
                    .unwrap_or_default()
            ),
        );
        self.undo.push((
            path.to_path_buf(),
            Undo {
                entity: decision.entity.clone(),
                field: decision.field.clone(),
                restore: replaced,
                what,
            },
        ));
        self.set_status(done.clone().suffixed(" (reloading…)"), false);
        self.after_reload = Some(done);
        Effect::Reload
    }

    /// `u`: takes the last decision made since the UI opened back out.
    fn take_back(&mut self) -> Effect {
        match self.undo.pop() {
            Some((path, undo)) => Effect::Undo { path, undo },
            None => {
                self.set_status(
                    "Nothing to undo: no decision made since the briefing opened",
                    false,
                );
                Effect::None
            }
        }
    }

    /// The outcome of taking a decision back: on success the briefing
    /// reloads; on failure it stays undoable.
    pub fn undone(&mut self, path: &Path, undo: Undo, written: Result<(), Msg>) -> Effect {
        if let Err(msg) = written {
            self.set_status(msg, true);
            self.undo.push((path.to_path_buf(), undo));
            return Effect::None;
        }
        let now = match &undo.restore {
            Some(d) => format!("back to keeping {}'s {}", d.keep, d.value),
            None => "open again".to_string(),
        };
        let done = Msg::with_path(
            "Undone in ",
            &shown_path(path),
            &format!(": {} is {now}", undo.what),
        );
        self.set_status(done.clone().suffixed(" (reloading…)"), false);
        self.after_reload = Some(done);
        Effect::Reload
    }

    /// The first key of `action`, as hints name it.
    pub fn key_label(&self, action: Action) -> Option<String> {
        self.keymap
            .keys(action)
            .first()
            .map(|k| k.label(self.theme.glyphs.ascii))
    }

    /// The file and line `e` opens from the current screen.
    fn source(&self) -> Option<(PathBuf, u32)> {
        match self.screen() {
            // Prose screens have no list; the item itself is the source.
            screen @ (Screen::Gap(_) | Screen::Escalation(_)) => self.data.source(screen, 0),
            // A file with no problem to go to opens at its start.
            Screen::File(f) if self.list().rows() == 0 => {
                self.data.source(Screen::View(View::Files), f)
            }
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

    /// Where Enter on `item` of the current screen goes.
    fn target(&self, item: usize) -> Option<Target> {
        let data = &self.data;
        let b = &data.briefing;
        let screen = |s| Some(Target::Screen(s));
        match self.screen() {
            Screen::View(View::Briefing) => match data.brief_item(item)? {
                BriefItem::Alarm(e) => screen(Screen::Escalation(e)),
                BriefItem::Decide(c) | BriefItem::Note(Note::Settled(c)) => {
                    screen(Screen::Conflict(c))
                }
                BriefItem::Note(note) => match note {
                    Note::Escalation(e) => screen(Screen::Escalation(e)),
                    Note::Alert(a) => screen(Screen::Alert(a)),
                    Note::Stale(s) => screen(Screen::Seat(s)),
                    Note::Gaps => Some(Target::View(View::Gaps)),
                    Note::Unreadable(f) | Note::Skipped(f) | Note::Unassigned(f) => {
                        screen(Screen::File(f))
                    }
                    Note::Shadow(c) => screen(Screen::Shadow(c)),
                    Note::Settled(c) => screen(Screen::Conflict(c)),
                },
            },
            Screen::View(View::Conflicts) => data
                .conflict_index(View::Conflicts, item)
                .map(Screen::Conflict)
                .map(Target::Screen),
            Screen::View(View::Entities) => screen(Screen::Entity(item)),
            Screen::View(View::Seats) => screen(Screen::Seat(item)),
            Screen::View(View::Files) => screen(Screen::File(item)),
            Screen::View(View::Gaps) => screen(Screen::Gap(item)),
            s @ (Screen::Conflict(_) | Screen::Shadow(_)) => data
                .screen_conflict(s)
                .and_then(|c| data.entity_with_id(&c.entity))
                .map(|e| Target::Screen(Screen::Entity(e))),
            Screen::Entity(e) => b
                .entities
                .get(e)
                .and_then(|e| e.mentions().get(item))
                .and_then(|m| data.file_row(m.file))
                .map(|f| Target::Screen(Screen::File(f))),
            Screen::Seat(s) => data
                .seat_files
                .get(s)
                .and_then(|f| f.get(item))
                .map(|&f| Target::Screen(Screen::File(f))),
            Screen::Alert(a) => b
                .alerts
                .get(a)
                .and_then(|a| Data::alert_side(a, item))
                .and_then(|side| data.file_row(&side.file))
                .map(|f| Target::Screen(Screen::File(f))),
            Screen::File(_)
            | Screen::Gap(_)
            | Screen::Escalation(_)
            | Screen::Day(_)
            | Screen::View(View::History) => None,
        }
    }

    /// Enter: drill into the selected item.
    fn open(&mut self) {
        let Some(item) = self.list().selected_item() else {
            return;
        };
        match self.target(item) {
            Some(Target::View(view)) => self.show(view),
            // Entity → file → … could cycle through the same screens; a
            // screen already on the trail is shown by going back to it.
            Some(Target::Screen(screen)) if self.trail().any(|s| s == screen) => {
                while self.screen() != screen {
                    self.stack.pop();
                }
            }
            Some(Target::Screen(screen)) => {
                self.filtering = false;
                let list = ListState::new(self.data.len(screen));
                self.stack.push((screen, list));
            }
            None => {
                if self.source().is_some()
                    && let Some(key) = self.key_label(Action::Edit)
                {
                    self.set_status(format!("Press {key} to open it in your editor"), false);
                }
            }
        }
    }

    fn set_filter(&mut self, text: String) {
        let screen = self.screen();
        let list = self.list();
        // One more character typed can only narrow what matches, so only
        // the last candidates need searching: typing stays quick on long
        // lists.
        let within = match list.candidates() {
            Some(c) if text.starts_with(list.filter()) => Some(c.to_vec()),
            _ => None,
        };
        let found = self.matches_within(screen, &text, within);
        self.list_mut().set_filter(text, found);
    }

    /// The items of `screen` matching `filter`, best first, searching only
    /// `within` (in item order) when given; `None` without a filter.
    fn matches_within(
        &self,
        screen: Screen,
        filter: &str,
        within: Option<Vec<usize>>,
    ) -> Option<Found> {
        let query = Query::new(filter);
        if query.is_empty() {
            return None;
        }
        let items = within.unwrap_or_else(|| (0..self.data.len(screen)).collect());
        let mut candidates = Vec::new();
        let judged: Vec<(usize, Judgement)> = items
            .into_iter()
            .filter_map(|i| {
                let judgement = query.judge(&self.data.text(screen, i));
                (judgement != Judgement::Out).then(|| {
                    candidates.push(i);
                    (i, judgement)
                })
            })
            .collect();
        Some(Found {
            matches: ranked(judged),
            candidates,
        })
    }

    /// The outcome of a reload. Each list keeps its filter and its selected
    /// item where the item still exists; a drill-down into something gone
    /// closes with a note.
    pub fn reloaded(&mut self, result: Result<Data, Msg>) {
        let done = self.after_reload.take();
        let data = match result {
            Ok(data) => data,
            Err(msg) => {
                // The error first: the end of a long message is what a
                // narrow footer cuts.
                let done = done.map(|d| format!(" ({})", d.text)).unwrap_or_default();
                self.set_status(
                    msg.prefixed("Reload failed: ")
                        .suffixed(&format!("; still showing the last briefing{done}")),
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
                gone = Some(
                    old.describe(screen)
                        .unwrap_or_else(|| "what was open".into()),
                );
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
            Some(what) => self.set_status(format!("Reloaded: {what} is gone"), false),
            None => self.set_status(done.unwrap_or_else(|| "Reloaded".into()), false),
        }
    }

    /// Gives `list`, showing `screen`, the new data's items, its filter's
    /// new matches, and the selection on the item whose identity is
    /// `selected`.
    fn refresh(&self, screen: Screen, list: &mut ListState, selected: Option<String>) {
        let found = self.matches_within(screen, list.filter(), None);
        let item = selected.and_then(|identity| self.data.find(screen, &identity));
        list.replace(self.data.len(screen), found, item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn deciding_asks_then_returns_the_decision_for_the_run_loop_and_writes_nothing() {
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

        assert_eq!(app.update(Action::Decide), Effect::None);
        assert_eq!(
            app.pending().map(|p| p.question.as_str()),
            Some("Keep deadline-calendar's 2026-12-05?")
        );
        let effect = app.handle_key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE));
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
        assert_eq!(app.pending(), None);
    }
}
