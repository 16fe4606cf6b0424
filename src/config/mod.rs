//! `briefing.toml`: where it is found, what it may say, and the errors that
//! name the file, line and key when it says something wrong. It is parsed
//! once into what the rest of the program uses: globs compiled, patterns
//! parsed, each with the line it is written on, and `[keys]` checked.

mod discover;
mod globs;
pub mod keys;
mod pattern;

pub use discover::{ConfigSource, discover};
pub use globs::{GlobEntry, Globs};
pub use pattern::{FactPattern, PatternEntry};

use crate::diag::LineIndex;
use crate::normalize::{DateOrder, FieldType, parse_duration};
use crate::text::sanitize;
use chrono::Duration;
use globset::Glob;
use keys::{KeyOverrides, RawKeys};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A configuration the briefing can run on, with paths made absolute.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from.
    pub path: PathBuf,
    pub org: String,
    pub state_dir: PathBuf,
    pub date_order: Option<DateOrder>,
    pub match_threshold: f64,
    /// `[briefing] ignore`: state files the walk skips.
    pub ignore: Globs,
    pub seats: Vec<Seat>,
    /// Every seat's `files` globs, seat after seat in the order the file
    /// lists them, compiled together: a state file belongs to the seat of
    /// the first glob that matches it ([`Config::seat_of_file`]).
    pub seat_files: Globs,
    pub kinds: BTreeMap<String, KindConfig>,
    pub fields: BTreeMap<String, FieldConfig>,
    pub statuses: BTreeMap<String, Vec<String>>,
    pub aliases: Vec<Alias>,
    pub alerts: Vec<Alert>,
    /// `[keys]`: the terminal UI's key bindings, checked here so a typo
    /// fails every command, not only the terminal UI.
    pub keys: KeyOverrides,
    /// `[email]`: the addresses and subject `--email` uses when no flag
    /// gives them.
    pub email: EmailConfig,
    /// `[briefing] history`: the history database, when the file names
    /// one (relative paths made absolute from the file's folder).
    pub history: Option<PathBuf>,
    /// `[briefing] history_days`: how many days of history are kept.
    pub history_days: u32,
}

/// How many days of history are kept when the file does not say.
pub const DEFAULT_HISTORY_DAYS: u32 = 400;

