//! People's names, folded so that every way of writing one name agrees:
//! `Dana Ruiz`, `dana  ruiz`, `Ruiz, Dana`, `RUIZ Dana`, `Dr. Dana Ruíz`,
//! `dana.ruiz@northwind.com`, `Dana Ruiz <dana@northwind.com>` and `Dana
//! Ruiz (PM)` all give `dana ruiz`.
//!
//! Tokens are sorted rather than reordered by rule, because "family name
//! first" has too many conventions to undo reliably; the cost is that
//! `Ruiz Dana` and `Dana Ruiz` are taken for one person, which in one
//! organisation's state files they almost always are.

use super::bracket_note;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Titles that say nothing about who someone is. Generational suffixes
/// (`Jr`, `III`) are kept: they tell a father from a son.
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"];

pub(crate) fn fold_person(raw: &str) -> String {
    let mut text = without_note(as_named(raw.trim()))
        .trim_start_matches('@')
        .to_string();
    // An address's local part is the name people use for each other there:
    // `dana.ruiz@…` is Dana Ruiz. A `+tag` is routing, not name.
    if let Some((local, domain)) = text.split_once('@')
        && !local.is_empty()
        && domain.contains('.')
        && !text.contains(char::is_whitespace)
    {
        text = local.split('+').next().unwrap_or(local).to_string();
    }
    // Decompose, lower-case, and do both again: compatibility forms can
    // decompose to capitals (`𝒢`, `㎁`) and lower-casing can produce
    // decomposable letters, and folding a folded name must change nothing.
    let plain: String = text
        .nfkd()
        .flat_map(char::to_lowercase)
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        // Apostrophes join rather than split: O'Brien and OBrien are one name.
        .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{02bc}'))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut tokens: Vec<&str> = plain.split_whitespace().collect();
    let named: Vec<&str> = tokens
        .iter()
        .copied()
        .filter(|t| !HONORIFICS.contains(t))
        .collect();
    // A name made only of titles (`Dr`) is still someone; keep it as written.
    if !named.is_empty() {
        tokens = named;
    }
    tokens.sort_unstable();
    tokens.join(" ")
}

/// The name of a mail address written with it (`Dana Ruiz
/// <dana@northwind.com>`, `"Ruiz, Dana" <dana@…>`), or the address alone
/// (`<dana@northwind.com>`).
fn as_named(raw: &str) -> &str {
    let Some(address) = raw.strip_suffix('>') else {
        return raw;
    };
    let Some((name, address)) = address.rsplit_once('<') else {
        return raw;
    };
    match name.trim().trim_matches('"').trim() {
        "" => address.trim(),
        name => name,
    }
}

/// A name without a one-word note in brackets after it: `Dana Ruiz (PM)`,
/// `Sam Lee (contractor)`. Not a name in brackets (`Ops team (Dana
/// Ruiz)`), nor a generation (`(Jr.)`), which tells a father from a son.
fn without_note(raw: &str) -> &str {
    let Some((name, note)) = bracket_note(raw) else {
        return raw;
    };
    let note = note.trim().trim_end_matches('.');
    let one_word = !note.is_empty() && !note.contains(char::is_whitespace);
    let generation = ["jr", "sr", "ii", "iii", "iv"]
        .iter()
        .any(|g| note.eq_ignore_ascii_case(g));
    if one_word && !generation { name } else { raw }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn forms_in_the_spec_agree() {
        for raw in [
            "Dana Ruiz",
            "dana  ruiz",
            "Ruiz, Dana",
            "RUIZ Dana",
            " Dana\tRuiz ",
        ] {
            assert_eq!(fold_person(raw), "dana ruiz", "{raw:?}");
        }
    }

    #[test]
    fn accents_titles_and_addresses() {
        assert_eq!(fold_person("Dana Ruíz"), "dana ruiz");
        assert_eq!(fold_person("Dr. Dana Ruiz"), "dana ruiz");
        assert_eq!(fold_person("Ms Dana Ruiz"), "dana ruiz");
        assert_eq!(fold_person("dana.ruiz@northwind.com"), "dana ruiz");
        assert_eq!(fold_person("dana.ruiz+ops@northwind.com"), "dana ruiz");
        assert_eq!(fold_person("@dana"), "dana");
        assert_eq!(fold_person("Dana Ruiz <dana@northwind.com>"), "dana ruiz");
        assert_eq!(fold_person("\"Ruiz, Dana\" <d@northwind.com>"), "dana ruiz");
        assert_eq!(fold_person("<dana.ruiz@northwind.com>"), "dana ruiz");
        assert_eq!(fold_person("Dana Ruiz (PM)"), "dana ruiz");
        assert_eq!(fold_person("Dana Ruiz (she/her) "), "dana ruiz");
        assert_eq!(fold_person("(unassigned)"), "unassigned");
        assert_ne!(
            fold_person("Dana Ruiz (Sr.)"),
            fold_person("Dana Ruiz (Jr.)")
        );
        assert_ne!(
            fold_person("Ops team (Dana Ruiz)"),
            fold_person("Ops team (Mark Lee)")
        );
        assert_eq!(fold_person("Zoë Ångström"), "angstrom zoe");
        assert_eq!(fold_person("Dr"), "dr");
        assert_eq!(fold_person(""), "");
    }

    #[test]
    fn apostrophes_join_and_hyphens_split() {
        assert_eq!(fold_person("Sean O'Brien"), fold_person("sean obrien"));
        assert_eq!(fold_person("Sean O’Brien"), fold_person("sean obrien"));
        assert_eq!(fold_person("Mary-Jane Watson"), "jane mary watson");
    }

    #[test]
    fn suffixes_are_kept() {
        assert_ne!(fold_person("John Smith Jr"), fold_person("John Smith"));
    }

    proptest! {
        #[test]
        fn invariant_under_order_and_case(
            tokens in prop::collection::vec("[a-zA-Z]{1,8}", 1..5),
            seed in any::<u64>(),
            upper in prop::collection::vec(any::<bool>(), 5),
        ) {
            let original = tokens.join(" ");
            let mut shuffled: Vec<String> = tokens
                .iter()
                .zip(&upper)
                .map(|(t, &up)| if up { t.to_uppercase() } else { t.to_lowercase() })
                .collect();
            let n = shuffled.len();
            shuffled.rotate_left((seed as usize) % n);
            if seed.is_multiple_of(2) {
                shuffled.reverse();
            }
            let comma = if n > 1 {
                format!("{}, {}", shuffled[0], shuffled[1..].join(" "))
            } else {
                shuffled.join(" ")
            };
            prop_assert_eq!(fold_person(&shuffled.join(" ")), fold_person(&original));
            prop_assert_eq!(fold_person(&comma), fold_person(&original));
        }

        #[test]
        fn never_panics_and_is_idempotent(s in "\\PC{0,24}") {
            let once = fold_person(&s);
            prop_assert_eq!(fold_person(&once), once.clone());
        }
    }
}
