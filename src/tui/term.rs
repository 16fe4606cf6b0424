//! Taking the terminal over and giving it back. Every way out — a normal
//! quit, an error, a panic, a signal, and the suspension around `$EDITOR` —
//! goes through [`restore`], which undoes exactly what [`enter`] did.

use anyhow::Context;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{self, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Whether the terminal is ours right now (raw mode, alternate screen).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether [`enter`] turned mouse capture on, so restoring turns it off.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Raw mode, the alternate screen and, when asked for, mouse capture.
/// When the terminal is already taken (by the loading screen), only the
/// mouse is left to turn on.
pub fn enter(mouse: bool) -> io::Result<()> {
    let already = ACTIVE.swap(true, Ordering::SeqCst);
    MOUSE.store(mouse, Ordering::SeqCst);
    if !already {
        enable_raw_mode()?;
        execute!(stdout(), EnterAlternateScreen)?;
    }
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Gives the terminal back as it was. Safe to call twice, and from the
/// panic hook: it does nothing when the terminal is not ours.
pub fn restore() -> io::Result<()> {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    // Raw mode first: it has the most visible side effects if left on.
    let raw = disable_raw_mode();
    let mut out = stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let screen = execute!(out, LeaveAlternateScreen, Show);
    raw.and(screen)
}

/// Whether the UI holds the terminal (not before, after, or while the
/// editor has it).
pub fn is_active() -> bool {
    ACTIVE.load(Ordering::SeqCst)
}

/// Restores the terminal before the default hook prints a panic, so the
/// message lands on the normal screen and the shell is usable after.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = restore();
        previous(info);
    }));
}

/// A flag that SIGTERM, SIGHUP, SIGQUIT and SIGINT set to their number
/// instead of ending the process, so the terminal is given back first and
/// the process then dies of the same signal.
pub fn signal_flag() -> anyhow::Result<Arc<AtomicUsize>> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGQUIT,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)
            .context("cannot install signal handlers")?;
    }
    Ok(signal)
}
