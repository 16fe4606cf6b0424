//! What the fuzz targets (`fuzz/`) and the corpus replay
//! (`tests/fuzz_corpus.rs`) check of every input: one function per target,
//! so an input the fuzzer kept is replayed on stable through exactly the
//! checks it passed under the fuzzer.
//!
//! Each check panics, naming what broke, when the program does something
//! no input may make it do: a position outside the file, a rejected input
//! without a message, a control character in the output, a different
//! result for the same bytes. Not an API for anything else.

use crate::config::{Config, ConfigError};
use crate::decisions::Decisions;
use crate::diag::Pos;
use crate::ingest::tree::{Document, Node, NodeValue};
use crate::model::Format;
use crate::normalize::{self, Context, DateOrder, FieldType, StatusTable, Value};
use crate::text::is_unsafe;
use crate::vocab::Vocab;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::path::Path;
use std::sync::OnceLock;

/// A fuzz target: its name is the name of its `fuzz/fuzz_targets/` file
/// and of its `fuzz/corpus/` directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Json,
    JsonLines,
    Yaml,
    Toml,
    Markdown,
    /// Comma- and tab-separated: every input is read both ways.
    Csv,
    Config,
    Decisions,
    Normalize,
    Pipeline,
}

impl Target {
    pub const ALL: [Target; 10] = [
        Target::Json,
        Target::JsonLines,
        Target::Yaml,
        Target::Toml,
        Target::Markdown,
        Target::Csv,
        Target::Config,
        Target::Decisions,
        Target::Normalize,
        Target::Pipeline,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Target::Json => "json",
            Target::JsonLines => "jsonl",
            Target::Yaml => "yaml",
            Target::Toml => "toml",
            Target::Markdown => "markdown",
            Target::Csv => "csv",
            Target::Config => "config",
            Target::Decisions => "decisions",
            Target::Normalize => "normalize",
            Target::Pipeline => "pipeline",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Runs the target's checks on one input; panics on a failed check.
    pub fn check(self, data: &[u8]) {
        match self {
            Target::Json => check_reader(Format::Json, data),
            Target::JsonLines => check_reader(Format::JsonLines, data),
            Target::Yaml => check_reader(Format::Yaml, data),
            Target::Toml => check_reader(Format::Toml, data),
            Target::Markdown => check_reader(Format::Markdown, data),
            Target::Csv => {
                check_reader(Format::Csv, data);
                check_reader(Format::Tsv, data);
            }
            Target::Config => check_config(data),
            Target::Decisions => check_decisions(data),
            Target::Normalize => check_normalize(data),
            Target::Pipeline => check_pipeline(data),
        }
    }
}

/// The text a reader is given for `data`: as the pipeline decodes a file,
/// without a byte order mark; bytes that are not UTF-8 are replaced, so the
/// fuzzer's inputs reach the readers rather than stopping at decoding.
fn text_of(data: &[u8]) -> Cow<'_, str> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    String::from_utf8_lossy(data)
}

/// The length in characters of each line of a text, lines split at `\n`
/// as every position the program shows counts them.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        Lines(text.split('\n').map(|l| l.chars().count()).collect())
    }

    /// Whether `line` and `column` (0 when only the line is known) point
    /// into the text or just past the end of a line.
    fn holds(&self, line: u32, column: Option<u32>) -> bool {
        let Some(length) = (line as usize).checked_sub(1).and_then(|l| self.0.get(l)) else {
            return false;
        };
        column.is_none_or(|c| c as usize <= length + 1)
    }

    fn check(&self, pos: Pos, what: &str) {
        assert!(
            self.holds(pos.line, Some(pos.column)),
            "{what} at {}:{} is outside the input ({} lines{})",
            pos.line,
            pos.column,
            self.0.len(),
            match (pos.line as usize)
                .checked_sub(1)
                .and_then(|l| self.0.get(l))
            {
                Some(n) => format!(", that line {n} characters"),
                None => String::new(),
            }
        );
    }
}

