//! What the terminal can take: whether to open the interactive view, and
//! whether to use colour.
//!
//! Colour follows the conventions in the order `anstream` (and so clap's
//! own help and errors) reads them: `--color always|never` first; then a
//! non-empty `NO_COLOR` turns colour off (<https://no-color.org>); then
//! `CLICOLOR_FORCE` set to anything but `0` or empty turns it on even off a
//! terminal, and `CLICOLOR=0` turns it off (<https://bixense.com/clicolors>);
//! else colour goes to a terminal whose `TERM` is not `dumb`.

use super::args::ColorWhen;
use std::ffi::OsStr;

/// The environment variables the decisions read, passed in so tests can
/// give their own.
pub struct Env<'a> {
    pub term: Option<&'a OsStr>,
    pub no_color: Option<&'a OsStr>,
    pub clicolor: Option<&'a OsStr>,
    pub clicolor_force: Option<&'a OsStr>,
}

/// Owned copies of the process's variables, for [`Env`] to borrow.
pub struct ProcessEnv {
    vars: [Option<std::ffi::OsString>; 4],
}

impl ProcessEnv {
    pub fn read() -> Self {
        let var = std::env::var_os;
        Self {
            vars: [
                var("TERM"),
                var("NO_COLOR"),
                var("CLICOLOR"),
                var("CLICOLOR_FORCE"),
            ],
        }
    }

    pub fn env(&self) -> Env<'_> {
        let [term, no_color, clicolor, clicolor_force] = &self.vars;
        Env {
            term: term.as_deref(),
            no_color: no_color.as_deref(),
            clicolor: clicolor.as_deref(),
            clicolor_force: clicolor_force.as_deref(),
        }
    }
}

fn set(v: Option<&OsStr>) -> bool {
    v.is_some_and(|v| !v.is_empty())
}

impl Env<'_> {
    /// A terminal that can run a full-screen view: `TERM` is set and not
    /// `dumb`. Windows consoles set no `TERM`, so there only `dumb` counts.
    pub fn capable_terminal(&self) -> bool {
        match self.term {
            Some(term) => !term.is_empty() && term != "dumb",
            None => cfg!(windows),
        }
    }

    /// Whether output to a stream (`is_terminal`) gets colour.
    pub fn colour(&self, when: ColorWhen, is_terminal: bool) -> bool {
        match when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                if set(self.no_color) {
                    false
                } else if set(self.clicolor_force) && self.clicolor_force != Some(OsStr::new("0")) {
                    true
                } else if self.clicolor == Some(OsStr::new("0")) {
                    false
                } else {
                    is_terminal && self.capable_terminal()
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(
        term: Option<&'a str>,
        no_color: Option<&'a str>,
        clicolor: Option<&'a str>,
        force: Option<&'a str>,
    ) -> Env<'a> {
        Env {
            term: term.map(OsStr::new),
            no_color: no_color.map(OsStr::new),
            clicolor: clicolor.map(OsStr::new),
            clicolor_force: force.map(OsStr::new),
        }
    }

    #[test]
    fn dumb_or_missing_term_is_not_capable() {
        assert!(env(Some("xterm-256color"), None, None, None).capable_terminal());
        assert!(!env(Some("dumb"), None, None, None).capable_terminal());
        assert!(!env(Some(""), None, None, None).capable_terminal());
        assert_eq!(
            env(None, None, None, None).capable_terminal(),
            cfg!(windows)
        );
    }

    #[test]
    fn colour_follows_the_conventions_in_order() {
        use ColorWhen::*;
        let xterm = Some("xterm");
        // A terminal gets colour; a pipe does not.
        assert!(env(xterm, None, None, None).colour(Auto, true));
        assert!(!env(xterm, None, None, None).colour(Auto, false));
        assert!(!env(Some("dumb"), None, None, None).colour(Auto, true));
        // NO_COLOR, when not empty, wins over CLICOLOR_FORCE but not --color.
        assert!(!env(xterm, Some("1"), None, None).colour(Auto, true));
        assert!(env(xterm, Some(""), None, None).colour(Auto, true));
        assert!(!env(xterm, Some("1"), None, Some("1")).colour(Auto, true));
        assert!(env(xterm, Some("1"), None, None).colour(Always, true));
        // CLICOLOR_FORCE forces colour even into a pipe, unless it is 0.
        assert!(env(xterm, None, None, Some("1")).colour(Auto, false));
        assert!(!env(xterm, None, None, Some("0")).colour(Auto, false));
        // CLICOLOR=0 turns it off; other values leave the terminal to decide.
        assert!(!env(xterm, None, Some("0"), None).colour(Auto, true));
        assert!(env(xterm, None, Some("1"), None).colour(Auto, true));
        assert!(!env(xterm, None, Some("1"), None).colour(Auto, false));
        assert!(!env(xterm, None, None, None).colour(Never, true));
    }
}
