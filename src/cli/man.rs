//! `briefing man`: the manual page, from the same clap definitions as
//! `--help` (clap_mangen), with a section per subcommand and its options,
//! the environment and the exit status added.

use clap::Command;
use std::io::{self, Write};

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "BRIEFING_CONFIG",
        "The configuration file when --config is not given.",
    ),
    (
        "XDG_CONFIG_HOME",
        "Where $XDG_CONFIG_HOME/briefing/briefing.toml is looked for last (default ~/.config).",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour (unless --color always).",
    ),
    (
        "CLICOLOR",
        "0 turns colour off; other values leave it to the terminal.",
    ),
    (
        "CLICOLOR_FORCE",
        "When set and not 0, colour even off a terminal (NO_COLOR still wins).",
    ),
    (
        "TERM",
        "dumb, or unset, means no interactive view: the plain text is printed instead.",
    ),
    (
        "USER",
        "Who decided, for decide without --by and d in the interactive view.",
    ),
    (
        "VISUAL, EDITOR",
        "The editor e opens in the interactive view.",
    ),
    (
        "SOURCE_DATE_EPOCH",
        "The Date of an --email message, in seconds since 1970, for output that is the same from run to run.",
    ),
    (
        "BRIEFING_PROGRESS_DELAY",
        "Milliseconds a run goes before progress shows on stderr (default 500).",
    ),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success, whatever the briefing found."),
    ("1", "check found what --fail-on names."),
    (
        "2",
        "A usage or configuration error: bad arguments, no or invalid briefing.toml, a state directory that cannot be opened, an ambiguous decide query.",
    ),
];

pub fn render(command: Command, out: &mut impl Write) -> io::Result<()> {
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let man = clap_mangen::Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    for sub in command.get_subcommands() {
        subcommand(&mut page, sub)?;
    }
    definitions(&mut page, "ENVIRONMENT", ENVIRONMENT)?;
    definitions(&mut page, "EXIT STATUS", EXIT_STATUS)?;
    man.render_version_section(&mut page)?;
    out.write_all(&page)
}

/// `briefing check [OPTIONS]`, what it does, and each of its own
/// arguments (the global ones are under OPTIONS).
fn subcommand(out: &mut Vec<u8>, sub: &Command) -> io::Result<()> {
    writeln!(out, ".SH \"BRIEFING {}\"", sub.get_name().to_uppercase())?;
    writeln!(out, ".B briefing {}", escape(sub.get_name()))?;
    for arg in sub.get_arguments().filter(|a| !a.is_global_set()) {
        let id = arg.get_id().as_str();
        if id == "help" || arg.is_hide_set() {
            continue;
        }
        let value = arg
            .get_value_names()
            .and_then(|names| names.first())
            .map(|n| n.to_string())
            .unwrap_or_else(|| id.to_uppercase());
        match arg.get_long() {
            Some(long) if arg.get_action().takes_values() => {
                writeln!(
                    out,
                    "[\\fB\\-\\-{}\\fR \\fI{}\\fR]",
                    escape(long),
                    escape(&value)
                )?;
            }
            Some(long) => writeln!(out, "[\\fB\\-\\-{}\\fR]", escape(long))?,
            None => writeln!(out, "\\fI{}\\fR", escape(&value))?,
        }
    }
    if let Some(about) = sub.get_long_about().or(sub.get_about()) {
        writeln!(out, ".PP\n{}", escape(&about.to_string()))?;
    }
    for arg in sub.get_arguments().filter(|a| !a.is_global_set()) {
        let id = arg.get_id().as_str();
        if id == "help" || arg.is_hide_set() {
            continue;
        }
        let name = match arg.get_long() {
            Some(long) => format!("\\fB\\-\\-{}\\fR", escape(long)),
            None => format!(
                "\\fI{}\\fR",
                escape(
                    &arg.get_value_names()
                        .and_then(|n| n.first())
                        .map_or_else(|| id.to_uppercase(), |n| n.to_string())
                )
            ),
        };
        writeln!(out, ".TP\n{name}")?;
        if let Some(help) = arg.get_long_help().or(arg.get_help()) {
            writeln!(out, "{}", escape(&help.to_string()))?;
        }
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            writeln!(
                out,
                ".br\n[possible values: {}]",
                escape(&values.join(", "))
            )?;
        }
    }
    Ok(())
}

fn definitions(out: &mut Vec<u8>, title: &str, items: &[(&str, &str)]) -> io::Result<()> {
    writeln!(out, ".SH \"{title}\"")?;
    for (term, text) in items {
        writeln!(out, ".TP\n\\fB{}\\fR\n{}", escape(term), escape(text))?;
    }
    Ok(())
}

/// Text safe in roff: backslashes and hyphens escaped, and a line never
/// starting with a control character.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    let escaped = escaped.replace("\n.", "\n\\&.").replace("\n'", "\n\\&'");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
