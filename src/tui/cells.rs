//! Fitting text into cells: display widths, ellipsis truncation, padding,
//! the short time and age formats the screens use, and paths as a user
//! reads them.

use chrono::{NaiveDate, NaiveDateTime};
use std::borrow::Cow;
use std::path::Path;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` columns, ending in `ellipsis` when cut. Control
/// characters become spaces: the engine already strips them from state
/// files, and a stray one must still never reach the terminal.
pub fn fit<'a>(s: &'a str, max: usize, ellipsis: &str) -> Cow<'a, str> {
    let s: Cow<'a, str> = if s.chars().any(char::is_control) {
        Cow::Owned(
            s.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    };
    if width(&s) <= max {
        return s;
    }
    // An ellipsis wider than the cell itself is left out.
    let ellipsis = if width(ellipsis) <= max { ellipsis } else { "" };
    let room = max - width(ellipsis);
    let mut out = String::with_capacity(max + ellipsis.len());
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push_str(ellipsis);
    Cow::Owned(out)
}

/// `s` cut to at most `max` columns from the left, starting with
/// `ellipsis` when cut: for paths, whose end (file name, line) matters most.
pub fn fit_start(s: &str, max: usize, ellipsis: &str) -> String {
    if width(s) <= max && !s.chars().any(char::is_control) {
        return s.to_string();
    }
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if width(&clean) <= max {
        return clean;
    }
    let ellipsis = if width(ellipsis) <= max { ellipsis } else { "" };
    let room = max - width(ellipsis);
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in clean.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        tail.push(c);
    }
    let mut out = ellipsis.to_string();
    out.extend(tail.into_iter().rev());
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// `s` fitted to exactly `cols` columns.
pub fn cell(s: &str, cols: usize, align: Align, ellipsis: &str) -> String {
    let fitted = fit(s, cols, ellipsis);
    let pad = cols.saturating_sub(width(&fitted));
    match align {
        Align::Left => format!("{fitted}{}", " ".repeat(pad)),
        Align::Right => format!("{}{fitted}", " ".repeat(pad)),
    }
}

/// Parses the engine's ISO times (`2026-11-24T06:30:00`, maybe with
/// fractions or an offset after the seconds).
pub fn parse_time(iso: &str) -> Option<NaiveDateTime> {
    let head = iso.get(..19).unwrap_or(iso);
    NaiveDateTime::parse_from_str(head, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(head, "%Y-%m-%d %H:%M:%S"))
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(iso.get(..10)?, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        })
}

/// `Nov 24 06:30`, or the text as given when it is not a time.
pub fn short_time(iso: &str) -> String {
    match parse_time(iso) {
        Some(t) => t.format("%b %d %H:%M").to_string(),
        None => iso.to_string(),
    }
}

/// `text` with every ISO time in it (`2026-10-29T16:02:11`) written as
/// the screens write times (`Oct 29 16:02`): the engine's sentences carry
/// ISO times, the screens around them do not.
pub fn humane_times(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let is_stamp = |at: usize| {
        let b = |i: usize| bytes.get(at + i).copied().unwrap_or(0);
        let digits =
            |range: std::ops::Range<usize>| range.into_iter().all(|i| b(i).is_ascii_digit());
        digits(0..4)
            && b(4) == b'-'
            && digits(5..7)
            && b(7) == b'-'
            && digits(8..10)
            && b(10) == b'T'
            && digits(11..13)
            && b(13) == b':'
            && digits(14..16)
            && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
    };
    if !(0..bytes.len()).any(is_stamp) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < bytes.len() {
        if is_stamp(at) {
            // With its seconds, if given.
            let b = |i: usize| bytes.get(at + i).copied().unwrap_or(0);
            let len = if b(16) == b':' && b(17).is_ascii_digit() && b(18).is_ascii_digit() {
                19
            } else {
                16
            };
            out.push_str(&short_time(&text[at..at + len]));
            at += len;
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            out.push(c);
            at += c.len_utf8();
        }
    }
    Cow::Owned(out)
}

/// A path as a message shows it: relative to the working directory when
/// under it, else with the home directory as `~`.
pub fn shown_path(path: &Path) -> String {
    if let Ok(cwd) = std::env::current_dir()
        && let Ok(rel) = path.strip_prefix(&cwd)
        && !rel.as_os_str().is_empty()
    {
        return rel.display().to_string();
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty())
        && let Ok(rel) = path.strip_prefix(&home)
    {
        return Path::new("~").join(rel).display().to_string();
    }
    path.display().to_string()
}

/// How old a time is on `today`, in whole days: `today`, `1 day ago`,
/// `26 days ago`, or `in 3 days` for a time after today.
pub fn age(iso: &str, today: NaiveDate) -> Option<String> {
    let days = (today - parse_time(iso)?.date()).num_days();
    Some(match days {
        0 => "today".to_string(),
        1 => "1 day ago".to_string(),
        -1 => "in 1 day".to_string(),
        d if d < 0 => format!("in {} days", -d),
        d => format!("{d} days ago"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_with_an_ellipsis() {
        assert_eq!(fit("Acme Website", 20, "…"), "Acme Website");
        assert_eq!(fit("Acme Website", 6, "…"), "Acme …");
        assert_eq!(fit("Acme Website", 6, "~"), "Acme ~");
        assert_eq!(fit("Acme", 1, "…"), "…");
        assert_eq!(fit("Acme", 0, "…"), "");
        assert_eq!(fit("Acme", 2, "..."), "Ac");
        assert_eq!(fit("日本語テキスト", 5, "…"), "日本…");
        assert_eq!(fit("a\tb", 10, "…"), "a b");
        assert!(width(&fit("日本語", 4, "…")) <= 4);
    }

    #[test]
    fn paths_keep_their_end() {
        assert_eq!(fit_start("a/b.json:11", 20, "…"), "a/b.json:11");
        assert_eq!(
            fit_start("project-tracker/projects.json:11:19", 12, "…"),
            "….json:11:19"
        );
        assert_eq!(fit_start("abc", 0, "…"), "");
    }

    #[test]
    fn cells_are_exactly_their_width() {
        assert_eq!(cell("ab", 4, Align::Left, "…"), "ab  ");
        assert_eq!(cell("ab", 4, Align::Right, "…"), "  ab");
        assert_eq!(cell("abcdef", 4, Align::Left, "…"), "abc…");
        assert_eq!(cell("日本語", 4, Align::Left, "…"), "日… ");
    }

    #[test]
    fn iso_times_in_sentences_read_like_the_screens() {
        assert_eq!(
            humane_times("stale since 2026-10-29T16:02:11, though"),
            "stale since Oct 29 16:02, though"
        );
        assert_eq!(humane_times("due 2026-12-01"), "due 2026-12-01");
        assert!(matches!(humane_times("no time"), Cow::Borrowed(_)));
        assert_eq!(humane_times("a2026-10-29T16:02:11"), "a2026-10-29T16:02:11");
    }

    #[test]
    fn paths_are_shown_from_where_the_user_is() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(shown_path(&cwd.join("briefing.toml")), "briefing.toml");
        assert_eq!(shown_path(Path::new("/nowhere/x.toml")), "/nowhere/x.toml");
    }

    #[test]
    fn times_and_ages() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(short_time("2026-11-24T06:30:00"), "Nov 24 06:30");
        assert_eq!(short_time("2026-10-29T16:02:11.5+01:00"), "Oct 29 16:02");
        assert_eq!(short_time("soon"), "soon");
        assert_eq!(age("2026-11-24T06:30:00", today).unwrap(), "today");
        assert_eq!(age("2026-11-23T23:59:00", today).unwrap(), "1 day ago");
        assert_eq!(age("2026-10-29", today).unwrap(), "26 days ago");
        assert_eq!(age("2026-11-27T00:00:00", today).unwrap(), "in 3 days");
        assert_eq!(age("whenever", today), None);
    }
}
