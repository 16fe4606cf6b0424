//! Reader for JSON Lines state files (`.jsonl`, `.ndjson`): one JSON value
//! per line, usually an append-only event log.
//!
//! A bad line is a [`Problem`] and the other lines still count, because one
//! half-written append must not hide the rest of a log. Only when no
//! non-blank line can be read is the file a [`ParseError`]: then it is
//! probably not JSON Lines at all, and saying so once beats one problem per
//! line.

use crate::diag::{LineIndex, Severity};
use crate::ingest::json;
use crate::ingest::tree::{Document, Node, ParseError, Problem};

/// Parses each non-blank line as one root, in file order, with positions
/// in the whole file. Later roots win (`later_wins`).
pub fn parse(text: &str) -> Result<Document<'_>, ParseError> {
    let mut roots = Vec::new();
    let log = read(text, usize::MAX, |part, _| roots.append(part))?;
    Ok(Document {
        roots,
        later_wins: true,
        problems: log.problems,
        ..Document::default()
    })
}

/// What [`read`] found besides the roots it handed over.
#[derive(Debug)]
pub struct Log {
    /// How many roots it handed over.
    pub roots: usize,
    pub problems: Vec<Problem>,
}

/// Parses each non-blank line as one root, as [`parse`] does, and hands
/// the roots to `roots` at most `part` at a time, so that a caller need
/// not hold the tree of a whole large log: `roots` may take them from the
/// list it is given. Its second argument is true when the list holds every
/// root of the file, which a caller learns only at the end otherwise.
///
/// When no line can be read, no root is handed over and the result is the
/// first line's error.
pub fn read<'a>(
    text: &'a str,
    part: usize,
    mut roots: impl FnMut(&mut Vec<Node<'a>>, bool),
) -> Result<Log, ParseError> {
    let text = json::strip_bom(text);
    let index = LineIndex::new(text);
    let mut log = Log {
        roots: 0,
        problems: Vec::new(),
    };
    let mut held = Vec::new();
    let mut whole = true;
    let mut first_error = None;
    for (start, line) in lines(text) {
        match json::parse_slice(line, start, &index, &mut log.problems) {
            Ok(Some(root)) => {
                // A full part is handed over only once another root is
                // found, so the last part knows whether it is the only one.
                if held.len() >= part {
                    roots(&mut held, false);
                    held.clear();
                    whole = false;
                }
                held.push(root);
                log.roots += 1;
            }
            Ok(None) => {}
            Err(err) => {
                let pos = err.pos.unwrap_or_else(|| index.pos(start));
                log.problems.push(Problem {
                    pos,
                    severity: Severity::Error,
                    message: err.message.clone(),
                });
                first_error.get_or_insert(err);
            }
        }
    }
    match first_error {
        Some(err) if log.roots == 0 => Err(ParseError {
            message: format!(
                "{} (no line of this JSON Lines file could be read)",
                err.message
            ),
            ..err
        }),
        _ => {
            if !held.is_empty() {
                roots(&mut held, whole);
            }
            Ok(log)
        }
    }
}

