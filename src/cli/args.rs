//! The command line as clap reads it. Each flag is declared where it means
//! something, so clap rejects it anywhere else with exit code 2. Only
//! `--config`, `--today` and `--color` are global; `--config` and `--today`
//! are refused by the subcommands that read no briefing, and the
//! briefing's own flags before a subcommand (`briefing --json check`) are
//! refused too (see [`misplaced`]).

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

pub const EXIT_CODES: &str = "\
Exit codes:
  0  success, whatever the briefing found
  1  `check` found what --fail-on names
  2  usage or configuration error: bad arguments, no or invalid briefing.toml,
     a state directory that cannot be opened, an ambiguous `decide` query";

/// A terminal morning briefing for an organisation run by AI agents: reads
/// every agent's state files, reconciles what they talk about, and shows the
/// facts they disagree on with the seat that owns each one.
///
/// On a terminal, `briefing` opens an interactive view; piped, or with
/// --plain, it prints email-ready text.
#[derive(Debug, Parser)]
#[command(
    name = "briefing",
    version,
    max_term_width = 100,
    after_help = EXIT_CODES
)]
pub struct Cli {
    /// The configuration file [default: $BRIEFING_CONFIG, ./briefing.toml,
    /// then $XDG_CONFIG_HOME/briefing/briefing.toml]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The date everything is measured against [default: today]
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub today: Option<NaiveDate>,

    /// When to use colour: on a terminal (auto), always or never. Auto
    /// follows NO_COLOR, CLICOLOR and CLICOLOR_FORCE
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorWhen::Auto
    )]
    pub color: ColorWhen,

    #[command(flatten)]
    pub output: BriefingArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The briefing itself: the terminal UI, `--plain`, `--json` or `--email`.
#[derive(Debug, Args)]
pub struct BriefingArgs {
    /// Email-ready text: no colour, no control characters, wrapped
    #[arg(long, group = "format")]
    pub plain: bool,

    /// The stable `briefing/1` JSON document
    #[arg(long, group = "format")]
    pub json: bool,

    /// A complete email message (RFC 5322) on stdout, for `sendmail -t`;
    /// never sent
    #[arg(long, group = "format")]
    pub email: bool,

    #[command(flatten)]
    pub text: TextArgs,

    /// List at most N conflicts under "Decide today", then how many more
    /// [default: all; 20 with --email]
    #[arg(long, value_name = "N", conflicts_with = "json")]
    pub max_conflicts: Option<usize>,

    /// Recipient of --email (repeat for several) [default: [email] to]
    #[arg(long, value_name = "ADDR")]
    pub to: Vec<String>,

    /// Sender of --email [default: [email] from]
    #[arg(long, value_name = "ADDR")]
    pub from: Option<String>,

    /// Subject of --email [default: [email] subject, else the org and the
    /// summary line]
    #[arg(long, value_name = "TEXT")]
    pub subject: Option<String>,

    /// In the terminal UI, scroll with the mouse wheel (captures the mouse:
    /// hold Shift to select text)
    #[arg(long, conflicts_with_all = ["format", "width", "max_conflicts"])]
    pub mouse: bool,

    /// Neither read nor record the history of earlier briefings (what is
    /// new, resolved, the trend)
    #[arg(long)]
    pub no_history: bool,
}

/// How text output is laid out.
#[derive(Debug, Args)]
pub struct TextArgs {
    /// Wrap text at N columns [default: 72]
    #[arg(long, value_name = "N", conflicts_with = "json")]
    pub width: Option<usize>,

    /// 7-bit ASCII only (text, and the terminal UI's symbols)
    #[arg(long, conflicts_with = "json")]
    pub ascii: bool,
}

/// Text or JSON, for the subcommands that print either.
#[derive(Debug, Args)]
pub struct FormatArgs {
    /// Text (the default)
    #[arg(long, conflicts_with = "json")]
    pub plain: bool,