fn check_message(message: &str, what: &str) {
    assert!(!message.trim().is_empty(), "{what} without a message");
    assert!(
        !message.chars().any(|c| c.is_control() && c != '\n'),
        "{what} holds a control character: {message:?}"
    );
}

/// A configuration that declares nothing, and its vocabulary: the built-in
/// words every reader's output is read with.
fn plain_vocab() -> &'static Vocab {
    static VOCAB: OnceLock<Vocab> = OnceLock::new();
    VOCAB.get_or_init(|| {
        let config = Config::parse(
            "[briefing]\norg = \"Fuzz\"\nstate_dir = \"state\"\n",
            Path::new("/fuzz/briefing.toml"),
        )
        .expect("the plain configuration parses");
        Vocab::new(&config)
    })
}

/// One reader: the same tree twice; every position in the tree, its
/// problems and its error within the text; an error has a message; the
/// records read from the tree hold no control character and every
/// position of theirs is within the text.
fn check_reader(format: Format, data: &[u8]) {
    let text = text_of(data);
    let parsed = crate::ingest::parse(format, &text);
    assert_eq!(
        parsed,
        crate::ingest::parse(format, &text),
        "the same bytes read twice"
    );
    let lines = Lines::new(&text);
    let doc = match parsed {
        Ok(doc) => doc,
        Err(error) => {
            check_message(&error.message, "a parse error");
            if let Some(pos) = error.pos {
                lines.check(pos, "a parse error");
            }
            return;
        }
    };
    check_document(&doc, &lines);
    match format {
        Format::Csv | Format::Tsv => check_table_parts(format, &text, &doc),
        Format::JsonLines => check_log_parts(&text, &doc),
        _ => {}
    }
    let vocab = plain_vocab();
    for file_kind in [None, vocab.kind_of_heading("projects")] {
        let extracted = crate::ingest::records::extract(&doc, vocab, file_kind);
        for problem in &extracted.problems {
            check_message(&problem.message, "a problem");
            lines.check(problem.pos, "a problem");
        }
        for mention in extracted.mentions.iter().chain(&extracted.prose) {
            lines.check(mention.pos, "a mention");
        }
        for field in &extracted.fields {
            lines.check(field.pos, "a field value");
        }
        assert!(
            !extracted.text.chars().any(char::is_control),
            "a control character in the text read: {:?}",
            extracted.text
        );
        assert!(
            !extracted
                .seat
                .iter()
                .any(|s| s.chars().any(char::is_control)),
            "a control character in the seat named: {:?}",
            extracted.seat
        );
    }
}

/// A table read a few rows at a time, as briefings read tables, gives the
/// records of the whole table read at once.
fn check_table_parts(format: Format, text: &str, doc: &Document<'_>) {
    use crate::ingest::{csv, records};
    let delimiter = match format {
        Format::Csv => csv::csv_delimiter(text),
        _ => b'\t',
    };
    let vocab = plain_vocab();
    let file_kind = vocab.kind_of_heading("projects");
    let whole = records::outline(&records::extract(doc, vocab, file_kind));
    for part in [1, 2] {
        let mut rows = records::Rows::new(vocab, file_kind);
        let table = csv::read(text, delimiter, part, |part| rows.read(part));
        assert_eq!(
            table.problems, doc.problems,
            "a table's problems read in parts"
        );
        assert_eq!(
            records::outline(&rows.finish()),
            whole,
            "a table read {part} rows at a time"
        );
    }
}

/// A log read a few lines at a time, as briefings read logs, gives the
/// records of the whole log read at once, its seat and as-of time, and
/// the keys it saw for a file that yields nothing.
fn check_log_parts(text: &str, doc: &Document<'_>) {
    use crate::ingest::{jsonl, records};
    let vocab = plain_vocab();
    let file_kind = vocab.kind_of_heading("projects");
    let whole = records::outline(&records::extract(doc, vocab, file_kind));
    for part in [1, 2] {
        let mut roots = records::Roots::new(vocab, file_kind);
        let log = jsonl::read(text, part, |part, whole| roots.read(part, whole))
            .expect("a log that parses whole parses in parts");
        assert_eq!(log.problems, doc.problems, "a log's problems read in parts");
        assert_eq!(log.roots, doc.roots.len(), "a log's roots read in parts");
        assert_eq!(
            records::outline(&roots.finish()),
            whole,
            "a log read {part} lines at a time"
        );
    }
}

