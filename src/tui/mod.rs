//! The interactive terminal UI: `briefing` with no output flag on a
//! terminal.
//!
//! Keys become [`Action`]s through the [`Keymap`]; [`App::update`] is the
//! only thing that changes state; [`views::render`] draws the state and
//! changes nothing. What an update needs done outside comes back as an
//! [`Effect`], and the run loop here performs it: it owns the terminal and
//! the outside world (key and resize events, the file watcher, background
//! reloads, signals, the editor and the UI's one write, a decision in
//! briefing.decisions.toml) and feeds each outcome back to the app.
//! [`perform`] is the part of it that needs no terminal, so tests run the
//! same code.
//!
//! Signals: SIGTERM, SIGHUP and SIGQUIT (and SIGINT, which raw mode turns
//! into a Ctrl-C key, so it only comes from `kill`) set a flag through
//! `signal-hook`; the loop sees it within one poll tick, gives the
//! terminal back, and then dies of the same signal so the parent sees the
//! usual status. crossterm has no handling of its own for these. A panic
//! restores the terminal from the panic hook before the message prints.
//!
//! A watchdog thread covers the loop being unable to look: crossterm 0.29
//! spins inside `event::poll` once the terminal hangs up (its read of the
//! closed tty returns 0 forever), so after a signal, or once stdout is no
//! longer a terminal, the watchdog waits a moment for the loop and then
//! restores what it can and ends the process itself.

pub mod action;
pub mod app;
pub mod cells;
pub mod data;
mod editor;
pub mod keymap;
pub mod list;
mod loading;
mod term;
pub mod theme;
pub mod views;
mod watch;

pub use action::{Action, View};
pub use app::{App, Effect, Msg};
pub use data::Data;
pub use keymap::Keymap;
pub use loading::first_briefing;
pub use theme::Theme;

use crate::briefing::Briefing;
use crate::briefing::history::Day;
use crate::config::Config;
use crate::decisions::Decisions;
use crate::history::Locator;
use crate::progress::Progress;
use anyhow::Context as _;
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event};
use ratatui::layout::Rect;
use std::io::IsTerminal;
use std::io::{self, Stdout};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

/// How long the loop waits for a key before it looks at the watcher and
/// the signal flag again: short enough that a change shows within a
/// second, long enough to cost nothing while idle.
const TICK: Duration = Duration::from_millis(100);

/// A briefing as the terminal UI shows it: with its history's recorded
/// days, and what went wrong with the history.
pub struct Computed {
    pub briefing: Briefing,
    /// The recorded days, oldest first.
    pub days: Vec<Day>,
    /// The history database, when one is in use.
    pub history: Option<PathBuf>,
    pub warnings: Vec<String>,
}

/// Computes the briefing of `config` for `today`, reading what the latest
/// earlier day said from the history `locator` finds (none without one)
/// and recording today's.
pub fn compute(
    config: &Config,
    today: NaiveDate,
    locator: Option<&Locator>,
    progress: &dyn Progress,
) -> anyhow::Result<Computed> {
    let mut session = crate::history::Session::start(locator, config, today);
    let mut briefing = crate::run_after(config, today, progress, &session.earlier())?;
    session.record(&mut briefing);
    let first = today
        .checked_sub_days(chrono::Days::new(u64::from(config.history_days)))
        .unwrap_or(today);
    let days = session.days(first, today);
    Ok(Computed {
        briefing,
        days,
        history: session.path().map(Path::to_path_buf),
        warnings: session.warnings,
    })
}

/// What the terminal UI starts from.
pub struct Options {
    pub config: Config,
    /// Already computed, so the first frame needs no second read.
    pub computed: Computed,
    /// Where the history is looked for on a reload; `None` with
    /// `--no-history`.
    pub history: Option<Locator>,
    /// `--today`; without it every reload measures against the day it runs.
    pub today: Option<NaiveDate>,
    /// Capture the mouse so the wheel scrolls (`--mouse`).
    pub mouse: bool,
    /// 7-bit glyphs only (`--ascii`).
    pub ascii: bool,
    /// Colours, or the monochrome theme (`--color`, `NO_COLOR`…).
    pub colour: bool,
}

/// What the watcher and reload threads tell the loop.
enum Message {
    Changed,
    Loaded(Box<Result<(Config, Data), Msg>>),
}

