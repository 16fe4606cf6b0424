//! Arguments, configuration discovery, exit codes and output selection.
//!
//! Exit codes: 0 success; 1 `check` found what `--fail-on` names; 2 a usage
//! or configuration error (clap uses 2 for usage errors too).

use anyhow::Context as _;
use briefing::briefing::Briefing;
use briefing::config::{Config, discover};
use briefing::report::{json, plain};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_USAGE: u8 = 2;

/// A terminal morning briefing for an organisation run by AI agents: reads
/// every agent's state files, reconciles what they talk about, and shows the
/// facts they disagree on with the seat that owns each one.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, max_term_width = 100)]
pub struct Cli {
    /// The configuration file [default: $BRIEFING_CONFIG, ./briefing.toml,
    /// then $XDG_CONFIG_HOME/briefing/briefing.toml]
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,

    /// The date everything is measured against [default: today]
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<NaiveDate>,

    #[command(flatten)]
    output: OutputArgs,

    /// In the terminal UI, scroll with the mouse wheel (captures the mouse:
    /// hold Shift to select text)
    #[arg(long)]
    mouse: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Args)]
struct OutputArgs {
    /// Email-ready text: no colour, no control characters, wrapped
    #[arg(long, global = true, conflicts_with = "json")]
    plain: bool,

    /// The stable `briefing/1` JSON document
    #[arg(long, global = true)]
    json: bool,

    /// Wrap plain text at N columns
    #[arg(long, global = true, value_name = "N", default_value_t = 72)]
    width: usize,

    /// Plain text in 7-bit ASCII only
    #[arg(long, global = true)]
    ascii: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Drill into conflicts: every value, its seat, source and the owner
    Conflicts {
        /// Fuzzy match on entity name, kind and field (`acme due`)
        query: Option<String>,
    },
}

fn parse_today(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date like 2026-11-24"))
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("briefing: {e:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::BrokenPipe)
}

fn load_config(cli: &Cli) -> anyhow::Result<Config> {
    let cwd = std::env::current_dir().context("cannot read the working directory")?;
    let source = discover(
        cli.config.as_deref(),
        std::env::var_os("BRIEFING_CONFIG").as_deref(),
        &cwd,
        std::env::var_os("XDG_CONFIG_HOME").as_deref(),
        std::env::var_os("HOME").as_deref(),
    )
    .map_err(anyhow::Error::msg)?;
    Ok(Config::load(source.path())?)
}

fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let config = load_config(cli)?;
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let briefing = briefing::run(&config, today)?;
    // A terminal with no output flag gets the interactive view.
    if cli.command.is_none() && !cli.output.plain && !cli.output.json && io::stdout().is_terminal()
    {
        briefing::tui::run(briefing::tui::Options {
            config,
            briefing,
            today: cli.today,
            mouse: cli.mouse,
            ascii: cli.output.ascii,
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let options = plain::PlainOptions {
        width: cli.output.width,
        ascii: cli.output.ascii,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match &cli.command {
        None => {
            if cli.output.json {
                json::write(&mut out, &briefing)?;
            } else {
                out.write_all(plain::render(&briefing, &options).as_bytes())?;
            }
        }
        Some(Command::Conflicts { query }) => {
            conflicts(&mut out, &briefing, query.as_deref(), cli, &options)?
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn conflicts(
    out: &mut impl Write,
    briefing: &Briefing,
    query: Option<&str>,
    cli: &Cli,
    options: &plain::PlainOptions,
) -> anyhow::Result<()> {
    let found = briefing::query::fuzzy_filter(
        &briefing.conflicts,
        query.unwrap_or(""),
        briefing::query::conflict_text,
    );
    let matching: Vec<_> = found.iter().map(|&i| &briefing.conflicts[i]).collect();
    if cli.output.json {
        json::write_conflicts(out, briefing, query, &matching)?;
    } else {
        out.write_all(plain::render_conflicts(briefing, &matching, query, options).as_bytes())?;
    }
    Ok(())
}