fn check_document(doc: &Document<'_>, lines: &Lines) {
    fn node(n: &Node<'_>, lines: &Lines) {
        lines.check(n.pos, "a value");
        match &n.value {
            NodeValue::List(items) => items.iter().for_each(|i| node(i, lines)),
            NodeValue::Map(entries) => {
                for e in entries {
                    lines.check(e.key_pos, "a key");
                    node(&e.value, lines);
                }
            }
            NodeValue::Null | NodeValue::Bool(_) | NodeValue::Number(_) | NodeValue::String(_) => {}
        }
    }
    doc.front_matter
        .iter()
        .chain(&doc.roots)
        .chain(&doc.headed)
        .for_each(|n| node(n, lines));
    for bullet in &doc.prose {
        lines.check(bullet.pos, "a prose bullet");
        for (_, pos) in &bullet.words {
            lines.check(*pos, "a prose word");
        }
    }
    for problem in &doc.problems {
        check_message(&problem.message, "a problem");
        lines.check(problem.pos, "a problem");
    }
}

fn check_error(error: &ConfigError, lines: &Lines, what: &str) {
    check_message(&error.message, what);
    if let Some(line) = error.line {
        assert!(
            lines.holds(line, error.column),
            "{what} at {line}:{:?} is outside the input ({} lines)",
            error.column,
            lines.0.len()
        );
    }
}

/// `briefing.toml`: the same result twice, and an error with a message
/// and a position within the text.
fn check_config(data: &[u8]) {
    let text = text_of(data);
    let path = Path::new("/fuzz/briefing.toml");
    let parsed = Config::parse(&text, path);
    assert_eq!(
        format!("{parsed:?}"),
        format!("{:?}", Config::parse(&text, path)),
        "the same configuration read twice"
    );
    match parsed {
        Ok(config) => {
            Vocab::new(&config);
        }
        Err(error) => check_error(&error, &Lines::new(&text), "a configuration error"),
    }
}

/// `briefing.decisions.toml`: the same result twice, an error with a
/// message and a position within the text, and what `decide` would write
/// of the decisions read reads back as the same decisions.
fn check_decisions(data: &[u8]) {
    let text = text_of(data);
    let path = Path::new("/fuzz/briefing.decisions.toml");
    let parsed = Decisions::parse(&text, path);
    assert_eq!(
        parsed,
        Decisions::parse(&text, path),
        "the same decisions read twice"
    );
    match parsed {
        Ok(decisions) => {
            let written = decisions
                .file_text()
                .expect("decisions read can be written");
            assert_eq!(
                Decisions::parse(&written, path),
                Ok(decisions),
                "the decisions written read back differently:\n{written}"
            );
        }
        Err(error) => check_error(&error, &Lines::new(&text), "a decisions error"),
    }
}