    /// JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Drill into conflicts: every value, its seat, source and the owner
    Conflicts {
        /// Fuzzy match on entity name, kind and field, in any number of
        /// words (`acme due`)
        #[arg(value_name = "QUERY")]
        query: Vec<String>,
        #[command(flatten)]
        format: FormatArgs,
        #[command(flatten)]
        text: TextArgs,
    },
    /// Why an entity's mentions were merged, and the near misses that were not
    Explain {
        /// Fuzzy match on entity name, kind and id, in any number of words
        #[arg(value_name = "QUERY", required = true)]
        query: Vec<String>,
        /// JSON (the `briefing-explain/1` document)
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        text: TextArgs,
    },
    /// Lint briefing.toml against the state files; for cron and CI
    Check {
        /// Exit 1 when any of these is found
        #[arg(long, value_enum, value_delimiter = ',', value_name = "WHAT")]
        fail_on: Vec<FailOn>,
        /// JSON (the `briefing-check/1` document)
        #[arg(long)]
        json: bool,
    },
    /// Draft a commented briefing.toml (at --config FILE, else
    /// ./briefing.toml) from a state directory
    Init {
        /// The state directory to look at [default: .]. The draft is never
        /// written inside it
        state_dir: Option<PathBuf>,
    },
    /// Settle a conflict: keep one seat's value (briefing.decisions.toml)
    Decide {
        /// The conflict's entity and field, in any number of words (`acme
        /// due`); it must match exactly one conflict
        #[arg(value_name = "QUERY", required = true)]
        query: Vec<String>,
        /// The seat whose value to keep
        #[arg(long, value_name = "SEAT")]
        keep: String,
        /// Who decided [default: $USER]
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// Why, in a sentence
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Say what would be recorded, and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Past mornings from the history: score, conflicts, overdue
    /// escalations and gaps of each recorded day
    History {
        /// The last N days, up to --today
        #[arg(long, value_name = "N", default_value_t = 30,
              value_parser = clap::value_parser!(u32).range(1..))]
        days: u32,
        #[command(flatten)]
        format: FormatArgs,
        #[command(flatten)]
        text: TextArgs,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man -l -` or a man directory
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Conflict,
    Gap,
    Warning,
}

impl FailOn {
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Conflict => "conflict",
            FailOn::Gap => "gap",
            FailOn::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour on a terminal, unless NO_COLOR or CLICOLOR=0 say otherwise
    Auto,
    /// Colour always (also CLICOLOR_FORCE)
    Always,
    /// No colour
    Never,
}

fn parse_today(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date like 2026-11-24"))
}

/// A flag given where it means nothing that clap itself lets through: the
/// usage error for it.
pub fn misplaced(command: &mut clap::Command, matches: &clap::ArgMatches) -> Option<clap::Error> {
    use clap::error::ErrorKind;
    let given = |m: &clap::ArgMatches, id: &str| {
        m.value_source(id) == Some(clap::parser::ValueSource::CommandLine)
    };
    let Some((name, sub)) = matches.subcommand() else {
        // clap's `requires` counts a flag's default as given, so the email
        // flags are checked here.
        let needs_email = ["to", "from", "subject"]
            .into_iter()
            .find(|id| given(matches, id) && !given(matches, "email"))?;
        return Some(command.error(
            ErrorKind::MissingRequiredArgument,
            format!("the argument '--{needs_email}' is for --email, which was not given"),
        ));
    };
    let conflict = |flag: &str| {
        Some(command.clone().error(
            ErrorKind::ArgumentConflict,
            format!("the argument '{flag}' cannot be used with the subcommand '{name}'"),
        ))
    };
    // The briefing's own flags, written before the subcommand.
    for arg in command.get_arguments().filter(|a| !a.is_global_set()) {
        if let Some(long) = arg.get_long()
            && given(matches, arg.get_id().as_str())
        {
            return conflict(&format!("--{long}"));
        }
    }
    let (takes_config, takes_today) = match name {
        "completions" | "man" => (false, false),
        "init" => (true, false),
        _ => return None,
    };
    if given(sub, "config") && !takes_config {
        conflict("--config")
    } else if given(sub, "today") && !takes_today {
        conflict("--today")
    } else {
        None
    }
}

/// Joins a query given as several words.
pub fn query(words: &[String]) -> Option<String> {
    let joined = words.join(" ");
    let joined = joined.trim();
    (!joined.is_empty()).then(|| joined.to_string())
}
