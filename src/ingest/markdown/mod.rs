//! Reader for Markdown state files.
//!
//! Agents write Markdown for people, so only four conventions carry data:
//! front matter, pipe tables (one record per row, the kind named by the
//! nearest heading), `Kind: Name` headings followed by `- Key: value`
//! bullets (one record), and plain headings under a heading, followed by
//! such bullets (in [`Document::headed`](super::tree::Document::headed):
//! `records` reads one as prose of the outer heading's kind when that
//! heading names one).
//! Bullets that open with a bold or linked phrase outside a record are
//! prose, for `records` to read.
//!
//! Front matter is read line by line (`front_matter.rs`); everything after
//! it is read from pulldown-cmark's events (`events.rs`), which collect the
//! text of headings, cells and bullets with where each piece came from
//! (`inline.rs`), split `Key: value` text (`key_value.rs`), and hand it to
//! the open sections and their records (`sections.rs`) or to the table
//! being read (`table.rs`).

use pulldown_cmark::{Options, Parser};

use super::tree::{Document, ParseError};
use events::Reader;

mod events;
mod front_matter;
mod inline;
mod key_value;
mod sections;
mod table;

/// Reads a Markdown file.
///
/// Produces one root per top-level table and per top-level `Kind: Name`
/// section, in file order. A table root is
/// `Map[heading text -> List[row Map]]` (the key is `""` when no heading
/// precedes the table); a section root is
/// `Map[Kind -> Map[name -> Name, Key -> value ...]]`.
///
/// Inside a `Kind: Name` section, a deeper `Kind: Name` heading and a table
/// under a deeper plain heading become entries of the section's record
/// (as a kind key nested in a JSON record would), so they keep their parent.
/// Bullets nested under a bullet are ignored, as is anything in a bullet
/// after its first paragraph.
///
/// Broken or unclosed front matter is a [`Problem`](super::tree::Problem);
/// the rest of the file is still read, so this never fails.
pub fn parse(text: &str) -> Result<Document<'_>, ParseError> {
    // pulldown-cmark doesn't skip a byte order mark, and editors don't count
    // it as a column.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut document = Document::default();
    let body = front_matter::read(text, &mut document);
    let mut reader = Reader::new(text);
    let parser = Parser::new_ext(&text[body..], Options::ENABLE_TABLES);
    for (event, range) in parser.into_offset_iter() {
        reader.event(event, range.start + body..range.end + body);
    }
    let read = reader.finish();
    document.roots = read.roots;
    document.headed = read.headed;
    document.prose = read.prose;
    document.problems.extend(read.problems);
    Ok(document)
}

#[cfg(test)]
mod tests;
