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
use tree::{Document, ParseError, Problem};
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
    Ok(read_all(config, vocab, progress, walked, Files::Disk))
}

/// Reads state files held in memory as [`ingest`] reads them from disk,
/// so the whole pipeline can run without a file system (the `pipeline`
/// fuzz target does). Each path is relative to the state directory and
/// written with `/`; paths are ordered, ignored and skipped as the walk
/// does, and a path given twice is read once, with its last bytes. Every
/// file was last modified at `modified`.
pub fn ingest_files(
    config: &Config,
    vocab: &Vocab,
    files: &[(String, Vec<u8>)],
    modified: std::time::SystemTime,
) -> Ingested {
    let by_path: std::collections::HashMap<&str, &[u8]> = files
        .iter()
        .map(|(rel, bytes)| (rel.as_str(), bytes.as_slice()))
        .collect();
    let walked = walk::listed(&config.state_dir, &config.ignore, by_path.keys().copied());
    let files = Files::Memory {
        files: &by_path,
        modified,
    };
    read_all(config, vocab, &crate::progress::Silent, walked, files)
}

/// Where the candidates' bytes are.
#[derive(Clone, Copy)]
enum Files<'a> {
    Disk,
    Memory {
        files: &'a std::collections::HashMap<&'a str, &'a [u8]>,
        modified: std::time::SystemTime,
    },
}

impl Files<'_> {
    fn read(self, candidate: &Candidate, vocab: &Vocab, buffer: &mut Vec<u8>) -> FileResult {
        match self {
            Files::Disk => read_file(candidate, &FileSystem(&candidate.abs), vocab, buffer),
            Files::Memory { files, modified } => {
                let source = Memory {
                    bytes: files
                        .get(candidate.rel.as_str())
                        .copied()
                        .unwrap_or_default(),
                    modified,
                };
                read_file(candidate, &source, vocab, buffer)
            }
        }
    }
}

/// Reads every candidate the walk found.
fn read_all(
    config: &Config,
    vocab: &Vocab,
    progress: &dyn crate::progress::Progress,
    walked: walk::Walked,
    files: Files<'_>,
) -> Ingested {
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
                    let result = files.read(candidate, vocab, buffer);
                    let _ = sender.send((index, result));
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
    ingested
}

/// What [`parse_only`] read.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    /// Files read and decoded.
    pub files: usize,
    pub bytes: u64,
    /// Top-level values of the files that parsed (see [`Document::roots`]).
    pub roots: usize,
}

/// The parse floor of a briefing: walks the state directory and reads,
/// decodes and parses every file with the readers [`ingest`] uses, over
/// the same threads, and keeps nothing. What a full run costs above it is
/// finding records, reconciling and analysing.
pub fn parse_only(config: &Config) -> Result<Parsed, String> {
    let walked = walk::walk(&config.state_dir, &config.ignore)?;
    let parsed = walked
        .candidates
        .par_iter()
        .map_init(Vec::new, |buffer, candidate| {
            if read_stable(&candidate.abs, buffer).is_err() {
                return Parsed::default();
            }
            let roots = decode(buffer).map_or(0, |text| parse_roots(candidate.format, text));
            Parsed {
                files: 1,
                bytes: buffer.len() as u64,
                roots,
            }
        })
        .reduce(Parsed::default, |a, b| Parsed {
            files: a.files + b.files,
            bytes: a.bytes + b.bytes,
            roots: a.roots + b.roots,
        });
    Ok(parsed)
}