/// The value readers. The first byte picks the date order and the as-of
/// date; the rest is the value, sanitized as every value read is. Each
/// type reads the same twice; amounts and numbers are finite; text,
/// statuses and people fold to a form that folds to itself; a date or a
/// time read reads back from its ISO form.
fn check_normalize(data: &[u8]) {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let raw = String::from_utf8_lossy(rest);
    let raw = crate::text::sanitize(&raw);
    let statuses = StatusTable::builtin();
    let date_order = match head % 3 {
        0 => None,
        1 => Some(DateOrder::Mdy),
        _ => Some(DateOrder::Dmy),
    };
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date")
        + chrono::Days::new(u64::from(head / 3) * 5);
    let ctx = Context {
        date_order,
        as_of,
        statuses: &statuses,
    };
    let types = [
        FieldType::Date,
        FieldType::Datetime,
        FieldType::Money,
        FieldType::Percent,
        FieldType::Number,
        FieldType::Status,
        FieldType::Person,
        FieldType::Text,
    ];
    for ty in types {
        let read = normalize::normalize(&raw, ty, &ctx);
        assert_eq!(read, normalize::normalize(&raw, ty, &ctx), "{ty:?} twice");
        let value = match read {
            Ok(read) => read.value,
            Err(e) => {
                check_message(&e.message, "a value not read");
                continue;
            }
        };
        let _ = value.key();
        let again = |text: &str| normalize::normalize(text, ty, &ctx).map(|n| n.value);
        match &value {
            Value::Date(d) => {
                let iso = d.format("%Y-%m-%d").to_string();
                assert_eq!(again(&iso), Ok(value.clone()), "{raw:?} read as {iso}");
            }
            Value::Datetime(t) => {
                let iso = t.format("%Y-%m-%dT%H:%M:%S%.f").to_string();
                assert_eq!(
                    normalize::parse_datetime(&iso),
                    Some(*t),
                    "{raw:?} read as {iso}"
                );
            }
            Value::Money(m) => assert!(m.amount().is_finite(), "{raw:?} read as {m:?}"),
            Value::Percent(n) | Value::Number(n) => {
                assert!(n.is_finite(), "{raw:?} read as {n}")
            }
            Value::Status(s) | Value::Person(s) | Value::Text(s) => {
                assert!(!s.chars().any(char::is_control), "{raw:?} folds to {s:?}");
                assert_eq!(again(s), Ok(value.clone()), "{raw:?} folds to {s:?}");
            }
        }
    }
    let _ = normalize::parse_duration(&raw);
    let _ = normalize::parse_as_of(&raw);
    let _ = normalize::currency_code(&raw);
    let values: Vec<&str> = raw.split([',', ';']).collect();
    assert_eq!(
        normalize::guess_type(&values),
        normalize::guess_type(&values),
        "a guessed type"
    );
}

/// The formats a pipeline input's files are written in.
const FORMATS: [&str; 7] = ["json", "jsonl", "yaml", "toml", "md", "csv", "tsv"];
/// The names they are written under: kinds, and names that name none.
const STEMS: [&str; 6] = [
    "projects",
    "clients",
    "deals",
    "campaigns",
    "state",
    "notes",
];
/// At most this many files from one input.
const MAX_FILES: usize = 4;

/// The configuration of the pipeline target: two seats and a shadow one,
/// with ownership patterns, over a state directory the input fills.
const PIPELINE_CONFIG: &str = r#"[briefing]
org = "Fuzz"
state_dir = "state"
date_order = "mdy"

[[seat]]
name = "tracker"
owner = "Ada"
files = ["tracker/**"]
owns = ["project.*", "*.status"]
cadence = "1d"

[[seat]]
name = "finance"
owner = "Ben"
files = ["finance/**"]
owns = ["*.budget", "*.amount", "deal.*"]
escalate_to = "tracker"

[[seat]]
name = "trial"
files = ["trial/**"]
owns = ["*.due"]
shadow = true
"#;
const SEAT_DIRS: [&str; 4] = ["tracker", "finance", "trial", "unclaimed"];

/// The files of one pipeline input: the input split at NUL bytes into at
/// most [`MAX_FILES`] parts, each part's first byte choosing its format,
/// name and seat and the rest its content. Each path is relative to the
/// state directory.
pub fn pipeline_files(data: &[u8]) -> Vec<(String, &[u8])> {
    let mut files: Vec<(String, &[u8])> = Vec::new();
    for part in data.splitn(MAX_FILES, |&b| b == 0) {
        let Some((&head, content)) = part.split_first() else {
            continue;
        };
        let head = usize::from(head);
        let format = FORMATS[head % FORMATS.len()];
        let stem = STEMS[head / FORMATS.len() % STEMS.len()];
        let dir = SEAT_DIRS[head / (FORMATS.len() * STEMS.len()) % SEAT_DIRS.len()];
        let mut path = format!("{dir}/{stem}.{format}");
        if files.iter().any(|(p, _)| *p == path) {
            path = format!("{dir}/{stem}-{}.{format}", files.len());
        }
        files.push((path, content));
    }
    files
}

