//! The real binary in a pseudo-terminal, read back through a terminal
//! emulator (vt100): open a conflict, edit its source, quit; and a second
//! run ended by SIGTERM. After each, the terminal must be as it was: main
//! screen, cursor shown, mouse reporting off, and cooked mode (checked
//! with `stty` in the same terminal).
#![cfg(unix)]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const ROWS: u16 = 24;
const COLS: u16 = 80;
/// Generous: a cold debug binary on a loaded CI machine.
const TIMEOUT: Duration = Duration::from_secs(60);

struct Session {
    parser: vt100::Parser,
    output: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    /// Everything the program wrote, for what the screen cannot show.
    transcript: Vec<u8>,
    /// How many cursor-position queries were answered.
    answered: usize,
    started: Instant,
    /// The run's own history (`XDG_STATE_HOME`), never the real one.
    _state: tempfile::TempDir,
}

impl Session {
    /// Runs the binary from a shell in a fresh 80×24 terminal. The shell
    /// prints the binary's pid and, after it exits, its status and the
    /// terminal modes `stty` sees, then `END`.
    fn start(args: &str, env: &[(&str, &str)], remove: &[&str]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let script = format!(
            "\"$BIN\" --today 2026-11-24 {args} </dev/tty & pid=$!; echo \"pid=$pid;\"; \
             wait $pid; echo \"exit=$?;\"; \
             stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|isig|opost)' | tr '\\n' ' '; \
             echo; echo END"
        );
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", &script]);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("BIN", env!("CARGO_BIN_EXE_briefing"));
        cmd.env("TERM", "xterm-256color");
        for var in [
            "BRIEFING_CONFIG",
            "XDG_CONFIG_HOME",
            "VISUAL",
            "NO_COLOR",
            "CLICOLOR",
            "CLICOLOR_FORCE",
            "BRIEFING_PROGRESS_DELAY",
        ]
        .iter()
        .chain(remove)
        {
            cmd.env_remove(var);
        }
        let state = tempfile::tempdir().unwrap();
        cmd.env("XDG_STATE_HOME", state.path());
        cmd.env_remove("BRIEFING_HISTORY");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let started = Instant::now();
        let child = pty.slave.spawn_command(cmd).unwrap();
        // The shell holds the terminal now; our copy of the slave would
        // keep the master from ever seeing the end.
        drop(pty.slave);
        std::mem::forget(child);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let (tx, output) = mpsc::channel();
        std::thread::spawn(move || {
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Session {
            parser: vt100::Parser::new(nonzero(ROWS), nonzero(COLS), 0),
            output,
            writer,
            transcript: Vec::new(),
            answered: 0,
            started,
            _state: state,
        }
    }

    /// Takes what the program wrote so far. Answers ratatui's and
    /// crossterm's cursor-position query (`ESC[6n`) like a terminal would.
    fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.output.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.transcript.extend_from_slice(&bytes);
            while let Ok(more) = self.output.try_recv() {
                self.parser.process(&more);
                self.transcript.extend_from_slice(&more);
            }
        }
        let queries = count(&self.transcript, b"\x1b[6n");
        while self.answered < queries {
            self.send(b"\x1b[1;1R");
            self.answered += 1;
        }
    }

    fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Waits until `ready` holds for the screen; fails with the screen.
    fn wait_for(&mut self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) -> Duration {
        let deadline = Instant::now() + TIMEOUT;
        while !ready(self.screen()) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the screen:\n{}",
                self.screen().contents()
            );
            self.pump(Duration::from_millis(50));
        }
        self.started.elapsed()
    }

    /// Waits for every one of `texts`. ratatui writes a frame's changes
    /// top to bottom and a read can end mid-frame, so wait for text from
    /// the bottom of the frame too, not just the top.
    fn wait_for_text(&mut self, texts: &[&str]) -> Duration {
        self.wait_for(&texts.join(" + "), |s| {
            let contents = s.contents();
            texts.iter().all(|t| contents.contains(t))
        })
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// `name=value;` as the shell printed it.
    fn printed(&self, name: &str) -> String {
        let text = String::from_utf8_lossy(&self.transcript);
        let start = text.find(&format!("{name}=")).unwrap() + name.len() + 1;
        text[start..].split(';').next().unwrap().to_string()
    }

    /// After the binary exited: the terminal is as the shell left it.
    fn assert_restored(&mut self) {
        self.wait_for_text(&["END"]);
        let s = self.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor left hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting left on"
        );
        let contents = s.contents();
        let modes = contents
            .lines()
            .find(|l| l.contains("icanon"))
            .unwrap_or_else(|| panic!("no stty output:\n{contents}"));
        for mode in ["isig", "icanon", "echo", "opost"] {
            assert!(
                modes.split_whitespace().any(|m| m == mode),
                "{mode} not restored: {modes}"
            );
        }
    }
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| w == &needle)
        .count()
}