/// How many top-level values `text` holds, parsed as [`read_records`]
/// parses it: a table or a log a part at a time.
fn parse_roots(format: Format, text: &str) -> usize {
    if let Some(delimiter) = table_delimiter(format, text) {
        let table = csv::read(text, delimiter, PART, |_| {});
        return usize::from(table.header.is_some());
    }
    if format == Format::JsonLines {
        return jsonl::read(text, PART, |_, _| {}).map_or(0, |log| log.roots);
    }
    parse(format, text).map_or(0, |doc| doc.roots.len())
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
fn read_file(
    candidate: &Candidate,
    source: &dyn Source,
    vocab: &Vocab,
    buffer: &mut Vec<u8>,
) -> FileResult {
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
    let modified = match read_stable_from(source, buffer) {
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
    let stem = candidate
        .abs
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    let file_kind = vocab.kind_of_heading(stem);
    match read_records(candidate.format, text, vocab, file_kind) {
        Ok(read) => {
            result.readable = true;
            result.later_wins = read.later_wins;
            result.extracted = read.extracted;
            let problems = read.problems.iter().chain(&result.extracted.problems);
            for p in problems {
                result
                    .diagnostics
                    .push(diag(Some(p.pos), p.severity, p.message.clone()));
            }
            let extracted = &result.extracted;
            if extracted.mentions.is_empty()
                && extracted.prose.is_empty()
                && read.problems.is_empty()
            {
                let extension = candidate
                    .abs
                    .extension()
                    .and_then(|s| s.to_str())
                    .unwrap_or("");
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

/// What one file's text gives: its records, the problems its reader found
/// and whether its later roots replace earlier ones.
struct FileRecords {
    extracted: Extracted,
    problems: Vec<Problem>,
    later_wins: bool,
}

/// Rows of a table, or lines of a log, handed from their reader to the
/// records at a time: the tree of a part is a few hundred kilobytes, where
/// a whole file's would be four to over ten times the file.
const PART: usize = 1024;

/// Parses `text` as `format` and finds its records; a table or a log a
/// part at a time (see [`records::Rows`] and [`records::Roots`]), anything
/// else whole.
fn read_records(
    format: Format,
    text: &str,
    vocab: &Vocab,
    file_kind: Option<&str>,
) -> Result<FileRecords, ParseError> {
    if let Some(delimiter) = table_delimiter(format, text) {
        let mut rows = records::Rows::new(vocab, file_kind);
        let table = csv::read(text, delimiter, PART, |part| rows.read(part));
        return Ok(FileRecords {
            extracted: rows.finish(),
            problems: table.problems,
            later_wins: false,
        });
    }
    if format == Format::JsonLines {
        let mut roots = records::Roots::new(vocab, file_kind);
        let log = jsonl::read(text, PART, |part, whole| roots.read(part, whole))?;
        return Ok(FileRecords {
            extracted: roots.finish(),
            problems: log.problems,
            later_wins: true,
        });
    }
    let doc = parse(format, text)?;
    Ok(FileRecords {
        extracted: records::extract(&doc, vocab, file_kind),
        problems: doc.problems,
        later_wins: doc.later_wins,
    })
}

/// The delimiter of a format read as a table of rows.
fn table_delimiter(format: Format, text: &str) -> Option<u8> {
    match format {
        Format::Csv => Some(csv::csv_delimiter(text)),
        Format::Tsv => Some(b'\t'),
        _ => None,
    }
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
        Format::Csv | Format::Tsv => {
            csv::parse(text, table_delimiter(format, text).expect("a table"))
        }
    }
}

/// Reads a file whole into `bytes`, again if it changed while being read, so
/// a file an agent is rewriting is never half-counted.
fn read_stable(path: &Path, bytes: &mut Vec<u8>) -> Result<Option<NaiveDateTime>, String> {
    read_stable_from(&FileSystem(path), bytes)
}

/// What a file looked like at one moment: a file that shrinks, grows, is
/// rewritten or is replaced by another (a rename over it) changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    /// Device and inode on Unix, so a replacement of the same size and time
    /// still differs.
    identity: (u64, u64),
    /// A file that is not a regular file (a named pipe, a device) is never
    /// read: it may block or never end.
    kind: Option<&'static str>,
}

/// The file-system operations a read needs, so tests can change a file
/// between them deterministically.
trait Source {
    /// The stamp of the file the path names now.
    fn stamp(&self) -> std::io::Result<Stamp>;
    /// Opens the file, then reads at most `limit` bytes of it into `bytes`;
    /// returns the stamp of the file opened, taken before reading.
    fn read(&self, limit: u64, bytes: &mut Vec<u8>) -> std::io::Result<Stamp>;
}

struct FileSystem<'a>(&'a Path);

impl FileSystem<'_> {
    fn stamp_of(metadata: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let identity = {
            use std::os::unix::fs::MetadataExt;
            (metadata.dev(), metadata.ino())
        };
        #[cfg(not(unix))]
        let identity = (0, 0);
        Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            identity,
            kind: walk::special(&metadata.file_type()),
        }
    }
}

impl Source for FileSystem<'_> {
    fn stamp(&self) -> std::io::Result<Stamp> {
        std::fs::metadata(self.0).map(|m| Self::stamp_of(&m))
    }

    fn read(&self, limit: u64, bytes: &mut Vec<u8>) -> std::io::Result<Stamp> {
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        // Should the file have been replaced by a named pipe since it was
        // looked at, opening it must not wait for a writer.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
        let file = options.open(self.0)?;
        let stamp = Self::stamp_of(&file.metadata()?);
        if stamp.kind.is_none() {
            // `Take` hides the file's length from `read_to_end`, which then
            // grows the buffer by doubling: a file a little over a power of
            // two would be held in twice its size.
            bytes.reserve_exact((stamp.len.min(limit) as usize).saturating_sub(bytes.len()));
            file.take(limit).read_to_end(bytes)?;
        }
        Ok(stamp)
    }
}