/// `[email]`, each address with its line so a bad one can be located.
#[derive(Debug, Clone, Default)]
pub struct EmailConfig {
    pub from: Option<(String, u32)>,
    pub to: Vec<(String, u32)>,
    pub subject: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Seat {
    pub name: String,
    pub owner: Option<String>,
    pub purpose: Option<String>,
    /// Where this seat's `files` globs sit in [`Config::seat_files`]; see
    /// [`Config::files_of`].
    pub files: Range<usize>,
    pub owns: Vec<PatternEntry>,
    pub not_owns: Vec<PatternEntry>,
    pub on_failure: Option<String>,
    pub escalate_to: Option<String>,
    pub cadence: Option<Duration>,
    /// As written, for messages (`1d`).
    pub cadence_text: Option<String>,
    pub shadow: bool,
    /// Overrides `[briefing] date_order` for this seat's files.
    pub date_order: Option<DateOrder>,
    /// Line of the `[[seat]]` header, so a gap can name the line to change.
    pub line: u32,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindConfig {
    #[serde(default)]
    pub aka: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldConfig {
    #[serde(default)]
    pub aka: Vec<String>,
    #[serde(rename = "type")]
    pub field_type: Option<FieldType>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    pub kind: String,
    pub name: String,
    pub aka: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alert {
    pub name: String,
    pub kind: String,
    /// Numerator field, then denominator field.
    pub ratio: [String; 2],
    pub over_pct: f64,
}

/// A configuration problem: exit code 2, and the message names where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    briefing: RawBriefing,
    #[serde(default, rename = "seat")]
    seats: Vec<toml::Spanned<RawSeat>>,
    #[serde(default)]
    kinds: BTreeMap<String, KindConfig>,
    #[serde(default)]
    fields: BTreeMap<String, FieldConfig>,
    #[serde(default)]
    statuses: BTreeMap<String, Vec<String>>,
    #[serde(default, rename = "alias")]
    aliases: Vec<Alias>,
    #[serde(default, rename = "alert")]
    alerts: Vec<toml::Spanned<Alert>>,
    #[serde(default)]
    keys: RawKeys,
    #[serde(default)]
    email: RawEmail,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEmail {
    from: Option<toml::Spanned<String>>,
    to: Option<toml::Spanned<OneOrMany>>,
    subject: Option<String>,
}

/// `to = "a@example.com"` or `to = ["a@example.com", "b@example.com"]`,
/// each address of a list with its own position.
enum OneOrMany {
    One(String),
    Many(Vec<toml::Spanned<String>>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OneOrMany;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an address or a list of addresses")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<OneOrMany, A::Error> {
                let mut list = Vec::new();
                while let Some(address) = seq.next_element::<toml::Spanned<String>>()? {
                    list.push(address);
                }
                Ok(OneOrMany::Many(list))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBriefing {
    #[serde(default)]
    org: Option<String>,
    #[serde(default)]
    state_dir: Option<String>,
    date_order: Option<DateOrder>,
    match_threshold: Option<toml::Spanned<f64>>,
    #[serde(default)]
    ignore: Vec<toml::Spanned<String>>,
    history: Option<String>,
    history_days: Option<toml::Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeat {
    name: String,
    owner: Option<String>,
    purpose: Option<String>,
    #[serde(default)]
    files: Vec<toml::Spanned<String>>,
    #[serde(default)]
    owns: Vec<toml::Spanned<String>>,
    #[serde(default)]
    not_owns: Vec<toml::Spanned<String>>,
    on_failure: Option<String>,
    escalate_to: Option<String>,
    cadence: Option<toml::Spanned<String>>,
    #[serde(default)]
    shadow: bool,
    date_order: Option<DateOrder>,
}

/// The similarity a fuzzy name match needs when the file does not say.
pub const DEFAULT_MATCH_THRESHOLD: f64 = 0.88;

impl Config {
    /// Reads and checks the configuration at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: format!("cannot read the configuration: {e}"),
        })?;
        Self::parse(&text, path)
    }

    /// Parses configuration text; `path` locates relative paths and names
    /// the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        // Errors quote the file (a glob, a seat's name) and the messages
        // of the parsers that read it; a control character in either must
        // not reach the terminal.
        Self::parse_text(text, path).map_err(|mut e| {
            if let Cow::Owned(clean) = sanitize(&e.message) {
                e.message = clean;
            }
            e
        })
    }

    fn parse_text(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let lines = LineIndex::new(text);
        let error_at = |span: Option<Range<usize>>, message: String| {
            let pos = span.map(|s| lines.pos(s.start));
            ConfigError {
                path: path.to_path_buf(),
                line: pos.map(|p| p.line),
                column: pos.map(|p| p.column),
                message,
            }
        };
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| error_at(e.span(), plain_toml_message(&e)))?;
        let base = path.parent().unwrap_or(Path::new("."));

        let match_threshold = match raw.briefing.match_threshold {
            Some(t) if !(0.0..=1.0).contains(t.get_ref()) => {
                return Err(error_at(
                    Some(t.span()),
                    format!(
                        "match_threshold must be between 0 and 1, not {}",
                        t.get_ref()
                    ),
                ));
            }
            Some(t) => t.into_inner(),
            None => DEFAULT_MATCH_THRESHOLD,
        };

        let history_days = match raw.briefing.history_days {
            Some(d) if !(1..=100_000).contains(d.get_ref()) => {
                return Err(error_at(
                    Some(d.span()),
                    format!(
                        "history_days must be a number of days from 1 to 100000, not {}",
                        d.get_ref()
                    ),
                ));
            }
            Some(d) => d.into_inner() as u32,
            None => DEFAULT_HISTORY_DAYS,
        };

        // A glob parsed, with the line it is on; `what` names it in errors.
        let glob = |g: &toml::Spanned<String>, what: String| {
            let parsed = Glob::new(g.get_ref())
                .map_err(|e| error_at(Some(g.span()), format!("{what}: {e}")))?;
            let entry = GlobEntry {
                text: g.get_ref().clone(),
                line: lines.pos(g.span().start).line,
            };
            Ok::<_, ConfigError>((entry, parsed))
        };
        // A list compiled; a glob that parsed and still does not compile
        // is named with its line.
        let compile = |globs, what: &str| {
            Globs::compile(globs).map_err(|(entry, e): globs::CompileError| ConfigError {
                path: path.to_path_buf(),
                line: Some(entry.line),
                column: None,
                message: format!("{what} glob `{}` cannot be compiled: {e}", entry.text),
            })
        };

        let mut seats: Vec<Seat> = Vec::with_capacity(raw.seats.len());
        let mut seat_globs = Vec::new();
        for spanned in raw.seats {
            let line = lines.pos(spanned.span().start).line;
            let seat = spanned.into_inner();
            if seats.iter().any(|s| s.name == seat.name) {
                return Err(ConfigError {
                    path: path.to_path_buf(),
                    line: Some(line),
                    column: None,
                    message: format!("seat `{}` is declared twice", seat.name),
                });
            }
            let patterns = |list: Vec<toml::Spanned<String>>, list_name: &str| {
                list.into_iter()
                    .map(|p| {
                        let pattern = FactPattern::parse(p.get_ref()).map_err(|why| {
                            error_at(
                                Some(p.span()),
                                format!("seat `{}`: {list_name} pattern {why}", seat.name),
                            )
                        })?;
                        let line = lines.pos(p.span().start).line;
                        Ok(PatternEntry { pattern, line })
                    })
                    .collect::<Result<Vec<_>, ConfigError>>()
            };
            let owns = patterns(seat.owns, "owns")?;
            let not_owns = patterns(seat.not_owns, "not_owns")?;
            let first_glob = seat_globs.len();
            for g in &seat.files {
                let what = format!("seat `{}`: bad files glob", seat.name);
                seat_globs.push(glob(g, what)?);
            }
            let cadence = match &seat.cadence {
                Some(c) => Some(parse_duration(c.get_ref()).ok_or_else(|| {
                    error_at(
                        Some(c.span()),
                        format!(
                            "seat `{}`: cadence `{}` is not a duration like 1d, 12h or 1w",
                            seat.name,
                            c.get_ref()
                        ),
                    )
                })?),
                None => None,
            };
            seats.push(Seat {
                name: seat.name,
                owner: seat.owner.filter(|o| !o.trim().is_empty()),
                purpose: seat.purpose,
                files: first_glob..seat_globs.len(),
                owns,
                not_owns,
                on_failure: seat.on_failure.filter(|o| !o.trim().is_empty()),
                escalate_to: seat.escalate_to,
                cadence,
                cadence_text: seat.cadence.map(toml::Spanned::into_inner),
                shadow: seat.shadow,
                date_order: seat.date_order,
                line,
            });
        }
        let seat_files = compile(seat_globs, "files")?;
        let ignore = raw
            .briefing
            .ignore
            .iter()
            .map(|g| glob(g, format!("bad ignore glob `{}`", g.get_ref())))
            .collect::<Result<Vec<_>, _>>()?;
        let ignore = compile(ignore, "ignore")?;
        let mut alerts = Vec::with_capacity(raw.alerts.len());
        for alert in raw.alerts {
            if !alert.get_ref().over_pct.is_finite() || alert.get_ref().over_pct <= 0.0 {
                return Err(error_at(
                    Some(alert.span()),
                    format!(
                        "alert `{}`: over_pct must be a positive percentage",
                        alert.get_ref().name
                    ),
                ));
            }
            alerts.push(alert.into_inner());
        }

        let keys = KeyOverrides::from_raw(raw.keys)
            .map_err(|(span, message)| error_at(Some(span), message))?;

        let spanned_line = |s: toml::Spanned<String>| {
            let line = lines.pos(s.span().start).line;
            (s.into_inner(), line)
        };
        let email = EmailConfig {
            from: raw.email.from.map(spanned_line),
            to: match raw.email.to {
                None => Vec::new(),
                Some(to) => {
                    let line = lines.pos(to.span().start).line;
                    match to.into_inner() {
                        OneOrMany::One(one) => vec![(one, line)],
                        OneOrMany::Many(many) => many.into_iter().map(spanned_line).collect(),
                    }
                }
            },
            subject: raw.email.subject,
        };

        Ok(Config {
            path: path.to_path_buf(),
            org: raw.briefing.org.unwrap_or_default(),
            state_dir: base.join(raw.briefing.state_dir.as_deref().unwrap_or(".")),
            date_order: raw.briefing.date_order,
            match_threshold,
            ignore,
            seats,
            seat_files,
            kinds: raw.kinds,
            fields: raw.fields,
            statuses: raw.statuses,
            aliases: raw.aliases,
            alerts,
            keys,
            email,
            history: raw
                .briefing
                .history
                .filter(|h| !h.trim().is_empty())
                .map(|h| base.join(h)),
            history_days,
        })
    }

    pub fn seat(&self, name: &str) -> Option<&Seat> {
        self.seats.iter().find(|s| s.name == name)
    }

    /// The seat a state file belongs to, by its path relative to the state
    /// directory: the first seat with a `files` glob that matches it.
    pub fn seat_of_file(&self, path: &str) -> Option<usize> {
        let glob = self.seat_files.first_match(path)?;
        // Seats hold their globs in order, so the seat is the first whose
        // globs end after this one.
        Some(self.seats.partition_point(|s| s.files.end <= glob))
    }

    /// `seat`'s `files` globs as written, with their lines.
    pub fn files_of(&self, seat: &Seat) -> &[GlobEntry] {
        &self.seat_files.entries()[seat.files.clone()]
    }
}

/// toml's own message repeats the source line; keep only the sentence, as
/// the caller adds file, line and column itself.
fn plain_toml_message(e: &toml::de::Error) -> String {
    e.message().trim().replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("/etc/org/briefing.toml"))
    }

