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
use crate::ingest::tree::{Document, ParseError, Problem};

/// Parses each non-blank line as one root, in file order, with positions
/// in the whole file. Later roots win (`later_wins`).
pub fn parse(text: &str) -> Result<Document<'_>, ParseError> {
    let text = json::strip_bom(text);
    let index = LineIndex::new(text);
    let mut doc = Document {
        later_wins: true,
        ..Document::default()
    };
    let mut first_error = None;
    for (start, line) in lines(text) {
        match json::parse_slice(line, start, &index, &mut doc.problems) {
            Ok(Some(root)) => doc.roots.push(root),
            Ok(None) => {}
            Err(err) => {
                let pos = err.pos.unwrap_or_else(|| index.pos(start));
                doc.problems.push(Problem {
                    pos,
                    severity: Severity::Error,
                    message: err.message.clone(),
                });
                first_error.get_or_insert(err);
            }
        }
    }
    match first_error {
        Some(err) if doc.roots.is_empty() => Err(ParseError {
            message: format!(
                "{} (no line of this JSON Lines file could be read)",
                err.message
            ),
            ..err
        }),
        _ => Ok(doc),
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
