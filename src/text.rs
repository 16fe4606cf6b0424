//! Text from state files is untrusted: this is where terminal control
//! characters are removed before anything can print them, and where text
//! is folded to 7 bits for `--ascii`.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Removes ANSI escape sequences and every other control character; tabs and
/// line breaks become spaces so a value stays on its line.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    // Printable ASCII, most text in state files, cannot hold anything unsafe;
    // a byte scan decides that faster than decoding characters.
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) || !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI and OSC introducers start sequences too.
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{9d}' => skip_string(&mut chars),
            '\t' | '\n' | '\r' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether `c` is a character [`sanitize`] removes: a control character,
/// one that reorders the text around it, or one that shows as nothing
/// (a zero-width space, a soft hyphen, a word joiner, Hangul fillers, tag
/// characters), which would make `$4\u{200b}8,000` look like `$48,000`
/// and compare as another value. Joiners and selectors that shape scripts
/// and emoji (U+200C, U+200D, U+FE0F) are kept.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{3164}'
                | '\u{ffa0}'
                | '\u{e0000}'..='\u{e007f}'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{180e}'
                | '\u{feff}'
        )
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_until_final(chars);
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            chars.next();
            skip_string(chars);
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

/// CSI: parameters and intermediates, then one final byte in `@`..=`~`.
fn skip_until_final(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// OSC, DCS and friends run to BEL or to ST (`ESC \`).
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        if c == '\u{7}' || c == '\u{9c}' {
            break;
        }
        if c == '\u{1b}' {
            if chars.peek() == Some(&'\\') {
                chars.next();
            }
            break;
        }
    }
}

/// A file name as it can be shown: bytes that are not UTF-8 as `\xFF`,
/// control and bidirectional characters as `\x1b` or `\u{202e}`, and the
/// rest as it is. A name is shown escaped rather than cleaned, so that two
/// names that differ only in such bytes still read as two.
pub fn escape_name(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(name);
    #[cfg(not(unix))]
    let lossy = name.to_string_lossy();
    #[cfg(not(unix))]
    let bytes = lossy.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                c if (c as u32) < 0x80 && is_unsafe(c) => {
                    out.push_str(&format!("\\x{:02x}", c as u32));
                }
                c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// 7-bit text: accents dropped, typographic punctuation replaced, anything
/// else that is not ASCII shown as `?`.
pub fn to_ascii(text: &str) -> String {
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            c if c.is_ascii() => c.to_string(),
            '‘' | '’' | '′' => "'".to_string(),
            '“' | '”' | '″' => "\"".to_string(),
            '–' | '—' | '−' | '‐' => "-".to_string(),
            '·' | '•' => "-".to_string(),
            '…' => "...".to_string(),
            '€' => "EUR ".to_string(),
            '£' => "GBP ".to_string(),
            '×' => "x".to_string(),
            _ => "?".to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_folds_what_it_can() {
        assert_eq!(to_ascii("Café — “Zoë” · 5€"), "Cafe - \"Zoe\" - 5EUR ");
        assert_eq!(to_ascii("日本"), "??");
    }

    #[test]
    fn strips_sequences_whole() {
        assert_eq!(sanitize("\u{1b}[31mRED\u{1b}[0m alert"), "RED alert");
        assert_eq!(sanitize("title\u{1b}]0;pwned\u{7} here"), "title here");
        assert_eq!(
            sanitize("a\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "alink"
        );
        assert_eq!(sanitize("bell\u{7}\u{8}x"), "bellx");
        assert_eq!(sanitize("two\nlines\ttab"), "two lines tab");
        assert_eq!(sanitize("\u{9b}2Jcleared"), "cleared");
        assert_eq!(sanitize("rtl\u{202e}txt"), "rtltxt");
        assert_eq!(sanitize("$4\u{200b}8,000\u{2060}\u{feff}"), "$48,000");
        assert_eq!(sanitize("2026\u{ad}-12-01\u{e0041}\u{3164}"), "2026-12-01");
        assert_eq!(sanitize("👩\u{200d}💻"), "👩\u{200d}💻");
    }

    #[test]
    fn names_show_escaped() {
        use std::ffi::OsStr;
        assert_eq!(escape_name(OsStr::new("Café.json")), "Café.json");
        assert_eq!(escape_name(OsStr::new("a\u{1b}[31mb")), "a\\x1b[31mb");
        assert_eq!(escape_name(OsStr::new("tab\there")), "tab\\x09here");
        assert_eq!(escape_name(OsStr::new("rtl\u{202e}x")), "rtl\\u{202e}x");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let name = OsStr::from_bytes(b"bad\xFF\xFEname.json");
            assert_eq!(escape_name(name), "bad\\xFF\\xFEname.json");
        }
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize("Acme Website — Dec 1"), Cow::Borrowed(_)));
    }

    proptest! {
        #[test]
        fn output_never_holds_control_characters(s in ".*") {
            let clean = sanitize(&s);
            prop_assert!(!clean.chars().any(is_unsafe));
        }
    }
}
