//! The text layout: wrapping with hanging indents, headings, and the
//! 7-bit fallback.

use super::PlainOptions;
use crate::text::to_ascii;

/// Narrower than this and nothing useful fits on a line.
const MIN_WIDTH: usize = 30;

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `2026-11-24T06:30:00` as `2026-11-24 06:30`.
pub fn short_time(iso: &str) -> String {
    let t = iso.replacen('T', " ", 1);
    t.get(..16).map_or(t.clone(), str::to_string)
}

pub struct Glyphs {
    pub dot: &'static str,
    pub rule: char,
}

pub struct Doc {
    out: String,
    width: usize,
    ascii: bool,
    pub glyphs: Glyphs,
}

impl Doc {
    pub fn new(options: &PlainOptions) -> Self {
        Self {
            out: String::new(),
            width: options.width.max(MIN_WIDTH),
            ascii: options.ascii,
            glyphs: if options.ascii {
                Glyphs {
                    dot: "-",
                    rule: '=',
                }
            } else {
                Glyphs {
                    dot: "·",
                    rule: '─',
                }
            },
        }
    }

    pub fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    pub fn heading(&mut self, title: &str) {
        self.blank();
        let title = title.to_uppercase();
        self.out.push_str(&title);
        self.out.push('\n');
        let rule: String =
            std::iter::repeat_n(self.glyphs.rule, title.chars().count().min(self.width)).collect();
        self.out.push_str(&rule);
        self.out.push('\n');
    }

    /// `text` wrapped to the width: first line indented by `first`, the
    /// rest by `rest`.
    pub fn para(&mut self, first: usize, rest: usize, text: &str) {
        let text = if self.ascii {
            to_ascii(text)
        } else {
            text.to_string()
        };
        let first_indent = " ".repeat(first);
        let rest_indent = " ".repeat(rest.min(self.width / 2));
        let options = textwrap::Options::new(self.width)
            .initial_indent(&first_indent)
            .subsequent_indent(&rest_indent)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .break_words(true);
        for line in textwrap::wrap(&text, options) {
            self.out.push_str(line.trim_end());
            self.out.push('\n');
        }
    }

    /// `text` as one line, never wrapped: a table row.
    pub fn line(&mut self, text: &str) {
        if self.ascii {
            self.out.push_str(&to_ascii(text));
        } else {
            self.out.push_str(text);
        }
        self.out.push('\n');
    }

    /// 7-bit text only (`--ascii`).
    pub fn ascii(&self) -> bool {
        self.ascii
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_wrap_with_hanging_indent() {
        let mut doc = Doc::new(&PlainOptions {
            width: 30,
            ..PlainOptions::default()
        });
        doc.para(2, 4, "one two three four five six seven eight nine ten");
        for line in doc.out.lines() {
            assert!(line.chars().count() <= 30, "{line}");
        }
        assert!(doc.out.starts_with("  one"));
        assert!(doc.out.lines().nth(1).unwrap().starts_with("    "));
    }
}