    #[test]
    fn minimal_config_uses_defaults_and_resolves_state_dir() {
        let config = parse("[briefing]\norg = \"Acme\"\nstate_dir = \"state\"\n").unwrap();
        assert_eq!(config.org, "Acme");
        assert_eq!(config.state_dir, Path::new("/etc/org/state"));
        assert_eq!(config.match_threshold, DEFAULT_MATCH_THRESHOLD);
        assert!(config.seats.is_empty());
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let text =
            "[briefing]\norg = \"Acme\"\n\n[[seat]]\nname = \"a\"\nownes = [\"project.*\"]\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.line, Some(6), "{err}");
        assert!(err.message.contains("ownes"), "{err}");
        assert!(
            err.to_string().starts_with("/etc/org/briefing.toml:6:"),
            "{err}"
        );
    }

    #[test]
    fn unknown_top_level_table_is_an_error() {
        let err = parse("[briefing]\n[sets]\nx = 1\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        assert!(err.message.contains("sets"), "{err}");
    }

    #[test]
    fn seat_fields_and_line() {
        let text = r#"[briefing]
org = "Acme"

[[seat]]
name = "project-tracker"
owner = "Dana Ruiz"
files = ["project-tracker/**"]
owns = ["project.due_date", "project.*"]
not_owns = ["project.budget"]
cadence = "1d"
date_order = "dmy"
"#;
        let config = parse(text).unwrap();
        let seat = &config.seats[0];
        assert_eq!(seat.line, 4);
        assert_eq!(seat.owns.len(), 2);
        assert_eq!(seat.cadence, Some(Duration::days(1)));
        assert_eq!(seat.date_order, Some(DateOrder::Dmy));
    }

    #[test]
    fn bad_values_are_located() {
        let err = parse("[briefing]\nmatch_threshold = 1.5\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = parse("[briefing]\n[[seat]]\nname = \"a\"\ncadence = \"often\"\n").unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(err.message.contains("often"));
        let err = parse("[briefing]\n[[seat]]\nname = \"a\"\nowns = [\"budget\"]\n").unwrap_err();
        assert_eq!(err.line, Some(4), "{err}");
        let err =
            parse("[briefing]\n[[seat]]\nname = \"a\"\n[[seat]]\nname = \"a\"\n").unwrap_err();
        assert_eq!(err.line, Some(4), "{err}");
    }

    #[test]
    fn globs_and_patterns_are_compiled_with_their_lines() {
        let text = r#"[briefing]
ignore = ["**/*.bak",
  "archive/**"]

[[seat]]
name = "a"
files = ["a/**", "shared/*.json"]
owns = ["project.*"]

[[seat]]
name = "none"

[[seat]]
name = "b"
files = ["b/**", "shared/**"]
not_owns = ["*.budget"]
"#;
        let config = parse(text).unwrap();
        let lines = |globs: &[GlobEntry]| globs.iter().map(|g| g.line).collect::<Vec<_>>();
        assert_eq!(lines(config.ignore.entries()), [2, 3]);
        assert!(config.ignore.is_match("x/y.bak") && config.ignore.is_match("archive/z"));
        assert!(!config.ignore.is_match("a/y.json"));
        let [a, none, b] = &config.seats[..] else {
            panic!("{:?}", config.seats);
        };
        assert_eq!(lines(config.files_of(a)), [7, 7]);
        assert_eq!(config.files_of(none), []);
        assert_eq!(config.files_of(b)[1].text, "shared/**");
        assert_eq!(config.seat_of_file("a/x.md"), Some(0));
        assert_eq!(config.seat_of_file("b/x.md"), Some(2));
        // The first seat whose glob matches, in the order they are written.
        assert_eq!(config.seat_of_file("shared/x.json"), Some(0));
        assert_eq!(config.seat_of_file("shared/x.md"), Some(2));
        assert_eq!(config.seat_of_file("c/x.md"), None);
        assert_eq!(a.owns[0].line, 8);
        assert_eq!(a.owns[0].pattern.to_string(), "project.*");
        assert_eq!(b.not_owns[0].line, 16);
    }

    #[test]
    fn a_control_character_in_a_bad_glob_is_not_quoted() {
        let text = "[briefing]\norg = \"x\"\nignore = [\"a\\t{b\"]\n";
        let err = Config::parse(text, Path::new("/x/briefing.toml")).unwrap_err();
        assert!(err.message.contains("bad ignore glob"), "{err}");
        assert!(!err.message.contains('\t'), "{err}");
    }

    #[test]
    fn a_bad_glob_names_its_line() {
        let err = parse("[briefing]\n[[seat]]\nname = \"a\"\nfiles = [\"ok/**\", \"a/[z\"]\n")
            .unwrap_err();
        assert_eq!((err.line, err.column), (Some(4), Some(19)), "{err}");
        assert!(err.message.contains("seat `a`: bad files glob"), "{err}");
        let err = parse("[briefing]\nignore = [\n  \"{a,b\",\n]\n").unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
        assert!(err.message.contains("bad ignore glob `{a,b`"), "{err}");
    }

    #[test]
    fn email_table_keeps_lines_and_rejects_unknown_keys() {
        let config = parse(
            "[briefing]\n\n[email]\nfrom = \"b@example.com\"\nto = [\"x@example.com\",\n  \"y@example.com\"]\n",
        )
        .unwrap();
        assert_eq!(config.email.from, Some(("b@example.com".into(), 4)));
        assert_eq!(
            config.email.to,
            vec![("x@example.com".into(), 5), ("y@example.com".into(), 6)]
        );
        let one = parse("[briefing]\n[email]\nto = \"x@example.com\"\n").unwrap();
        assert_eq!(one.email.to, vec![("x@example.com".into(), 3)]);
        let err =
            parse("[briefing]\n[email]\nfrom = \"b@example.com\"\nreply = \"c\"\n").unwrap_err();
        assert_eq!(err.line, Some(4), "{err}");
        assert!(err.message.contains("reply"), "{err}");
    }

    #[test]
    fn history_path_and_days() {
        let config = parse("[briefing]\nhistory = \"hist/org.db\"\nhistory_days = 30\n").unwrap();
        assert_eq!(
            config.history.as_deref(),
            Some(Path::new("/etc/org/hist/org.db"))
        );
        assert_eq!(config.history_days, 30);
        let config = parse("[briefing]\n").unwrap();
        assert_eq!(
            (config.history, config.history_days),
            (None, DEFAULT_HISTORY_DAYS)
        );
        let err = parse("[briefing]\nhistory_days = 0\n").unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn date_order_must_be_known() {
        let err = parse("[briefing]\ndate_order = \"ymd\"\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
    }
}
