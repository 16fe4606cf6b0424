//! Reading state files: walk the state directory, pick a reader by
//! extension, and turn what each file holds into mentions.

pub mod csv;
pub mod json;
pub mod jsonl;
pub mod markdown;
pub mod records;
pub mod toml;
pub mod tree;
pub mod walk;
pub mod yaml;

use crate::config::Config;
use crate::diag::{Diagnostic, Pos, Severity};
use crate::model::{AsOfSource, FileId, FileInfo, Format, Ingested, MentionId, SeatId};
use crate::vocab::Vocab;
use chrono::NaiveDateTime;
use rayon::prelude::*;
use records::Extracted;
use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;
use tree::{Document, ParseError};
use walk::Candidate;

/// Files larger than this are reported, not read: a state file this size is
/// a runaway log, and reading it would hold up the whole briefing.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// How often a file that keeps changing under us is read again.
const READ_ATTEMPTS: usize = 3;

/// Reads every state file under the configured state directory.
pub fn ingest(config: &Config, vocab: &Vocab) -> Result<Ingested, String> {
    ingest_with(config, vocab, &crate::progress::Silent)
}

/// [`ingest`], telling `progress` of each file as it is placed.
pub fn ingest_with(
    config: &Config,
    vocab: &Vocab,
    progress: &dyn crate::progress::Progress,
) -> Result<Ingested, String> {
    let walked = walk::walk(&config.state_dir, &config.ignore)?;
    let candidates = &walked.candidates;
    let mut ingested = Ingested {
        skipped: walked.skipped,
        diagnostics: walked.diagnostics,
        files: Vec::with_capacity(candidates.len()),
        ..Ingested::default()
    };
    // Each file is placed as soon as the files before it are, rather than
    // after all are read: holding every file's mentions and then copying
    // them into one vector would hold two copies of every mention at the
    // peak. Placing is in walk order on this thread, so ids and interned
    // names are numbered the same whatever order files are read in.
    // `par_bridge` hands files out in walk order, so few wait to be placed.
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            candidates.iter().enumerate().par_bridge().for_each_init(
                || (sender.clone(), Vec::new()),
                |(sender, buffer), (index, candidate)| {
                    // Sending fails only if placing has panicked, which the
                    // scope reports anyway.
                    let _ = sender.send((index, read_file(candidate, vocab, buffer)));
                },
            );
        });
        let mut waiting = BTreeMap::new();
        for (index, result) in receiver {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&ingested.files.len()) {
                let candidate = &candidates[ingested.files.len()];
                place(&mut ingested, config, candidate, result);
                progress.files(
                    ingested.files.len(),
                    candidates.len(),
                    ingested.mentions.len(),
                );
            }
        }
    });
    ingested.diagnostics.sort();
    // The list grew by doubling as files were placed, and is held for the
    // whole run: a shrink gives back megabytes in a large organisation.
    ingested.mentions.shrink_to_fit();
    Ok(ingested)
}

