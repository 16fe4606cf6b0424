//! Drawing: one module per screen, all reading the [`App`] and none
//! changing it (apart from the scroll positions a list keeps in cells).

mod alarm;
mod alert;
mod also;
mod briefing;
mod chrome;
mod conflict;
mod conflicts;
mod decision;
mod entities;
mod entity;
mod escalation;
mod file;
mod files;
mod gap;
mod gaps;
mod header;
mod help;
mod history;
mod prose;
mod seat;
mod seats;
pub mod table;

use super::action::View;
use super::app::{App, Overlay};
use super::data::Screen;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout};

/// Below this the screens cannot say anything useful; "terminal too
/// small" is shown instead.
pub const MIN_SIZE: (u16, u16) = (40, 10);

/// Draws the whole screen for `app`.
pub fn render(frame: &mut Frame, app: &App) {
    draw(frame, app);
    if app.theme.glyphs.ascii {
        seven_bits(frame.buffer_mut());
    }
}

fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        chrome::too_small(frame, area, &app.theme, MIN_SIZE);
        return;
    }
    let prompt = app.filtering() || !app.list().filter().is_empty();
    let [top, tabs, body, prompt_area, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(u16::from(prompt)),
        Constraint::Length(1),
    ])
    .areas(area);
    header::render(frame, top, app);
    chrome::tabs(frame, tabs, app);
    match app.screen() {
        Screen::View(View::Briefing) => briefing::render(frame, body, app),
        Screen::View(View::Conflicts) => conflicts::render(frame, body, app),
        Screen::View(View::Entities) => entities::render(frame, body, app),
        Screen::View(View::Seats) => seats::render(frame, body, app),
        Screen::View(View::Files) => files::render(frame, body, app),
        Screen::View(View::Gaps) => gaps::render(frame, body, app),
        Screen::View(View::History) => history::render(frame, body, app),
        screen @ (Screen::Conflict(_) | Screen::Shadow(_)) => {
            conflict::render(frame, body, app, screen)
        }
        Screen::Entity(i) => entity::render(frame, body, app, i),
        Screen::Seat(i) => seat::render(frame, body, app, i),
        Screen::File(i) => file::render(frame, body, app, i),
        Screen::Gap(i) => gap::render(frame, body, app, i),
        Screen::Alert(i) => alert::render(frame, body, app, i),
        Screen::Escalation(i) => escalation::render(frame, body, app, i),
        Screen::Day(i) => history::render_day(frame, body, app, i),
    }
    if prompt {
        chrome::prompt(frame, prompt_area, app);
    }
    // A box leaves the footer's row alone; drawn first, it has found how
    // far it scrolls when the footer says whether it does.
    match app.overlay() {
        Some(Overlay::Help(scroll)) => help::render(frame, area, app, scroll),
        Some(Overlay::Message(scroll)) => help::message(frame, area, app, scroll),
        None => {}
    }
    chrome::footer(frame, footer, app);
}

/// `--ascii`: the screens' own glyphs are 7-bit already; this folds what
/// came from state files (`Café` to `Cafe`, anything without a 7-bit
/// likeness to `?`), one cell at a time so nothing moves.
fn seven_bits(buffer: &mut Buffer) {
    for cell in buffer.content.iter_mut() {
        let symbol = cell.symbol();
        if !symbol.is_ascii() {
            let folded = crate::text::to_ascii(symbol);
            let c = folded
                .chars()
                .find(|c| !c.is_ascii_control())
                .unwrap_or('?');
            cell.set_char(c);
        }
    }
}