fn state_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-state")
}

#[test]
fn the_binary_in_a_terminal_opens_a_conflict_edits_and_quits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let editor = dir.path().join("editor.sh");
    let record = dir.path().join("editor-args");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n",
            record.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();

    // 1. Open, drill into the first conflict, edit the dissenting source,
    //    come back, quit with q.
    let mut s = Session::start("", &[("EDITOR", editor.to_str().unwrap())], &[]);
    let first_frame = s.wait_for_text(&["DECIDE TODAY", "? help  q quit"]);
    eprintln!("first frame after {first_frame:?} (debug build, process start included)");
    let screen = s.screen().contents();
    assert!(s.screen().alternate_screen());
    assert!(
        screen.contains("Northwind Digital · Tuesday 24 November 2026"),
        "{screen}"
    );
    assert!(
        screen.contains("5 conflicts (▲ 3 high) │ !! 1 overdue"),
        "{screen}"
    );
    assert!(
        screen.contains("› ▲ HIGH Acme Website Redesign · due_date"),
        "{screen}"
    );

    s.send(b"\r");
    s.wait_for_text(&[
        "Dana Ruiz decides",
        "Dissenting: deadline-calendar",
        "Esc back",
    ]);
    let screen = s.screen().contents();
    assert!(screen.contains("★ OWNER    project-tracker"), "{screen}");
    assert!(screen.contains("✗ DISSENT  deadline-calendar"), "{screen}");
    assert!(screen.contains("If project-tracker fails"), "{screen}");

    s.send(b"j");
    s.wait_for("the dissent selected", |sc| {
        sc.contents().lines().any(|l| l.starts_with("› ✗ DISSENT"))
    });
    s.send(b"e");
    // The editor ran with the line and the absolute path, and the UI came
    // back, redrawn, on the alternate screen.
    let deadline = Instant::now() + TIMEOUT;
    while !record.exists() {
        assert!(Instant::now() < deadline, "the editor never ran");
        s.pump(Duration::from_millis(50));
    }
    s.wait_for("the UI back after the editor", |sc| {
        let contents = sc.contents();
        sc.alternate_screen()
            && contents.contains("Dana Ruiz decides")
            && contents.contains("Dissenting: deadline-calendar")
            && contents.contains("Esc back")
    });
    let args = std::fs::read_to_string(&record).unwrap();
    let expected = state_dir().join("deadline-calendar/deadlines.md");
    assert_eq!(args, format!("+18\n{}\n", expected.display()));

    s.send(b"q");
    s.assert_restored();
    assert_eq!(s.printed("exit"), "0");

    // 2. With NO_COLOR and mouse capture on, end it with SIGTERM: the
    //    terminal comes back and the process then dies of the signal.
    let mut s = Session::start("--mouse", &[("NO_COLOR", "1")], &["EDITOR"]);
    s.wait_for_text(&["DECIDE TODAY", "? help  q quit"]);
    let screen = s.screen();
    assert_ne!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "--mouse turns mouse reporting on"
    );
    for row in 0..ROWS {
        for col in 0..COLS {
            let cell = screen.cell(row, col).unwrap();
            assert_eq!(
                cell.fgcolor(),
                vt100::Color::Default,
                "colour at {row},{col}"
            );
            assert_eq!(
                cell.bgcolor(),
                vt100::Color::Default,
                "colour at {row},{col}"
            );
        }
    }
    // Monochrome still marks the selection, in reverse video, and the
    // overdue escalation's bar above it.
    let row = |prefix: &str| {
        let contents = screen.contents();
        let found = contents.lines().position(|l| l.starts_with(prefix));
        found.unwrap_or_else(|| panic!("no row starting {prefix:?}:\n{contents}")) as u16
    };
    assert!(screen.cell(row("› "), 40).unwrap().inverse());
    assert!(screen.cell(row(" !!! OVERDUE"), 40).unwrap().inverse());
    let pid = s.printed("pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    s.assert_restored();
    assert_eq!(s.printed("exit"), "143", "dies of SIGTERM after restoring");
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

/// Whether any cell on the screen has a colour of its own.
fn coloured(screen: &vt100::Screen) -> bool {
    (0..ROWS).any(|row| {
        (0..COLS).any(|col| {
            let cell = screen.cell(row, col).unwrap();
            cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
        })
    })
}

#[test]
fn the_terminal_ui_says_what_it_reads_before_the_first_frame() {
    let mut s = Session::start("", &[], &["EDITOR"]);
    s.wait_for_text(&["DECIDE TODAY", "? help  q quit"]);
    // The loading screen is drawn before the briefing is computed, so it
    // is in what the program wrote before the view.
    // (ratatui moves the cursor over blanks, so the words come apart.)
    let text = String::from_utf8_lossy(&s.transcript).into_owned();
    let reading = text.find("Reading").expect("the loading screen");
    assert!(text[reading..].contains("files"), "{text}");
    let view = text.find("DECIDE TODAY").unwrap();
    assert!(reading < view);
    assert!(
        coloured(s.screen()),
        "colour by default on a colour terminal"
    );
    s.send(b"q");
    s.assert_restored();
    assert_eq!(s.printed("exit"), "0");
}

#[test]
fn a_dumb_or_missing_terminal_gets_the_plain_text() {
    for (env, remove) in [(&[("TERM", "dumb")][..], &[][..]), (&[][..], &["TERM"][..])] {
        let mut s = Session::start("", env, remove);
        s.wait_for_text(&["END"]);
        let text = String::from_utf8_lossy(&s.transcript).into_owned();
        assert!(
            text.contains("Northwind Digital: morning briefing"),
            "{env:?} {remove:?}: {text}"
        );
        assert!(text.contains("DECIDE TODAY\r\n"), "the plain heading");
        assert!(!text.contains("\x1b[?1049h"), "no alternate screen");
        assert!(!text.contains("\x1b[38;5"), "no 256-colour codes");
        assert_eq!(s.printed("exit"), "0");
    }
}

#[test]
fn color_never_and_clicolor_zero_give_the_monochrome_view() {
    for (args, env) in [
        ("--color never", &[][..]),
        ("", &[("CLICOLOR", "0")][..]),
        ("--color=never", &[("CLICOLOR_FORCE", "1")][..]),
    ] {
        let mut s = Session::start(args, env, &["EDITOR"]);
        s.wait_for_text(&["DECIDE TODAY", "? help  q quit"]);
        assert!(!coloured(s.screen()), "{args} {env:?}: colour on screen");
        s.send(b"q");
        s.assert_restored();
    }
    // --color always wins over NO_COLOR.
    let mut s = Session::start("--color always", &[("NO_COLOR", "1")], &["EDITOR"]);
    s.wait_for_text(&["DECIDE TODAY", "? help  q quit"]);
    assert!(coloured(s.screen()));
    s.send(b"q");
    s.assert_restored();
}

#[test]
fn progress_shows_on_a_terminal_stderr_and_is_cleared() {
    let mut s = Session::start(
        "--plain >/dev/null",
        &[("BRIEFING_PROGRESS_DELAY", "0")],
        &[],
    );
    s.wait_for_text(&["END"]);
    let text = String::from_utf8_lossy(&s.transcript).into_owned();
    assert!(text.contains("reading files"), "{text}");
    assert_eq!(s.printed("exit"), "0");
    // Cleared when done: the line it was on is empty again.
    assert!(
        !s.screen().contents().contains("reading files"),
        "{}",
        s.screen().contents()
    );
}
