//! Arguments, configuration discovery, exit codes and output selection.
//!
//! Exit codes: 0 success; 1 `check` found what `--fail-on` names; 2 a usage
//! or configuration error (clap uses 2 for usage errors too).

mod args;
mod man;
mod progress;
mod term;

use anyhow::Context as _;
use args::{Cli, ColorWhen, Command, FailOn};
use briefing::briefing::Briefing;
use briefing::config::{Config, discover};
use briefing::decisions::{self, Decision, Decisions};
use briefing::report::{email, json, plain};
use clap::{CommandFactory, FromArgMatches};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXIT_USAGE: u8 = 2;

pub fn main() -> ExitCode {
    let env = term::ProcessEnv::read();
    let env = env.env();
    let cli = parse(&env);
    match run(&cli, &env) {
        Ok(code) => code,
        Err(e) => {
            briefing::tui::restore_terminal();
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("briefing: {e:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// The arguments, with clap's own help and errors coloured as `--color`
/// and the environment say. clap reads `--color` only after it has parsed,
/// so it is looked for first.
fn parse(env: &term::Env) -> Cli {
    let when = color_flag(std::env::args_os().skip(1)).unwrap_or(ColorWhen::Auto);
    let terminal = io::stdout().is_terminal() && io::stderr().is_terminal();
    let choice = if env.colour(when, terminal) {
        clap::ColorChoice::Always
    } else {
        clap::ColorChoice::Never
    };
    let mut command = Cli::command().color(choice);
    let matches = command
        .try_get_matches_from_mut(std::env::args_os())
        .unwrap_or_else(|e| e.format(&mut command).exit());
    if let Some(error) = args::misplaced(&mut command, &matches) {
        error.exit();
    }
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut command).exit())
}

/// `--color WHEN` or `--color=WHEN`, the last one given, before `--`.
fn color_flag(args: impl Iterator<Item = std::ffi::OsString>) -> Option<ColorWhen> {
    use clap::ValueEnum as _;
    let mut found = None;
    let mut args = args.map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--" => break,
            "--color" => args.next(),
            _ => arg.strip_prefix("--color=").map(str::to_string),
        };
        if let Some(v) = value.and_then(|v| ColorWhen::from_str(&v, true).ok()) {
            found = Some(v);
        }
    }
    found
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

fn run(cli: &Cli, env: &term::Env) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    match &cli.command {
        Some(Command::Init { state_dir }) => return init(cli, state_dir.as_deref()),
        Some(Command::Completions { shell }) => {
            let mut out = stdout.lock();
            clap_complete::generate(*shell, &mut Cli::command(), "briefing", &mut out);
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Man) => {
            let mut out = stdout.lock();
            man::render(Cli::command(), &mut out)?;
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let config = load_config(cli)?;
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let output = &cli.output;
    let text = &output.text;
    if let Some(Command::History { days, format, text }) = &cli.command {
        return history(&config, today, *days, format.json, text);
    }
    // Only the briefing itself reads and records the history; the
    // subcommands leave it alone.
    let locator =
        (cli.command.is_none() && !output.no_history).then(briefing::history::Locator::from_env);

    // A terminal with no output flag gets the interactive view, which shows
    // its own progress while the first briefing is computed.
    let wants_text = output.plain
        || output.json
        || output.email
        || text.width.is_some()
        || output.max_conflicts.is_some();
    if cli.command.is_none() && !wants_text && io::stdout().is_terminal() && env.capable_terminal()
    {
        let computed = briefing::tui::first_briefing(text.ascii, |progress| {
            briefing::tui::compute(&config, today, locator.as_ref(), progress)
        })?;
        briefing::tui::run(briefing::tui::Options {
            computed,
            history: locator,
            today: cli.today,
            mouse: output.mouse,
            ascii: text.ascii,
            colour: env.colour(cli.color, true),
            config,
        })?;
        return Ok(ExitCode::SUCCESS);
    }

    let mut history = briefing::history::Session::start(locator.as_ref(), &config, today);
    let bar = progress::Bar::start(io::stderr().is_terminal() && env.capable_terminal());
    let briefing = briefing::run_after(&config, today, &bar, &history.earlier());
    bar.finish();
    let mut briefing = briefing?;
    history.record(&mut briefing);
    for warning in &history.warnings {
        eprintln!("briefing: warning: {warning}");
    }

    let mut out = io::BufWriter::new(stdout.lock());
    let code = match &cli.command {
        None if output.json => {
            json::write(&mut out, &briefing)?;
            ExitCode::SUCCESS
        }
        None if output.email => {
            email(&mut out, &config, &briefing, cli)?;
            ExitCode::SUCCESS
        }
        None => {
            let options = plain_options(text, output.max_conflicts);
            out.write_all(plain::render(&briefing, &options).as_bytes())?;
            ExitCode::SUCCESS
        }
        Some(Command::Conflicts {
            query,
            format,
            text,
        }) => {
            let query = args::query(query);
            let found = briefing::query::fuzzy_filter(
                &briefing.conflicts,
                query.as_deref().unwrap_or(""),
                briefing::query::conflict_text,
            );
            let matching: Vec<_> = found.iter().map(|&i| &briefing.conflicts[i]).collect();
            if format.json {
                json::write_conflicts(&mut out, &briefing, query.as_deref(), &matching)?;
            } else {
                let options = plain_options(text, None);
                let rendered =
                    plain::render_conflicts(&briefing, &matching, query.as_deref(), &options);
                out.write_all(rendered.as_bytes())?;
            }
            ExitCode::SUCCESS
        }
        Some(Command::Explain { query, json, text }) => {
            let query = args::query(query).unwrap_or_default();
            let found = briefing::query::entity_matches(&briefing.entities, &query);
            let entities: Vec<_> = found
                .iter()
                .take(3)
                .map(|&i| &briefing.entities[i])
                .collect();
            if *json {
                let doc = briefing::report::explain::json(
                    &briefing,
                    &query,
                    &entities,
                    config.match_threshold,
                );
                serde_json::to_writer_pretty(&mut out, &doc)?;
                out.write_all(b"\n")?;
            } else {
                let rendered = briefing::report::explain::render(
                    &briefing,
                    &entities,
                    config.match_threshold,
                    &plain_options(text, None),
                );
                out.write_all(rendered.as_bytes())?;
            }
            ExitCode::SUCCESS
        }
        Some(Command::Check { fail_on, json }) => {
            let name = config
                .path
                .file_name()
                .map_or("briefing.toml".into(), |n| n.to_string_lossy());
            let failed = check_failed(&briefing, fail_on);
            if *json {
                let names: Vec<&str> = fail_on.iter().map(|f| f.as_str()).collect();
                let doc = briefing::report::check::json(&briefing, &name, &names, failed);
                serde_json::to_writer_pretty(&mut out, &doc)?;
                out.write_all(b"\n")?;
            } else {
                out.write_all(briefing::report::check::render(&briefing, &name).as_bytes())?;
            }
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Some(Command::Decide {
            query,
            keep,
            by,
            note,
            dry_run,
        }) => {
            let by = by.clone().or_else(|| {
                std::env::var("USER")
                    .ok()
                    .filter(|user| !user.trim().is_empty())
            });
            let query = args::query(query).unwrap_or_default();
            decide(
                &mut out,
                &config,
                &briefing,
                &query,
                keep,
                by,
                note.clone(),
                *dry_run,
            )?;
            ExitCode::SUCCESS
        }
        Some(
            Command::Init { .. }
            | Command::Completions { .. }
            | Command::Man
            | Command::History { .. },
        ) => {
            unreachable!("handled before the briefing is computed")
        }
    };
    out.flush()?;
    // The process ends here: the operating system takes back the briefing's
    // memory at once, where freeing it piece by piece takes a noticeable
    // part of a large run.
    std::mem::forget(briefing);
    Ok(code)
}

/// `briefing history`: the recorded days of the last `days` days up to
/// `today`. It reads the history only; a database that does not exist is
/// not created.
fn history(
    config: &Config,
    today: chrono::NaiveDate,
    days: u32,
    json: bool,
    text: &args::TextArgs,
) -> anyhow::Result<ExitCode> {
    use briefing::briefing::history::{HISTORY_SCHEMA, HistoryReport};
    let from = today
        .checked_sub_days(chrono::Days::new(u64::from(days) - 1))
        .unwrap_or(today);
    let place = briefing::history::Locator::from_env().locate(config);
    let (database, found) = match &place {
        Err(warning) => {
            eprintln!("briefing: warning: {warning}");
            (None, Vec::new())
        }
        Ok(place) if !place.path.exists() => (Some(place.path.display().to_string()), Vec::new()),
        Ok(place) => {
            let read = briefing::history::Store::open(&place.path)
                .and_then(|store| store.days(from, today));
            let found = read.unwrap_or_else(|warning| {
                eprintln!("briefing: warning: {warning}");
                Vec::new()
            });
            (Some(place.path.display().to_string()), found)
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        let doc = HistoryReport {
            schema: HISTORY_SCHEMA,
            org: config.org.clone(),
            today,
            database,
            days: found,
        };
        serde_json::to_writer_pretty(&mut out, &doc)?;
        out.write_all(b"\n")?;
    } else {
        let options = plain_options(text, None);
        let rendered = plain::render_history(
            &config.org,
            today,
            from,
            &found,
            database.as_deref(),
            &options,
        );
        out.write_all(rendered.as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn plain_options(text: &args::TextArgs, max_conflicts: Option<usize>) -> plain::PlainOptions {
    plain::PlainOptions {
        width: text.width.unwrap_or(72),
        ascii: text.ascii,
        max_conflicts,
    }
}

fn check_failed(b: &Briefing, fail_on: &[FailOn]) -> bool {
    fail_on.iter().any(|f| match f {
        FailOn::Conflict => b.conflicts.iter().any(|c| c.open()),
        FailOn::Gap => !b.gaps.is_empty(),
        FailOn::Warning => briefing::report::check::warnings(b) > 0,
    })
}

fn init(cli: &Cli, state_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the working directory")?;
    let state_dir = state_dir.map_or_else(|| cwd.clone(), |d| cwd.join(d));
    let target = briefing::init::target(&state_dir, cli.config.as_deref(), &cwd)
        .map_err(anyhow::Error::msg)?;
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
    let text = briefing::init::draft(&state_dir, &config_dir)?;
    briefing::init::write_new(&target, &text)
        .with_context(|| format!("cannot write {}", target.display()))?;
    eprintln!(
        "Drafted {}: fill in each seat's owner, on_failure and owns, then run `briefing check`.",
        target.display()
    );
    Ok(ExitCode::SUCCESS)
}

#[allow(clippy::too_many_arguments)]
fn decide(
    out: &mut impl Write,
    config: &Config,
    b: &Briefing,
    query: &str,
    keep: &str,
    by: Option<String>,
    note: Option<String>,
    dry_run: bool,
) -> anyhow::Result<()> {
    let found = briefing::query::conflict_candidates(&b.conflicts, query);
    let conflict = match found.as_slice() {
        [] => anyhow::bail!("no conflict matches `{query}`; `briefing conflicts` lists them"),
        [one] => &b.conflicts[*one],
        several => {
            let mut message = format!(
                "`{query}` matches {} conflicts; name one of them:",
                several.len()
            );
            for &i in several {
                let c = &b.conflicts[i];
                let values: Vec<String> = c
                    .values
                    .iter()
                    .filter(|v| !v.shadow)
                    .map(|v| format!("{} {}", v.seat.as_deref().unwrap_or("?"), v.value))
                    .collect();
                message.push_str(&format!(
                    "\n  briefing decide {} {} --keep SEAT    ({}: {})",
                    c.entity,
                    c.field,
                    c.entity_name,
                    values.join(", ")
                ));
            }
            anyhow::bail!(message);
        }
    };
    let decision = Decision::keep(conflict, keep, by, note, b.today.to_string())
        .map_err(anyhow::Error::msg)?;
    let path = decisions::path_beside(&config.path);
    let line = format!(
        "{}: keep {}'s {} for {} {} ({})\n",
        if dry_run { "Would decide" } else { "Decided" },
        decision.keep,
        decision.value,
        conflict.entity_name,
        conflict.field,
        path.display()
    );
    if !dry_run {
        let mut all = Decisions::load(&path)?;
        all.record(decision);
        all.save(&path, &config.path)
            .with_context(|| format!("cannot write {}; it is unchanged", path.display()))?;
    }
    out.write_all(line.as_bytes())?;
    Ok(())
}

/// `--email`: the addresses from the flags, else from `[email]`, each
/// checked, and the message on `out`.
fn email(out: &mut impl Write, config: &Config, b: &Briefing, cli: &Cli) -> anyhow::Result<()> {
    let output = &cli.output;
    let from_config = |value: &str, line: u32, key: &str| {
        email::parse_mailbox(value)
            .map_err(|e| anyhow::anyhow!("{}:{line}: [email] {key}: {e}", config.path.display()))
    };
    let from = match (&output.from, &config.email.from) {
        (Some(flag), _) => email::parse_mailbox(flag).map_err(anyhow::Error::msg)?,
        (None, Some((value, line))) => from_config(value, *line, "from")?,
        (None, None) => anyhow::bail!(
            "--email needs a sender: --from ADDR, or `from` in an [email] table of {}",
            config.path.display()
        ),
    };
    let to = if !output.to.is_empty() {
        output
            .to
            .iter()
            .map(|t| email::parse_mailbox(t).map_err(anyhow::Error::msg))
            .collect::<anyhow::Result<Vec<_>>>()?
    } else {
        config
            .email
            .to
            .iter()
            .map(|(value, line)| from_config(value, *line, "to"))
            .collect::<anyhow::Result<Vec<_>>>()?
    };
    if to.is_empty() {
        anyhow::bail!(
            "--email needs a recipient: --to ADDR, or `to` in an [email] table of {}",
            config.path.display()
        );
    }
    let options = email::EmailOptions {
        from,
        to,
        subject: output
            .subject
            .clone()
            .or_else(|| config.email.subject.clone()),
        date: message_date()?,
        plain: plain_options(
            &output.text,
            Some(output.max_conflicts.unwrap_or(email::DEFAULT_MAX_CONFLICTS)),
        ),
    };
    let message = email::message(b, &options).map_err(anyhow::Error::msg)?;
    out.write_all(&message)?;
    Ok(())
}

/// The Date of a message: now, or `SOURCE_DATE_EPOCH` (seconds since 1970)
/// when set, for output that is the same bytes from run to run.
fn message_date() -> anyhow::Result<std::time::SystemTime> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(secs) if !secs.trim().is_empty() => {
            let secs: u64 = secs.trim().parse().with_context(|| {
                format!("SOURCE_DATE_EPOCH `{secs}` is not a number of seconds")
            })?;
            Ok(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
        }
        _ => Ok(std::time::SystemTime::now()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_color_flag_before_a_double_dash_counts() {
        let args = |list: &[&str]| {
            list.iter()
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
        };
        assert_eq!(color_flag(args(&["--plain"]).into_iter()), None);
        assert_eq!(
            color_flag(args(&["--color", "never", "--plain"]).into_iter()),
            Some(ColorWhen::Never)
        );
        assert_eq!(
            color_flag(args(&["--color=never", "--color=always"]).into_iter()),
            Some(ColorWhen::Always)
        );
        assert_eq!(
            color_flag(args(&["--", "--color=always"]).into_iter()),
            None
        );
    }
}