/// The whole pipeline, from files held in memory to the plain and JSON
/// outputs: every file is in the briefing, and one it cannot read has an
/// error; every diagnostic names a file written, at a position within it;
/// the outputs hold no control character but line breaks, the JSON is
/// JSON; and a second run gives the same outputs.
fn check_pipeline(data: &[u8]) {
    // The configuration sits in an empty directory of its own, so the
    // decisions file a run looks for beside it is never there.
    thread_local! {
        static DIR: (tempfile::TempDir, Config) = {
            let dir = tempfile::tempdir().expect("a temporary directory");
            let path = dir.path().join("briefing.toml");
            let config = Config::parse(PIPELINE_CONFIG, &path).expect("the configuration parses");
            (dir, config)
        };
    }
    DIR.with(|(_dir, config)| check_pipeline_in(data, config));
}

fn check_pipeline_in(data: &[u8], config: &Config) {
    let files = pipeline_files(data);
    let held: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(path, content)| (path.clone(), content.to_vec()))
        .collect();
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date");
    let modified = today.and_hms_opt(6, 0, 0).expect("a time").and_utc().into();
    let run = || {
        let briefing = crate::run_files(config, today, &held, modified).expect("the pipeline runs");
        let plain = crate::report::plain::render(&briefing, &Default::default());
        let mut json = Vec::new();
        crate::report::json::write(&mut json, &briefing).expect("JSON written");
        (
            briefing,
            plain,
            String::from_utf8(json).expect("JSON is UTF-8"),
        )
    };
    let (briefing, plain, json) = run();

    for (path, content) in &files {
        let Some(file) = briefing.files.iter().find(|f| f.path == *path) else {
            panic!("{path} is missing from the briefing's files");
        };
        let errors = briefing
            .diagnostics
            .iter()
            .filter(|d| d.file == *path && d.severity == crate::diag::Severity::Error);
        if !file.readable {
            assert!(errors.count() > 0, "{path} was not read and has no error");
        }
        let lines = Lines::new(&text_of(content));
        for d in briefing.diagnostics.iter().filter(|d| d.file == *path) {
            check_message(&d.message, "a diagnostic");
            if let Some(line) = d.line {
                assert!(
                    lines.holds(line, d.column),
                    "a diagnostic at {}: {} is outside the file ({} lines)",
                    d.place(),
                    d.message,
                    lines.0.len()
                );
            }
        }
    }
    for d in &briefing.diagnostics {
        assert!(
            files.iter().any(|(p, _)| *p == d.file),
            "a diagnostic for a file not written: {}: {}",
            d.place(),
            d.message
        );
    }
    if let Some(c) = plain.chars().find(|&c| c != '\n' && is_unsafe(c)) {
        panic!("the plain output holds {c:?}:\n{plain}");
    }
    if let Some(c) = json.chars().find(|&c| c != '\n' && is_unsafe(c)) {
        panic!("the JSON output holds {c:?}");
    }
    let value: serde_json::Value = serde_json::from_str(&json).expect("the JSON output parses");
    check_json_strings(&value);
    let (_, plain_again, json_again) = run();
    assert_eq!(plain, plain_again, "the plain output of a second run");
    assert_eq!(json, json_again, "the JSON output of a second run");
}

fn check_json_strings(value: &serde_json::Value) {
    let clean = |s: &str| {
        assert!(
            !s.chars().any(|c| c != '\n' && is_unsafe(c)),
            "a JSON string holds a control character: {s:?}"
        );
    };
    match value {
        serde_json::Value::String(s) => clean(s),
        serde_json::Value::Array(items) => items.iter().for_each(check_json_strings),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                clean(k);
                check_json_strings(v);
            }
        }
        serde_json::Value::Null | serde_json::Value::Bool(_) | serde_json::Value::Number(_) => {}
    }
}