/// Runs the terminal UI until the user quits.
pub fn run(options: Options) -> anyhow::Result<()> {
    let Options {
        config,
        computed,
        history,
        today,
        mouse,
        ascii,
        colour,
    } = options;
    let keymap = Keymap::with_overrides(&config.keys);
    // crossterm drops every colour code by itself when NO_COLOR is set;
    // the theme already says whether to use colour (`--color always` wins
    // over NO_COLOR), so crossterm follows it.
    ratatui::crossterm::style::force_color_output(colour);
    let Computed {
        briefing,
        days,
        history: database,
        warnings,
    } = computed;
    let mut app = App::new(
        briefing,
        absolute(&config.state_dir),
        absolute(&config.path),
        today,
        keymap,
        Theme::pick(colour, ascii),
    );
    app.set_history(days, database, warnings);
    let signal = term::signal_flag()?;
    let (tx, rx) = mpsc::channel();
    let mut loop_state = Loop {
        config_path: config.path.clone(),
        state_dir: config.state_dir.clone(),
        history,
        today,
        mouse,
        tx: tx.clone(),
        rx,
        signal: Arc::clone(&signal),
        watch: None,
        reloading: false,
        reload_again: false,
    };
    loop_state.watch(&config, &mut app);

    term::install_panic_hook();
    term::enter(mouse).context("cannot take over the terminal")?;
    let done = Arc::new(AtomicBool::new(false));
    {
        let (signal, done) = (Arc::clone(&signal), Arc::clone(&done));
        std::thread::spawn(move || watchdog(&signal, &done));
    }
    let result = Terminal::new(CrosstermBackend::new(io::stdout()))
        .map_err(anyhow::Error::from)
        .and_then(|mut terminal| loop_state.run(&mut terminal, &mut app));
    let restored = term::restore();
    done.store(true, Ordering::SeqCst);
    drop(loop_state);
    let sig = signal.load(Ordering::SeqCst);
    if sig != 0 {
        // Terminal is back; now end the way the signal asked.
        let _ = signal_hook::low_level::emulate_default_handler(sig as i32);
    }
    result?;
    restored.context("cannot restore the terminal")?;
    Ok(())
}

/// Gives the terminal back if the UI still holds it; does nothing
/// otherwise. For an error on the way in, before [`run`]'s own exits.
pub fn restore_terminal() {
    let _ = term::restore();
}

/// How long the watchdog lets the loop answer a signal or a hang-up on
/// its own (it normally does within one tick).
const GRACE: Duration = Duration::from_secs(1);

/// Ends the process when the loop cannot: see the module comment.
fn watchdog(signal: &AtomicUsize, done: &AtomicBool) {
    let mut since: Option<Instant> = None;
    while !done.load(Ordering::SeqCst) {
        std::thread::sleep(TICK);
        // While the editor has the terminal the loop is waiting for it,
        // and a Ctrl-C there was meant for the editor.
        if !term::is_active() {
            since = None;
            continue;
        }
        let sig = signal.load(Ordering::SeqCst);
        if sig == 0 && io::stdout().is_terminal() {
            since = None;
            continue;
        }
        if since.get_or_insert_with(Instant::now).elapsed() < GRACE {
            continue;
        }
        let _ = term::restore();
        let sig = if sig == 0 {
            signal_hook::consts::SIGHUP
        } else {
            sig as i32
        };
        let _ = signal_hook::low_level::emulate_default_handler(sig);
        std::process::exit(128 + sig);
    }
}

struct Loop {
    config_path: PathBuf,
    state_dir: PathBuf,
    history: Option<Locator>,
    today: Option<NaiveDate>,
    mouse: bool,
    tx: Sender<Message>,
    rx: Receiver<Message>,
    signal: Arc<AtomicUsize>,
    watch: Option<watch::Watch>,
    reloading: bool,
    reload_again: bool,
}

impl Loop {
    fn run(
        &mut self,
        terminal: &mut Terminal<CrosstermBackend<Stdout>>,
        app: &mut App,
    ) -> anyhow::Result<()> {
        let mut redraw = true;
        loop {
            if redraw {
                terminal.draw(|frame| views::render(frame, app))?;
                redraw = false;
            }
            if self.signal.load(Ordering::SeqCst) != 0 {
                return Ok(());
            }
            while let Ok(message) = self.rx.try_recv() {
                self.receive(message, app);
                redraw = true;
            }
            if !event::poll(TICK)? {
                continue;
            }
            // Take every event already queued before drawing, so a burst
            // of keys (a held `j`) costs one frame, not one each.
            loop {
                let mut effect = match event::read()? {
                    Event::Key(key) => app.handle_key(key),
                    Event::Mouse(mouse) => app.handle_mouse(mouse),
                    _ => Effect::None,
                };
                redraw = true;
                // An effect's outcome, fed back to the app, may ask for
                // another: a decision written asks for a reload.
                loop {
                    effect = match effect {
                        Effect::None => break,
                        Effect::Quit => return Ok(()),
                        Effect::Reload => {
                            self.reload();
                            break;
                        }
                        Effect::Edit { path, line } => {
                            self.edit(terminal, app, &path, line)?;
                            break;
                        }
                        other @ (Effect::Decide { .. }
                        | Effect::Undo { .. }
                        | Effect::LoadDay { .. }) => perform(app, other),
                    };
                }
                if !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
    }

    fn receive(&mut self, message: Message, app: &mut App) {
        match message {
            Message::Changed => self.reload(),
            Message::Loaded(result) => {
                self.reloading = false;
                match *result {
                    Ok((config, data)) => {
                        app.keymap = Keymap::with_overrides(&config.keys);
                        if config.state_dir != self.state_dir {
                            self.state_dir = config.state_dir.clone();
                            self.watch(&config, app);
                        }
                        app.reloaded(Ok(data));
                    }
                    Err(message) => app.reloaded(Err(message)),
                }
                if std::mem::take(&mut self.reload_again) {
                    self.reload();
                }
            }
        }
    }

    /// Watches the state directory and the config file; without a watcher
    /// the UI still works, and `r` still reloads.
    fn watch(&mut self, config: &Config, app: &mut App) {
        self.watch = None;
        let tx = self.tx.clone();
        match watch::start(&config.state_dir, &config.path, move || {
            let _ = tx.send(Message::Changed);
        }) {
            Ok(w) => self.watch = Some(w),
            Err(e) => app.set_status(
                format!("Not watching for changes ({e}); press r to reload"),
                true,
            ),
        }
    }

    /// Reads the configuration and the state files again on a thread of
    /// its own, so keys keep working during a slow read. A change during
    /// a reload queues one more.
    fn reload(&mut self) {
        if self.reloading {
            self.reload_again = true;
            return;
        }
        self.reloading = true;
        let path = self.config_path.clone();
        let today = self.today;
        let history = self.history.clone();
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let result = load(&path, today, history.as_ref());
            let _ = tx.send(Message::Loaded(Box::new(result)));
        });
    }

