//! How names are spelled: the snake_case every key, field and kind is
//! compared in, and the plural and singular of kind words. Plain string
//! rules, with nothing of the configuration in them, so both the
//! configuration and the vocabulary built from it can use them.

use std::borrow::Cow;

/// `dueDate`, `Due Date`, `due-date` and `DUE_DATE` all give `due_date`.
pub fn snake_case(key: &str) -> String {
    snake_case_cow(key).into_owned()
}

/// [`snake_case`] without allocating for a key already in snake case, which
/// is what nearly every key in a state file is.
pub fn snake_case_cow(key: &str) -> Cow<'_, str> {
    if is_snake_case(key) {
        return Cow::Borrowed(key);
    }
    if key.is_ascii() {
        return Cow::Owned(snake_case_ascii(key));
    }
    Cow::Owned(snake_case_unicode(key))
}

fn snake_case_unicode(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    let mut prev_lower_or_digit = false;
    for c in key.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower_or_digit {
                out.push('_');
            }
            out.extend(c.to_lowercase());
            prev_lower_or_digit = c.is_lowercase() || c.is_ascii_digit();
        } else {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            prev_lower_or_digit = false;
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// Lower-case ASCII words joined by single underscores: the folding would
/// give the key back unchanged.
fn is_snake_case(key: &str) -> bool {
    let bytes = key.as_bytes();
    !bytes.is_empty()
        && bytes[0] != b'_'
        && bytes[bytes.len() - 1] != b'_'
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !key.contains("__")
}

/// The same folding as the general path, byte by byte: for ASCII, the
/// Unicode case and class tests reduce to these, and surrounding whitespace
/// needs no trim because separators at either end are dropped anyway.
fn snake_case_ascii(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    let mut prev_lower_or_digit = false;
    for b in key.bytes() {
        if b.is_ascii_alphanumeric() {
            if b.is_ascii_uppercase() && prev_lower_or_digit {
                out.push('_');
            }
            out.push(char::from(b.to_ascii_lowercase()));
            prev_lower_or_digit = b.is_ascii_lowercase() || b.is_ascii_digit();
        } else {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            prev_lower_or_digit = false;
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// English plural of a kind word, good enough for kind names.
pub fn plural(word: &str) -> String {
    if let Some(stem) = word
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else if word.ends_with('s')
        || word.ends_with('x')
        || word.ends_with("ch")
        || word.ends_with("sh")
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// `n` and a word in agreement with it: `1 day`, `0 days`, `17 days`.
pub fn count(n: i64, word: &str) -> String {
    if n.abs() == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {}", plural(word))
    }
}

/// The inverse of [`plural`] for the words it makes.
pub fn singular(word: &str) -> String {
    if word == "people" {
        return "person".to_string();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "xes", "ches", "shes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_string();
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.is_empty() => stem.to_string(),
        _ => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_agrees_with_its_word() {
        assert_eq!(count(1, "day"), "1 day");
        assert_eq!(count(0, "day"), "0 days");
        assert_eq!(count(17, "day"), "17 days");
        assert_eq!(count(-1, "day"), "-1 day");
        assert_eq!(count(2, "time"), "2 times");
    }

    proptest::proptest! {
        #[test]
        fn ascii_snake_case_matches_the_general_folding(key in "[ -~\t]{0,16}") {
            proptest::prop_assert_eq!(snake_case_ascii(&key), snake_case_unicode(&key));
        }
    }

    #[test]
    fn snake_case_folds_every_spelling() {
        for key in [
            "dueDate",
            "Due Date",
            "due-date",
            "DUE_DATE",
            " due_date ",
            "due__date",
        ] {
            assert_eq!(snake_case(key), "due_date", "{key}");
        }
        assert_eq!(snake_case("HubSpotID"), "hub_spot_id");
        assert_eq!(snake_case("_due_date_"), "due_date");
        assert_eq!(snake_case("Élan Vital"), "élan_vital");
        assert_eq!(snake_case("\u{b}due\u{b}"), "due");
        assert!(matches!(snake_case_cow("due_date"), Cow::Borrowed(_)));
        assert_eq!(snake_case("q1Budget"), "q1_budget");
    }

    #[test]
    fn plural_and_singular_round_trip() {
        for word in [
            "project",
            "client",
            "campaign",
            "deal",
            "ticket",
            "escalation",
            "person",
            "company",
            "address",
            "match",
        ] {
            assert_eq!(singular(&plural(word)), word, "{word}");
        }
    }
}