/// Adds one file's mentions, with file ids, parent indices and interned
/// names made the run's.
fn place(ingested: &mut Ingested, config: &Config, candidate: &Candidate, result: FileResult) {
    let file_id = FileId::new(ingested.files.len());
    let offset = ingested.mentions.len();
    let FileResult {
        extracted,
        mut diagnostics,
        modified,
        readable,
        later_wins,
    } = result;
    let seat = match config.seat_of_file(&candidate.rel) {
        Some(seat) => Some(SeatId::new(seat)),
        None => match extracted.seat.as_deref() {
            Some(name) => match config.seats.iter().position(|s| s.name == name) {
                Some(i) => Some(SeatId::new(i)),
                None => {
                    diagnostics.push(Diagnostic::new(
                        &candidate.rel,
                        None,
                        Severity::Warning,
                        format!(
                            "the file names seat `{name}`, which briefing.toml does not declare"
                        ),
                    ));
                    None
                }
            },
            None => None,
        },
    };
    let newest_record = extracted.times.iter().max().copied();
    // A file that could not be read says nothing about how fresh its seat is.
    let (as_of, as_of_source) = match (extracted.as_of, newest_record) {
        (Some(t), _) => (Some(t), AsOfSource::Field),
        (None, Some(t)) => (Some(t), AsOfSource::Records),
        (None, None) => (modified.filter(|_| readable), AsOfSource::Modified),
    };
    ingested.files.push(FileInfo {
        path: candidate.rel.clone(),
        format: candidate.format,
        seat,
        later_wins,
        as_of,
        as_of_source,
        mentions: extracted.mentions.len() as u32,
        readable,
    });
    let Extracted {
        mentions,
        prose,
        text,
        mut fields,
        mut ids,
        times,
        interner,
        ..
    } = extracted;
    // The names the file's records use, numbered as the run numbers them.
    let mut renumbering = ingested.interner.renumber_from(&interner);
    for field in &mut fields {
        field.name = renumbering.field_name(field.name);
    }
    for (namespace, _) in &mut ids {
        *namespace = renumbering.symbol(*namespace);
    }
    ingested.mentions.extend(mentions.into_iter().map(|mut m| {
        m.file = file_id;
        m.kind = renumbering.symbol(m.kind);
        m.parent = m.parent.map(|p| MentionId::new(offset + p.index()));
        m
    }));
    ingested.prose.extend(prose.into_iter().map(|mut m| {
        m.file = file_id;
        m.kind = renumbering.symbol(m.kind);
        m
    }));
    ingested.texts.push(text.into_boxed_str());
    ingested.fields.push(fields.into_boxed_slice());
    ingested.ids.push(ids.into_boxed_slice());
    ingested.times.push(times.into_boxed_slice());
    ingested.diagnostics.extend(diagnostics);
}

struct FileResult {
    later_wins: bool,
    extracted: Extracted,
    diagnostics: Vec<Diagnostic>,
    modified: Option<NaiveDateTime>,
    readable: bool,
}

/// `buffer` is reused from file to file on one thread: allocating and
/// freeing a file-sized block per file made the allocator sweep the small
/// blocks the previous file's tree left behind.
fn read_file(candidate: &Candidate, vocab: &Vocab, buffer: &mut Vec<u8>) -> FileResult {
    let diag = |pos: Option<Pos>, severity, message: String| {
        Diagnostic::new(&candidate.rel, pos, severity, message)
    };
    let mut result = FileResult {
        extracted: Extracted::default(),
        diagnostics: Vec::new(),
        modified: None,
        readable: false,
        later_wins: false,
    };
    let modified = match read_stable(&candidate.abs, buffer) {
        Ok(modified) => modified,
        Err(message) => {
            result
                .diagnostics
                .push(diag(None, Severity::Error, message));
            return result;
        }
    };
    result.modified = modified;
    let text = match decode(buffer) {
        Ok(text) => text,
        Err((pos, message)) => {
            result
                .diagnostics
                .push(diag(Some(pos), Severity::Error, message));
            return result;
        }
    };
    if text.trim().is_empty() {
        result.readable = true;
        result.diagnostics.push(diag(
            None,
            Severity::Warning,
            "the file is empty".to_string(),
        ));
        return result;
    }
    match parse(candidate.format, text) {
        Ok(doc) => {
            result.readable = true;
            result.later_wins = doc.later_wins;
            let stem = candidate
                .abs
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("");
            let extension = candidate
                .abs
                .extension()
                .and_then(|s| s.to_str())
                .unwrap_or("");
            let file_kind = vocab.kind_of_heading(stem);
            result.extracted = records::extract(&doc, vocab, file_kind);
            let problems = doc.problems.iter().chain(&result.extracted.problems);
            for p in problems {
                result
                    .diagnostics
                    .push(diag(Some(p.pos), p.severity, p.message.clone()));
            }
            let extracted = &result.extracted;
            if extracted.mentions.is_empty()
                && extracted.prose.is_empty()
                && doc.problems.is_empty()
            {
                result.diagnostics.push(diag(
                    None,
                    Severity::Info,
                    format!(
                        "no records found: no key, heading or file name names a kind ({}); {}",
                        vocab.kinds().join(", "),
                        result.extracted.unread_hint(stem, extension)
                    ),
                ));
            }
        }
        Err(ParseError { pos, message }) => {
            let message = format!("cannot parse as {}: {message}", candidate.format.name());
            result.diagnostics.push(diag(pos, Severity::Error, message));
        }
    }
    result
}

