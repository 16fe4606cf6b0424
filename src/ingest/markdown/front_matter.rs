//! Front matter: a YAML (`---`) or TOML (`+++`) block that opens the file,
//! read as the file's metadata.
//!
//! It is found line by line rather than through pulldown-cmark's metadata
//! blocks, which silently fall back to a thematic break when the closing
//! fence is missing: a missing fence is worth telling the user about.

use crate::diag::{Pos, Severity};
use crate::ingest::tree::{Document, Node, NodeValue, ParseError, Problem};

#[derive(Clone, Copy)]
enum FrontMatterSyntax {
    Yaml,
    Toml,
}

impl FrontMatterSyntax {
    fn opened_by(line: &str) -> Option<Self> {
        match line.trim_end() {
            "---" => Some(Self::Yaml),
            "+++" => Some(Self::Toml),
            _ => None,
        }
    }

    fn is_closed_by(self, line: &str) -> bool {
        let line = line.trim_end();
        match self {
            // `...` is YAML's own end-of-document marker.
            Self::Yaml => line == "---" || line == "...",
            Self::Toml => line == "+++",
        }
    }

    fn fence(self) -> &'static str {
        match self {
            Self::Yaml => "---",
            Self::Toml => "+++",
        }
    }

    fn parse<'a>(
        self,
        text: &'a str,
        first_line: u32,
        problems: &mut Vec<Problem>,
    ) -> Result<Node<'a>, ParseError> {
        match self {
            Self::Yaml => crate::ingest::yaml::parse_front_matter(text, first_line, problems),
            Self::Toml => crate::ingest::toml::parse_front_matter(text, first_line, problems),
        }
    }
}

/// Reads front matter into `document` and returns the byte offset where the
/// Markdown body starts.
pub(super) fn read<'a>(text: &'a str, document: &mut Document<'a>) -> usize {
    let mut lines = text.split_inclusive('\n');
    let Some(syntax) = lines.next().and_then(FrontMatterSyntax::opened_by) else {
        return 0;
    };
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut end = start;
    for line in lines {
        if syntax.is_closed_by(line) {
            document.front_matter =
                front_matter_node(syntax, &text[start..end], &mut document.problems);
            return end + line.len();
        }
        end += line.len();
    }
    // Without a closing fence there's no telling where metadata would end,
    // so the whole file is read as Markdown.
    document.problems.push(Problem {
        pos: Pos::new(1, 1),
        severity: Severity::Warning,
        message: format!(
            "front matter opened with `{}` is never closed; the file is read as plain Markdown",
            syntax.fence()
        ),
    });
    0
}

fn front_matter_node<'a>(
    syntax: FrontMatterSyntax,
    text: &'a str,
    problems: &mut Vec<Problem>,
) -> Option<Node<'a>> {
    if text.trim().is_empty() {
        return None;
    }
    // The front matter's first line is the file's second, after the fence.
    match syntax.parse(text, 2, problems) {
        Ok(node) => match node.value {
            NodeValue::Map(_) => Some(node),
            // Only comments: as empty as no front matter at all.
            NodeValue::Null => None,
            _ => {
                problems.push(Problem {
                    pos: node.pos,
                    severity: Severity::Error,
                    message: "front matter is not a set of `key: value` fields; it is ignored"
                        .into(),
                });
                None
            }
        },
        Err(error) => {
            problems.push(Problem {
                pos: error.pos.unwrap_or(Pos::new(2, 0)),
                severity: Severity::Error,
                message: format!(
                    "front matter can't be read, so it is ignored: {}",
                    error.message
                ),
            });
            None
        }
    }
}