    /// Gives the terminal to the editor and takes it back, redrawn.
    fn edit(
        &mut self,
        terminal: &mut Terminal<CrosstermBackend<Stdout>>,
        app: &mut App,
        path: &Path,
        line: u32,
    ) -> anyhow::Result<()> {
        term::restore().context("cannot restore the terminal for the editor")?;
        let result = editor::open(path, line);
        // Ctrl-C typed in an editor that leaves the terminal cooked reaches
        // us too; it was meant for the editor.
        let _ = self.signal.compare_exchange(
            signal_hook::consts::SIGINT as usize,
            0,
            Ordering::SeqCst,
            Ordering::SeqCst,
        );
        term::enter(self.mouse).context("cannot take the terminal back")?;
        // A resize to the same size clears the screen and forgets what was
        // drawn, so the next frame repaints everything the editor covered.
        let size = terminal.size()?;
        terminal.resize(Rect::new(0, 0, size.width, size.height))?;
        if let Err(message) = result {
            app.set_status(message, true);
        }
        Ok(())
    }
}

/// Performs the effects that need neither the terminal nor a thread of the
/// run loop (recording a decision, taking one back) and tells `app` how it
/// went, returning the effect that follows. Any other effect is returned
/// as it is, for the loop.
pub fn perform(app: &mut App, effect: Effect) -> Effect {
    let config = app.data.config.clone();
    match effect {
        Effect::Decide { path, decision } => {
            let written = change(&path, &config, |all| all.record(decision.clone()));
            app.decided(&path, &decision, written)
        }
        Effect::Undo { path, undo } => {
            let written = change(&path, &config, |all| {
                all.remove(&undo.entity, &undo.field);
                if let Some(earlier) = &undo.restore {
                    all.record(earlier.clone());
                }
            });
            app.undone(&path, undo, written.map(|_| ()))
        }
        Effect::LoadDay { path, date } => {
            app.day_loaded(date, crate::history::changes_on(&path, date));
            Effect::None
        }
        other => other,
    }
}

/// Changes the decisions file at `path` (beside `config`) by `edit`,
/// atomically: on any failure the file is as it was, and the message says
/// so.
fn change<T>(path: &Path, config: &Path, edit: impl FnOnce(&mut Decisions) -> T) -> Result<T, Msg> {
    let mut all = Decisions::load(path).map_err(|e| config_error(&e))?;
    let out = edit(&mut all);
    all.save(path, config).map_err(|e| {
        Msg::with_path(
            "Cannot write ",
            &cells::shown_path(path),
            &format!(": {e}; it is unchanged"),
        )
    })?;
    Ok(out)
}

/// A configuration or decisions file's error, its path shortened.
fn config_error(e: &crate::config::ConfigError) -> Msg {
    let mut place = cells::shown_path(&e.path);
    if let Some(line) = e.line {
        place.push_str(&format!(":{line}"));
        if let Some(column) = e.column {
            place.push_str(&format!(":{column}"));
        }
    }
    Msg::with_path("", &place, &format!(": {}", e.message))
}

fn load(
    path: &Path,
    today: Option<NaiveDate>,
    history: Option<&Locator>,
) -> Result<(Config, Data), Msg> {
    let config = Config::load(path).map_err(|e| config_error(&e))?;
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let computed = compute(&config, today, history, &crate::progress::Silent)
        .map_err(|e| Msg::from(format!("{e:#}")))?;
    let mut data = Data::new(
        computed.briefing,
        absolute(&config.state_dir),
        absolute(&config.path),
    );
    data.set_history(computed.days, computed.history, computed.warnings);
    Ok((config, data))
}

/// `--config briefing.toml` makes a relative state directory; the editor
/// gets absolute paths all the same.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