/// A file held in memory: it never changes while read.
struct Memory<'a> {
    bytes: &'a [u8],
    modified: std::time::SystemTime,
}

impl Memory<'_> {
    fn stamp(&self) -> Stamp {
        Stamp {
            len: self.bytes.len() as u64,
            modified: Some(self.modified),
            identity: (0, 0),
            kind: None,
        }
    }
}

impl Source for Memory<'_> {
    fn stamp(&self) -> std::io::Result<Stamp> {
        Ok(Memory::stamp(self))
    }

    fn read(&self, limit: u64, bytes: &mut Vec<u8>) -> std::io::Result<Stamp> {
        let end = self
            .bytes
            .len()
            .min(usize::try_from(limit).unwrap_or(usize::MAX));
        bytes.extend_from_slice(&self.bytes[..end]);
        Ok(Memory::stamp(self))
    }
}

fn too_large(len: u64) -> String {
    format!(
        "the file is {} MiB, larger than the {} MiB a state file may be; not read",
        len / (1024 * 1024),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

fn read_stable_from(
    source: &dyn Source,
    bytes: &mut Vec<u8>,
) -> Result<Option<NaiveDateTime>, String> {
    let cannot = |e: std::io::Error| format!("cannot read: {e}");
    let special = |what: &str| format!("{what}, not a regular file; not opened");
    for _ in 0..READ_ATTEMPTS {
        let before = source.stamp().map_err(cannot)?;
        if let Some(what) = before.kind {
            return Err(special(what));
        }
        if before.len > MAX_FILE_BYTES {
            return Err(too_large(before.len));
        }
        bytes.clear();
        // One byte over the limit tells a file that grew past it while read.
        let opened = source.read(MAX_FILE_BYTES + 1, bytes).map_err(cannot)?;
        if let Some(what) = opened.kind {
            return Err(special(what));
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            bytes.clear();
            bytes.shrink_to_fit();
            return Err(format!(
                "the file grew larger than the {} MiB a state file may be while it was read; not read",
                MAX_FILE_BYTES / (1024 * 1024)
            ));
        }
        let after = source.stamp().map_err(cannot)?;
        if before == opened && opened == after && after.len == bytes.len() as u64 {
            let modified = after
                .modified
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

    /// A file that is `contents[i]` at the i-th look (stamps and reads
    /// alike), the last one from then on, with an inode per version.
    struct Changing {
        contents: Vec<(u64, &'static str)>,
        looks: std::cell::Cell<usize>,
        kind: Option<&'static str>,
    }

    impl Changing {
        fn new(contents: &[(u64, &'static str)]) -> Self {
            Changing {
                contents: contents.to_vec(),
                looks: std::cell::Cell::new(0),
                kind: None,
            }
        }

        fn look(&self) -> (Stamp, &'static str) {
            let i = self.looks.get().min(self.contents.len() - 1);
            self.looks.set(self.looks.get() + 1);
            let (inode, text) = self.contents[i];
            let stamp = Stamp {
                len: text.len() as u64,
                modified: None,
                identity: (1, inode),
                kind: self.kind,
            };
            (stamp, text)
        }
    }

    impl Source for Changing {
        fn stamp(&self) -> std::io::Result<Stamp> {
            Ok(self.look().0)
        }

        fn read(&self, limit: u64, bytes: &mut Vec<u8>) -> std::io::Result<Stamp> {
            let (stamp, text) = self.look();
            let text = &text.as_bytes()[..text.len().min(limit as usize)];
            bytes.extend_from_slice(text);
            Ok(stamp)
        }
    }

    #[test]
    fn a_file_that_shrinks_while_read_is_read_again() {
        // Stamped long, read long, then seen short: read again, whole.
        let file = Changing::new(&[
            (1, "{\"a\": 1, \"b\": 2}"),
            (1, "{\"a\": 1, \"b\": 2}"),
            (1, "{}"),
        ]);
        let mut bytes = Vec::new();
        read_stable_from(&file, &mut bytes).unwrap();
        assert_eq!(bytes, b"{}");
        assert_eq!(file.looks.get(), 6, "two attempts of three looks each");
    }

    #[test]
    fn a_file_replaced_while_read_is_read_again() {
        // Same size, another inode: a rename over the file between looks.
        let file = Changing::new(&[(1, "[1]"), (2, "[2]"), (2, "[2]")]);
        let mut bytes = Vec::new();
        read_stable_from(&file, &mut bytes).unwrap();
        assert_eq!(bytes, b"[2]");
    }

    #[test]
    fn a_file_that_keeps_changing_is_not_counted() {
        let versions: Vec<(u64, &str)> = (1..=20).map(|i| (i, "[1]")).collect();
        let file = Changing::new(&versions);
        let mut bytes = Vec::new();
        let message = read_stable_from(&file, &mut bytes).unwrap_err();
        assert!(message.contains("kept changing"), "{message}");
        assert_eq!(file.looks.get(), 3 * READ_ATTEMPTS);
    }

    #[test]
    fn a_pipe_is_never_read() {
        let mut file = Changing::new(&[(1, "endless")]);
        file.kind = Some("a named pipe (FIFO)");
        let mut bytes = Vec::new();
        let message = read_stable_from(&file, &mut bytes).unwrap_err();
        assert_eq!(
            message,
            "a named pipe (FIFO), not a regular file; not opened"
        );
        assert!(bytes.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_not_read_even_through_its_path() {
        let mut bytes = Vec::new();
        let message = read_stable(Path::new("/dev/zero"), &mut bytes).unwrap_err();
        assert_eq!(
            message,
            "a character device, not a regular file; not opened"
        );
        assert!(bytes.is_empty());
    }

    #[test]
    fn decode_strips_bom_and_locates_bad_bytes() {
        assert_eq!(decode(b"\xEF\xBB\xBF{}").unwrap(), "{}");
        let (pos, _) = decode(b"ok\nab\xFFcd").unwrap_err();
        assert_eq!(pos, Pos::new(2, 3));
        assert!(decode(b"\xFF\xFEx\0").is_err());
    }
}