/// Parses `text` (already decoded, without a byte order mark) with the
/// reader for `format`.
pub fn parse(format: Format, text: &str) -> Result<Document<'_>, ParseError> {
    match format {
        Format::Json => json::parse(text),
        Format::JsonLines => jsonl::parse(text),
        Format::Yaml => yaml::parse(text),
        Format::Toml => toml::parse(text),
        Format::Markdown => markdown::parse(text),
        Format::Csv => csv::parse(text, b','),
        Format::Tsv => csv::parse(text, b'\t'),
    }
}

/// Reads a file whole into `bytes`, again if it changed while being read, so
/// a file an agent is rewriting is never half-counted.
fn read_stable(path: &Path, bytes: &mut Vec<u8>) -> Result<Option<NaiveDateTime>, String> {
    let stamp = |path: &Path| {
        std::fs::metadata(path)
            .map(|m| (m.len(), m.modified().ok()))
            .map_err(|e| format!("cannot read: {e}"))
    };
    for _ in 0..READ_ATTEMPTS {
        let before = stamp(path)?;
        if before.0 > MAX_FILE_BYTES {
            return Err(format!(
                "the file is {} MiB, over the {} MiB a state file may be; not read",
                before.0 / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ));
        }
        bytes.clear();
        std::fs::File::open(path)
            .and_then(|mut file| file.read_to_end(bytes))
            .map_err(|e| format!("cannot read: {e}"))?;
        let after = stamp(path)?;
        if before == after && after.0 == bytes.len() as u64 {
            let modified = after
                .1
                .map(|t| chrono::DateTime::<chrono::Local>::from(t).naive_local());
            return Ok(modified);
        }
    }
    Err(format!(
        "the file kept changing while it was read ({READ_ATTEMPTS} attempts); not counted"
    ))
}

/// UTF-8 text without a byte order mark, or where the first invalid byte is.
fn decode(bytes: &[u8]) -> Result<&str, (Pos, String)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err((
            Pos::new(1, 1),
            "the file is UTF-16; state files must be UTF-8".to_string(),
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        let pos = crate::diag::LineIndex::new(valid).pos(valid.len());
        (pos, "the file is not valid UTF-8".to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_the_records_use_are_kept_for_the_run() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        std::fs::create_dir_all(state.join("crm")).unwrap();
        std::fs::write(
            state.join("crm/clients.json"),
            r#"{"clients": {"Quillfeather Orchards 4417": {"quillfeather_status": "active"}}}"#,
        )
        .unwrap();
        let config_path = dir.path().join("briefing.toml");
        std::fs::write(
            &config_path,
            "[briefing]\norg = \"Test\"\nstate_dir = \"state\"\n",
        )
        .unwrap();
        let config = Config::load(&config_path).unwrap();
        let ingested = ingest(&config, &Vocab::new(&config)).unwrap();
        let interner = &ingested.interner;
        assert_eq!(&interner[ingested.mentions[0].kind], "client");
        assert!(
            interner.get("quillfeather_status").is_some(),
            "a field name"
        );
        // A map keyed by name has a key per record: those stay out.
        assert_eq!(interner.get("quillfeather_orchards_4417"), None);
    }

    #[test]
    fn decode_strips_bom_and_locates_bad_bytes() {
        assert_eq!(decode(b"\xEF\xBB\xBF{}").unwrap(), "{}");
        let (pos, _) = decode(b"ok\nab\xFFcd").unwrap_err();
        assert_eq!(pos, Pos::new(2, 3));
        assert!(decode(b"\xFF\xFEx\0").is_err());
    }
}