/// Non-blank lines with the byte offset where each starts, without their
/// line ending.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n')
        .scan(0, |start, line| {
            let at = *start;
            *start += line.len();
            Some((at, line.trim_end_matches(['\n', '\r'])))
        })
        .filter(|(_, line)| !line.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;
    use crate::ingest::tree::NodeValue;
    use proptest::prelude::*;

    #[test]
    fn each_line_is_a_root_at_its_own_line() {
        let doc = parse("{\"id\": 1}\n\n  {\"id\": 2, \"status\": \"done\"}\n").unwrap();
        assert!(doc.later_wins);
        assert_eq!(doc.roots.len(), 2);
        assert_eq!(doc.roots[0].pos, Pos::new(1, 1));
        assert_eq!(doc.roots[1].pos, Pos::new(3, 3));
        let status = &doc.roots[1].as_map().unwrap()[1];
        assert_eq!(status.key_pos, Pos::new(3, 13));
        assert_eq!(status.value.value, NodeValue::String("done".into()));
    }

    #[test]
    fn a_bad_line_is_a_problem_and_the_rest_still_count() {
        let doc = parse("{\"id\": 1}\n{\"id\": 2,\n{\"id\": 3}\n").unwrap();
        assert_eq!(doc.roots.len(), 2);
        assert_eq!(doc.roots[1].pos, Pos::new(3, 1));
        assert_eq!(doc.problems.len(), 1);
        let problem = &doc.problems[0];
        assert_eq!(problem.pos.line, 2);
        assert!(problem.pos.column >= 1);
        assert_eq!(problem.severity, Severity::Error);
        assert!(!problem.message.is_empty());
    }

    #[test]
    fn error_column_is_within_the_line() {
        let doc = parse("{\"a\": 1}\n{\"a\": 1, \"b\": ]}\n").unwrap();
        assert_eq!(doc.problems[0].pos, Pos::new(2, 15));
    }

    #[test]
    fn a_file_with_no_readable_line_is_an_error() {
        let err = parse("not json\nstill not\n").unwrap_err();
        assert_eq!(err.pos.map(|p| p.line), Some(1));
        assert!(err.message.contains("no line"), "{}", err.message);
    }

    #[test]
    fn empty_and_blank_files_have_no_roots() {
        for text in ["", "\n\n", "  \r\n\t\n", "\u{feff}"] {
            let doc = parse(text).expect("parses");
            assert!(doc.roots.is_empty(), "{text:?}");
            assert!(doc.problems.is_empty());
        }
    }

    #[test]
    fn crlf_line_endings_keep_real_lines() {
        let doc = parse("{\"a\": 1}\r\n\r\n{\"a\": 2}\r\n").unwrap();
        assert_eq!(doc.roots[1].pos, Pos::new(3, 1));
        assert!(doc.problems.is_empty());
    }

    #[test]
    fn leading_bom_is_ignored() {
        let doc = parse("\u{feff}{\"a\": 1}\n").unwrap();
        assert_eq!(doc.roots[0].pos, Pos::new(1, 1));
    }

    #[test]
    fn deep_line_is_a_problem_with_position() {
        let deep = "[".repeat(100_000);
        let text = format!("{{\"a\": 1}}\n{deep}\n");
        let doc = parse(&text).unwrap();
        assert_eq!(doc.problems.len(), 1);
        assert_eq!(doc.problems[0].pos, Pos::new(2, 129));
        assert_eq!(doc.problems[0].message, "nested deeper than 128 levels");
    }

    #[test]
    fn roots_are_handed_over_a_part_at_a_time() {
        let text = "{\"id\": 1}\n{\"id\": 2,\n{\"id\": 3}\n\n{\"id\": 4}\n";
        let mut parts = Vec::new();
        let log = read(text, 2, |part, whole| {
            let lines: Vec<u32> = part.iter().map(|root| root.pos.line).collect();
            parts.push((lines, whole));
            part.clear();
        })
        .unwrap();
        assert_eq!(parts, [(vec![1, 3], false), (vec![5], false)]);
        assert_eq!(log.roots, 3);
        assert_eq!(log.problems.len(), 1, "line 2");

        let mut parts = Vec::new();
        read("{\"id\": 1}\n", 1, |part, whole| {
            parts.push((part.len(), whole))
        })
        .unwrap();
        assert_eq!(parts, [(1, true)], "one root is the whole file");
    }

    #[test]
    fn a_log_with_no_readable_line_hands_over_nothing() {
        let mut called = false;
        let err = read("not json\n", 1, |_, _| called = true).unwrap_err();
        assert!(err.message.contains("no line"), "{}", err.message);
        assert!(!called);
    }

    #[test]
    fn many_lines_convert_in_linear_time() {
        let text: String = (0..50_000).map(|i| format!("{{\"id\": {i}}}\n")).collect();
        let doc = parse(&text).unwrap();
        assert_eq!(doc.roots.len(), 50_000);
        assert_eq!(doc.roots[49_999].pos, Pos::new(50_000, 1));
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in "(.{0,40}\n){0,5}") {
            let _ = parse(&text);
        }
    }
}
