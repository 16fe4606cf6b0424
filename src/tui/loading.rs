//! The first screen, while the first briefing is computed: "Reading 120 of
//! 1066 files", then the later phases, instead of a blank terminal. `q`,
//! Esc or Ctrl-C quit at once, and a signal restores the terminal first,
//! as in the view itself.

use super::term;
use crate::progress::{Phase, Progress};
use anyhow::Context as _;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// How often the screen is redrawn at most while files are read.
const FRAME: Duration = Duration::from_millis(50);

enum Update {
    Phase(Phase),
    Files {
        done: usize,
        total: usize,
        mentions: usize,
    },
}

struct Channel(Sender<Update>);

impl Progress for Channel {
    fn phase(&self, phase: Phase) {
        let _ = self.0.send(Update::Phase(phase));
    }

    fn files(&self, done: usize, total: usize, mentions: usize) {
        let _ = self.0.send(Update::Files {
            done,
            total,
            mentions,
        });
    }
}

/// What the screen says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shown {
    phase: Phase,
    done: usize,
    total: usize,
    mentions: usize,
}

impl Shown {
    fn text(&self, ellipsis: &str) -> String {
        match self.phase {
            Phase::Reading if self.total == 0 => format!("Reading files{ellipsis}"),
            Phase::Reading => format!(
                "Reading {} of {} files{ellipsis} {} mentions so far",
                self.done, self.total, self.mentions
            ),
            Phase::Reconciling => format!(
                "Read {} files. Matching {} mentions{ellipsis}",
                self.total, self.mentions
            ),
            Phase::Analysing => format!(
                "Read {} files. Finding conflicts among {} mentions{ellipsis}",
                self.total, self.mentions
            ),
        }
    }
}

/// Takes the terminal over at once, computes the first briefing with
/// `compute` on a thread of its own while showing how far it has got, and
/// returns it with the terminal still taken, for [`super::run`] to draw on.
/// On an error the terminal is given back before the error returns.
pub fn first_briefing<T, F>(ascii: bool, compute: F) -> anyhow::Result<T>
where
    T: Send,
    F: FnOnce(&dyn Progress) -> anyhow::Result<T> + Send,
{
    let signal = term::signal_flag()?;
    term::install_panic_hook();
    term::enter(false).context("cannot take over the terminal")?;
    let result: anyhow::Result<anyhow::Result<T>> = std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        let (done_tx, done_rx) = mpsc::channel();
        scope.spawn(move || {
            let result = compute(&Channel(tx));
            let _ = done_tx.send(result);
        });
        let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        let ellipsis = if ascii { "..." } else { "…" };
        let mut shown = Shown {
            phase: Phase::Reading,
            done: 0,
            total: 0,
            mentions: 0,
        };
        let mut drawn: Option<(Shown, Instant)> = None;
        loop {
            let due = drawn.is_none_or(|(last, at)| {
                last.phase != shown.phase || (last != shown && at.elapsed() >= FRAME)
            });
            if due {
                draw(&mut terminal, &shown.text(ellipsis))?;
                drawn = Some((shown, Instant::now()));
            }
            match done_rx.recv_timeout(Duration::from_millis(10)) {
                Ok(result) => {
                    // The view starts from a clear screen, not this one.
                    terminal.clear()?;
                    return Ok(result);
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    anyhow::bail!("the first briefing stopped without a result")
                }
            }
            while let Ok(update) = rx.try_recv() {
                match update {
                    Update::Phase(phase) => shown.phase = phase,
                    Update::Files {
                        done,
                        total,
                        mentions,
                    } => {
                        shown.done = done;
                        shown.total = total;
                        shown.mentions = mentions;
                    }
                }
            }
            quit_if_asked(&signal)?;
        }
    });
    match result {
        Ok(Ok(briefing)) => Ok(briefing),
        Ok(Err(e)) | Err(e) => {
            let _ = term::restore();
            Err(e)
        }
    }
}

fn draw(terminal: &mut Terminal<CrosstermBackend<io::Stdout>>, text: &str) -> io::Result<()> {
    terminal.draw(|frame| {
        let area = frame.area();
        let [_, middle, _] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(2),
            Constraint::Fill(1),
        ])
        .areas(area);
        let lines = vec![
            Line::styled("briefing", Style::new().add_modifier(Modifier::BOLD)).centered(),
            Line::raw(text.to_string()).centered(),
        ];
        frame.render_widget(Paragraph::new(lines), middle);
    })?;
    Ok(())
}

/// A quit key or a signal ends the process here: the computation has no
/// side effects to wait for, since a briefing only reads.
fn quit_if_asked(signal: &AtomicUsize) -> anyhow::Result<()> {
    let sig = signal.load(Ordering::SeqCst);
    if sig != 0 {
        let _ = term::restore();
        let _ = signal_hook::low_level::emulate_default_handler(sig as i32);
        std::process::exit(128 + sig as i32);
    }
    while event::poll(Duration::ZERO)? {
        if let Event::Key(key) = event::read()? {
            let ctrl_c =
                key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
            let quit = matches!(key.code, KeyCode::Char('q') | KeyCode::Esc) || ctrl_c;
            if key.kind != KeyEventKind::Release && quit {
                term::restore().context("cannot restore the terminal")?;
                std::process::exit(0);
            }
        }
    }
    Ok(())
}
