//! Arguments, configuration discovery, exit codes and output selection.
//!
//! Exit codes: 0 success; 1 `check` found what `--fail-on` names; 2 a usage
//! or configuration error (clap uses 2 for usage errors too).

use anyhow::Context as _;
use briefing::briefing::Briefing;
use briefing::config::{Config, discover};
use briefing::decisions::{self, Decision, Decisions};
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
    /// Why an entity's mentions were merged, and the near misses that were not
    Explain {
        /// Fuzzy match on entity name, kind and id
        query: String,
    },
    /// Lint briefing.toml against the state files; for cron and CI
    Check {
        /// Exit 1 when any of these is found
        #[arg(long, value_enum, value_delimiter = ',', value_name = "WHAT")]
        fail_on: Vec<FailOn>,
    },
    /// Draft a commented briefing.toml from a state directory
    Init {
        /// The state directory to look at [default: .]
        state_dir: Option<PathBuf>,
    },
    /// Settle a conflict: keep one seat's value (briefing.decisions.toml)
    Decide {
        /// Fuzzy match on the conflict's entity and field (`acme due`)
        query: String,
        /// The seat whose value to keep
        #[arg(long, value_name = "SEAT")]
        keep: String,
        /// Who decided
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// Why, in a sentence
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FailOn {
    Conflict,
    Gap,
    Warning,
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
    if let Some(Command::Init { state_dir }) = &cli.command {
        return init(cli, state_dir.as_deref());
    }
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
        Some(Command::Explain { query }) => {
            let found = briefing::query::entity_matches(&briefing.entities, query);
            let entities: Vec<_> = found
                .iter()
                .take(3)
                .map(|&i| &briefing.entities[i])
                .collect();
            let text = briefing::report::explain::render(
                &briefing,
                &entities,
                config.match_threshold,
                &options,
            );
            out.write_all(text.as_bytes())?;
        }
        Some(Command::Check { fail_on }) => {
            let name = config
                .path
                .file_name()
                .map_or("briefing.toml".into(), |n| n.to_string_lossy());
            out.write_all(briefing::report::check::render(&briefing, &name).as_bytes())?;
            out.flush()?;
            return Ok(check_exit(&briefing, fail_on));
        }
        Some(Command::Decide {
            query,
            keep,
            by,
            note,
        }) => {
            decide(
                &mut out,
                &config,
                &briefing,
                query,
                keep,
                by.clone(),
                note.clone(),
            )?;
        }
        Some(Command::Init { .. }) => unreachable!("handled before the configuration is loaded"),
    }
    out.flush()?;
    // The process ends here: the operating system takes back the briefing's
    // memory at once, where freeing it piece by piece takes a noticeable
    // part of a large run.
    std::mem::forget(briefing);
    Ok(ExitCode::SUCCESS)
}

fn check_exit(b: &Briefing, fail_on: &[FailOn]) -> ExitCode {
    let found = fail_on.iter().any(|f| match f {
        FailOn::Conflict => b.conflicts.iter().any(|c| c.open()),
        FailOn::Gap => !b.gaps.is_empty(),
        FailOn::Warning => briefing::report::check::warnings(b) > 0,
    });
    if found {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn init(cli: &Cli, state_dir: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    let target = cli
        .config
        .clone()
        .unwrap_or_else(|| PathBuf::from("briefing.toml"));
    if target.exists() {
        anyhow::bail!(
            "{} already exists; briefing init never overwrites a file",
            target.display()
        );
    }
    let config_dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let state_dir = state_dir.map_or_else(|| PathBuf::from("."), std::path::Path::to_path_buf);
    let text = briefing::init::draft(&state_dir, &config_dir)?;
    briefing::init::write_new(&target, &text)
        .with_context(|| format!("cannot write {}", target.display()))?;
    eprintln!(
        "Drafted {}: fill in each seat's owner, on_failure and owns.",
        target.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn decide(
    out: &mut impl Write,
    config: &Config,
    b: &Briefing,
    query: &str,
    keep: &str,
    by: Option<String>,
    note: Option<String>,
) -> anyhow::Result<()> {
    let found = briefing::query::fuzzy_filter(&b.conflicts, query, briefing::query::conflict_text);
    let Some(&best) = found.first() else {
        anyhow::bail!("no conflict matches `{query}`; `briefing conflicts` lists them");
    };
    let conflict = &b.conflicts[best];
    let decision = Decision::keep(conflict, keep, by, note, b.today.to_string())
        .map_err(anyhow::Error::msg)?;
    let path = decisions::path_beside(&config.path);
    let mut all = Decisions::load(&path)?;
    let line = format!(
        "Decided: keep {}'s {} for {} {} ({})\n",
        decision.keep,
        decision.value,
        conflict.entity_name,
        conflict.field,
        path.display()
    );
    all.record(decision);
    all.save(&path, &config.path)
        .with_context(|| format!("cannot write {}; it is unchanged", path.display()))?;
    out.write_all(line.as_bytes())?;
    Ok(())
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
