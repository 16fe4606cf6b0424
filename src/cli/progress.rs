//! Progress on stderr for a run that takes a while: the phase, files read
//! and mentions found, as one line `indicatif` keeps redrawing, and clears
//! when the run is done. It shows only on a terminal, and only once a run
//! has gone on for half a second, so quick runs and pipes see nothing.

use briefing::progress::{Phase, Progress};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long a run goes before progress shows.
const DELAY: Duration = Duration::from_millis(500);

/// Progress on stderr; [`Bar::finish`] clears it.
pub struct Bar {
    bar: ProgressBar,
    stop: Option<mpsc::Sender<()>>,
    timer: Option<JoinHandle<()>>,
}

impl Bar {
    /// A bar that shows after the delay if `show` (stderr is a terminal
    /// that can redraw a line), else one that never shows.
    /// `BRIEFING_PROGRESS_DELAY` (milliseconds) changes the delay.
    pub fn start(show: bool) -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} [{elapsed}]") {
            bar.set_style(style);
        }
        bar.set_message("reading files");
        if !show {
            return Bar {
                bar,
                stop: None,
                timer: None,
            };
        }
        let delay = std::env::var("BRIEFING_PROGRESS_DELAY")
            .ok()
            .and_then(|ms| ms.trim().parse().ok())
            .map_or(DELAY, Duration::from_millis);
        if delay.is_zero() {
            show_now(&bar);
            return Bar {
                bar,
                stop: None,
                timer: None,
            };
        }
        let (stop, stopped) = mpsc::channel();
        let timer = {
            let bar = bar.clone();
            std::thread::spawn(move || {
                // Told to stop before the delay is up: the run was quick.
                if stopped.recv_timeout(delay) == Err(RecvTimeoutError::Timeout) {
                    show_now(&bar);
                }
            })
        };
        Bar {
            bar,
            stop: Some(stop),
            timer: Some(timer),
        }
    }

    /// Clears the line; nothing stays on stderr. The timer is done with
    /// before, so it cannot show the bar again after.
    pub fn finish(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(timer) = self.timer.take() {
            let _ = timer.join();
        }
        self.bar.finish_and_clear();
    }
}

/// Draws the bar at once, and keeps its spinner turning from then on.
fn show_now(bar: &ProgressBar) {
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar.tick();
    bar.enable_steady_tick(Duration::from_millis(100));
}

impl Progress for Bar {
    fn phase(&self, phase: Phase) {
        let mentions = self.bar.position();
        let files = self.bar.length().unwrap_or(0);
        self.bar.set_message(match phase {
            Phase::Reading => "reading files".to_string(),
            Phase::Reconciling => format!("{files} files read; matching {mentions} mentions"),
            Phase::Analysing => {
                format!("{files} files read; finding conflicts among {mentions} mentions")
            }
        });
    }

    fn files(&self, done: usize, total: usize, mentions: usize) {
        // The bar's position and length hold the counts for later phases'
        // messages; the template shows only the message.
        self.bar.set_length(total as u64);
        self.bar.set_position(mentions as u64);
        self.bar.set_message(format!(
            "reading files: {done} of {total} read, {mentions} mentions"
        ));
    }
}
