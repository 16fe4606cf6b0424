//! `Key: value`: how a heading names a record's kind (`Project: Acme`) and
//! how a bullet gives one of its fields (`- Status: active`), told apart
//! from prose that merely contains a colon.

use super::inline::Inline;
use crate::ingest::tree::Text;

/// A `Key: value` split of inline text, with source offsets.
pub(super) struct KeyValue<'a> {
    pub(super) key: Text<'a>,
    pub(super) key_at: usize,
    pub(super) value: Text<'a>,
    pub(super) value_at: usize,
}

/// Splits `Key: value`, or `None` when the text doesn't have that shape
/// (prose that merely contains a colon, or an empty value). `source` is the
/// whole file, which the key and value borrow from where they can.
pub(super) fn key_value<'a>(inline: &Inline<'_>, source: &'a str) -> Option<KeyValue<'a>> {
    let text = inline.text();
    let colon = separator(text)?;
    let (key_part, value_part) = (&text[..colon], &text[colon + 1..]);
    let key = key_part.trim();
    let value = value_part.trim();
    if !is_key_shaped(key) || value.is_empty() {
        return None;
    }
    let key_at = key_part.len() - key_part.trim_start().len();
    let value_at = colon + 1 + value_part.len() - value_part.trim_start().len();
    Some(KeyValue {
        key: inline.slice(source, key_at..key_at + key.len()),
        key_at: inline.source(key_at)?,
        value: inline.slice(source, value_at..value_at + value.len()),
        value_at: inline.source(value_at)?,
    })
}

/// The first colon that separates a key from a value: not one inside a time
/// or ratio (`10:30`) or a URL (`https://`).
fn separator(text: &str) -> Option<usize> {
    text.match_indices(':').map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = &text[i + 1..];
        let between_digits = before.is_some_and(|c| c.is_ascii_digit())
            && after.starts_with(|c: char| c.is_ascii_digit());
        !between_digits && !after.starts_with("//")
    })
}

/// Field names and kinds are short labels (`Status`, `Due date`,
/// `accelo_id`), which tells `- Owner: Dana` from a sentence with a colon.
fn is_key_shaped(key: &str) -> bool {
    const MAX_CHARS: usize = 40;
    const MAX_WORDS: usize = 5;
    key.starts_with(char::is_alphabetic)
        && key.chars().count() <= MAX_CHARS
        && key.split_whitespace().count() <= MAX_WORDS
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || "_-./()'&".contains(c))
}
