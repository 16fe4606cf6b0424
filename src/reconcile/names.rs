//! Name folding and letter similarity: what makes `ACME, Inc.` and `Acme`
//! the same client, and how alike `Acme Web Redesign` and `Acme Website
//! Redesign` look.

use crate::ingest::records::MAX_NAME_CHARS;
use smallvec::SmallVec;
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Legal-form words that never tell two organisations apart. Dotted and
/// spaced spellings (`L.L.C.`, `S. A.`) reach this list as one word: see
/// [`join_initials`].
const COMPANY_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "pllc",
    "llp",
    "lp",
    "ltd",
    "limited",
    "co",
    "corp",
    "corporation",
    "company",
    "gmbh",
    "plc",
    "pty",
    "ag",
    "sa",
    "nv",
    "bv",
    "srl",
];
const STOP_WORDS: &[&str] = &["the", "a", "an", "and", "of", "for", "at", "to", "in", "on"];

/// A name with accents, case and punctuation folded: lower-case letters
/// and digits separated by spaces, and runs of single letters written as
/// one word (see [`join_initials`]). Connectives written as signs (`&`,
/// `+`) become spaces here and `and` is a stop word, so all three fold
/// alike.
fn fold_characters(name: &str) -> String {
    join_initials(fold_marks(name))
}

/// Two or more single letters in a row are one word: `L.L.C.`, `L L C`
/// and `LLC`, or `J.P. Morgan` and `JP Morgan`, fold alike. A single
/// letter alone (`Plan B`) stays a word of its own.
fn join_initials(folded: String) -> String {
    let single = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
    };
    let words = || folded.split(' ').filter(|w| !w.is_empty());
    // Nearly every name has no such run: looked for before anything is
    // allocated.
    let mut after_single = false;
    let has_run = words().any(|w| {
        let run = after_single && single(w);
        after_single = single(w);
        run
    });
    if !has_run {
        return folded;
    }
    let mut joined = String::with_capacity(folded.len());
    let mut after_single = false;
    for word in words() {
        let glued = after_single && single(word);
        if !joined.is_empty() && !glued {
            joined.push(' ');
        }
        joined.push_str(word);
        after_single = single(word);
    }
    joined
}

/// Accents, case and punctuation folded, before initials are joined.
fn fold_marks(name: &str) -> String {
    // Sized up front: collecting from a filter starts small and regrows.
    let mut folded = String::with_capacity(name.len());
    if name.is_ascii() {
        folded.extend(name.bytes().filter(|&b| b != b'\'').map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b.to_ascii_lowercase())
            } else {
                ' '
            }
        }));
        return folded;
    }
    folded.extend(
        name.nfkd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .filter(|c| *c != '\'' && *c != '’')
            .map(|c| if c.is_alphanumeric() { c } else { ' ' }),
    );
    folded
}

/// A name's words: names are short, and hundreds of thousands are folded,
/// so the list lives on the stack.
type Words<'a> = smallvec::SmallVec<[&'a str; 8]>;

/// The folded words that tell names apart, in written order: legal forms,
/// stop words and the entity's own kind words dropped, unless nothing else
/// is left ("The Company" is still a name).
fn kept_words<'a>(folded: &'a str, kind_words: &[&str]) -> Words<'a> {
    let kept: Words<'a> = folded
        .split_whitespace()
        .filter(|w| {
            !COMPANY_SUFFIXES.contains(w) && !STOP_WORDS.contains(w) && !kind_words.contains(w)
        })
        .collect();
    if kept.is_empty() {
        folded.split_whitespace().collect()
    } else {
        kept
    }
}

/// Words after which the order of a name's words says which way it goes:
/// "EU to US Data Transfer" is not "US to EU Data Transfer".
const DIRECTIONS: &[&str] = &["to", "from", "into", "vs", "versus"];

/// The folded name two names must share to be the same name: the folded
/// words that tell names apart, sorted, so word order does not matter,
/// except where it says something (see [`ordered_words`]).
pub fn fold_name(name: &str, kind_words: &[&str]) -> String {
    // An arrow is a direction: "EU -> US" and "EU > US" are "EU to US"
    // (the shaft of `->` and `=>` folds to a space).
    const ARROWS: [char; 4] = ['>', '→', '⇒', '⟶'];
    let name: Cow<'_, str> = if name.contains(ARROWS) {
        Cow::Owned(name.replace(ARROWS, " to "))
    } else {
        Cow::Borrowed(name)
    };
    let folded = fold_characters(&name);
    let mut w = ordered_words(&folded, kind_words);
    w.sort_unstable();
    w.join(" ")
}

/// [`kept_words`], with what their order says written into them, so that
/// sorting them loses nothing a person reads in it:
///
/// - the words either side of a direction (`to`, `from`, `vs`…) carry
///   it, and in a name of two directions every word from the first does:
///   "salesforce to hubspot" is `salesforce<to` and `to>hubspot`;
/// - in a name of two or more runs of bare numbers, each run joins the
///   word before it: "Phase 1 Sprint 2" is `phase1` and `sprint2`, never
///   "Phase 2 Sprint 1". A name of one run keeps its numbers apart
///   ("Sprint 42", "Holiday 2026-04"), so that a typo in the word before
///   them is still seen as one.
fn ordered_words<'a>(folded: &'a str, kind_words: &[&str]) -> SmallVec<[Cow<'a, str>; 8]> {
    let bare = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let kept = kept_words(folded, kind_words);
    // Runs of bare numbers: "2026 04" is one, "Phase 1 Sprint 2" has two.
    let numbers = kept
        .iter()
        .zip(std::iter::once(&"").chain(kept.iter()))
        .filter(|(w, before)| bare(w) && !bare(before))
        .count();
    let words: SmallVec<[&str; 16]> = folded.split_whitespace().collect();
    // A direction between two words, and not between a word and itself:
    // "From Builder" has none, nor "Face to Face" or "Peer to Peer".
    let directions: SmallVec<[usize; 2]> = (1..words.len())
        .filter(|&at| {
            DIRECTIONS.contains(&words[at])
                && words.get(at + 1).is_none_or(|next| *next != words[at - 1])
        })
        .collect();
    if directions.is_empty() && numbers < 2 {
        return kept.into_iter().map(Cow::Borrowed).collect();
    }
    let mut out: SmallVec<[Cow<'a, str>; 8]> = SmallVec::new();
    // In a name of two directions ("from New York to New Jersey") each
    // holds until the next, and so does one between two sides that share
    // a word ("US West Region to US East Region"), whose sides differ only
    // in what the direction carries. Otherwise one holds for the words
    // either side of it, so that "Back to School" is still a phrase a
    // reordered name can carry ("Beacon - Back to School" and "Back to
    // School - Beacon").
    let carries = match directions.as_slice() {
        [] => false,
        [at] => {
            let before = &words[..*at];
            words[at + 1..]
                .iter()
                .any(|w| kept.contains(w) && before.contains(w))
        }
        _ => true,
    };
    let mut direction: Option<&str> = None;
    let mut pending = false;
    let mut after_number = false;
    // The word before a lone direction, which it marks too once a word
    // follows it, so that the sides of "Sync Salesforce Sandbox to
    // Salesforce Production" are not those of its reverse.
    let mut before: Option<usize> = None;
    for (at, &word) in words.iter().enumerate() {
        if directions.contains(&at) && !pending && !out.is_empty() {
            direction = Some(word);
            pending = true;
            before = Some(out.len() - 1).filter(|_| !carries);
            continue;
        }
        if !kept.contains(&word) {
            continue;
        }
        if let (true, Some(at), Some(direction)) = (pending, before.take(), direction) {
            let side = out[at].to_mut();
            side.push('<');
            side.push_str(direction);
        }
        pending = false;
        let word = match direction {
            Some(direction) => Cow::Owned(format!("{direction}>{word}")),
            None => Cow::Borrowed(word),
        };
        if !carries {
            direction = None;
        }
        match out.last_mut() {
            Some(last) if numbers >= 2 && bare(&word) => {
                let last = last.to_mut();
                if after_number {
                    last.push('-');
                }
                last.push_str(&word);
                after_number = true;
            }
            _ => {
                after_number = bare(&word);
                out.push(word);
            }
        }
    }
    // A direction last is a word: "Sign-up to" keeps nothing after it.
    if let Some(direction) = direction.filter(|d| pending && kept.contains(d)) {
        out.push(Cow::Borrowed(direction));
    }
    out
}

/// The readable identifier part: folded words in written order, of the
/// name's first [`MAX_NAME_CHARS`] characters, so that an id stays short
/// whatever an agent writes (ids that still clash are told apart where
/// they are made).
pub fn slug(name: &str, kind_words: &[&str]) -> String {
    let name = name
        .char_indices()
        .nth(MAX_NAME_CHARS)
        .map_or(name, |(at, _)| &name[..at]);
    let folded = fold_characters(name);
    let s = kept_words(&folded, kind_words).join("-");
    if s.is_empty() {
        "unnamed".to_string()
    } else {
        s
    }
}

/// How alike the letters of two folded names look, 0..1: the mean of
/// Jaro-Winkler (kind to typos and abbreviations at the end) and
/// Sørensen-Dice on bigrams (kind to reordered and inserted words). It
/// cannot see that one word is simply different ("brimi kamar integration",
/// "brimi praka integration" score 0.88), so it never decides a merge
/// (`align.rs` does); it ranks the near misses a person would take for the
/// same name.
pub fn similarity(a: &str, b: &str) -> Similarity {
    with_dice(a, b, strsim::sorensen_dice(a, b))
}

/// [`similarity`] when the Dice coefficient is already known (the fuzzy
/// matcher computes it first, from [`bigrams_into`], to rule pairs out
/// cheaply).
pub fn with_dice(a: &str, b: &str, dice: f64) -> Similarity {
    let jaro_winkler = strsim::jaro_winkler(a, b);
    Similarity {
        jaro_winkler,
        dice,
        score: (jaro_winkler + dice) / 2.0,
    }
}

/// Appends a folded name's character bigrams (whitespace removed) to
/// `out`, sorted, so Dice coefficients can be computed by merging instead
/// of hashing: the fuzzy matcher computes millions of them. Each is its two
/// characters in 32 bits; a name with a character beyond 16 bits has none,
/// and [`dice`] then compares its text instead.
pub fn bigrams_into(folded: &str, out: &mut Vec<u32>) {
    let start = out.len();
    let mut chars = folded.chars().filter(|c| !c.is_whitespace());
    if let Some(mut previous) = chars.next() {
        for c in chars {
            let (Ok(a), Ok(b)) = (u16::try_from(previous), u16::try_from(c)) else {
                out.truncate(start);
                return;
            };
            out.push((u32::from(a) << 16) | u32::from(b));
            previous = c;
        }
    }
    out[start..].sort_unstable();
}

/// Sørensen-Dice over the bigrams of two folded names (from
/// [`bigrams_into`]), counted in characters; equal to
/// `strsim::sorensen_dice` on the names when those are ASCII (`strsim`
/// counts the length in bytes).
pub fn dice(a: &[u32], b: &[u32], a_folded: &str, b_folded: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        if has_bigram(a_folded) && has_bigram(b_folded) {
            // A character beyond 16 bits left a list empty.
            return merged_dice(&wide_bigrams(a_folded), &wide_bigrams(b_folded));
        }
        return strsim::sorensen_dice(a_folded, b_folded);
    }
    merged_dice(a, b)
}

fn has_bigram(folded: &str) -> bool {
    folded
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(1)
        .is_some()
}

/// The bigrams of [`bigrams_into`] with room for any two characters.
fn wide_bigrams(folded: &str) -> Vec<u64> {
    let chars: Vec<char> = folded.chars().filter(|c| !c.is_whitespace()).collect();
    let mut grams: Vec<u64> = chars
        .windows(2)
        .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
        .collect();
    grams.sort_unstable();
    grams
}

fn merged_dice<T: Ord>(a: &[T], b: &[T]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * common) as f64 / (a.len() + b.len()) as f64
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Similarity {
    pub jaro_winkler: f64,
    pub dice: f64,
    pub score: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIND: &[&str] = &["client", "clients"];

    fn bigrams(folded: &str) -> Vec<u32> {
        let mut grams = Vec::new();
        bigrams_into(folded, &mut grams);
        grams
    }

    #[test]
    fn company_forms_fold_together() {
        let fold = |n| fold_name(n, KIND);
        assert_eq!(fold("Acme Inc"), fold("ACME, Inc."));
        assert_eq!(fold("Acme Inc"), fold("acme"));
        assert_eq!(fold("Globex Corporation"), fold("Globex Corp."));
        assert_eq!(fold("Café Zoë Ltd"), fold("cafe zoe"));
        assert_eq!(fold("The Acme Client"), fold("Acme"));
        assert_eq!(
            fold("Kessler Holdings, L.L.C."),
            fold("Kessler Holdings LLC")
        );
        assert_eq!(fold("Kessler Holdings L. L. C."), "holdings kessler");
        assert_eq!(fold("Rio Verde S.A."), fold("Rio Verde SA"));
        assert_eq!(fold("Rio Verde S.A."), fold("Rio Verde"));
        assert_eq!(fold("Harbor Capital, L.P."), fold("Harbor Capital LP"));
        assert_eq!(fold("Kessler & Co."), fold("Kessler Co"));
        assert_eq!(fold("Kessler & Sons"), fold("Kessler and Sons"));
        assert_eq!(fold("Kessler + Sons"), fold("Kessler and Sons"));
        assert_eq!(fold("Kessler Corp."), fold("Kessler Corporation"));
    }

    #[test]
    fn initials_are_one_word_and_a_lone_letter_stays() {
        assert_eq!(fold_characters("J.P. Morgan"), "jp morgan");
        assert_eq!(
            fold_characters("J. P. Morgan"),
            fold_characters("JP Morgan")
        );
        assert_eq!(fold_characters("Plan B Launch"), "plan b launch");
        assert_eq!(fold_characters("A/B Test"), "ab test");
        assert_eq!(
            fold_characters("Q 1 Launch"),
            "q 1 launch",
            "digits are not initials"
        );
    }

    proptest::proptest! {
        #[test]
        fn ascii_folds_as_unicode_does(name in "[ -~]{0,24}") {
            let slow: String = name
                .nfkd()
                .flat_map(char::to_lowercase)
                .filter(|c| *c != '\'')
                .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                .collect();
            proptest::prop_assert_eq!(fold_marks(&name), slow);
        }
    }

    #[test]
    fn word_order_folds() {
        assert_eq!(
            fold_name("Website Redesign Acme", &[]),
            fold_name("Acme Website Redesign", &[])
        );
        assert_eq!(slug("Acme Website Redesign", &[]), "acme-website-redesign");
    }

    #[test]
    fn word_order_folds_unless_it_says_something() {
        let same = |a: &str, b: &str| fold_name(a, &[]) == fold_name(b, &[]);
        assert!(!same("EU to US Data Transfer", "US to EU Data Transfer"));
        assert!(!same("Salesforce to HubSpot", "HubSpot to Salesforce"));
        assert!(!same("Migration from A1 to B2", "Migration from B2 to A1"));
        assert!(!same("Phase 1 Sprint 2", "Phase 2 Sprint 1"));
        assert!(!same("Release 2026 11 Brand", "Release 2026 Brand 11"));
        assert!(same("Phase 1 Sprint 2", "Sprint 2, Phase 1"));
        assert!(same("Phase 1 Sprint 2", "Phase1 Sprint2"));
        assert!(!same(
            "Office Move from New York to New Jersey",
            "Office Move from New Jersey to New York"
        ));
        assert!(!same("EU -> US", "US → EU"));
        assert!(same("EU -> US", "EU to US"));
        assert!(same(
            "Salesforce > HubSpot Sync",
            "Salesforce to HubSpot Sync"
        ));
        assert!(!same(
            "Salesforce > HubSpot Sync",
            "HubSpot > Salesforce Sync"
        ));
        assert!(same("Data Transfer: EU to US", "Transfer Data EU to US"));
        assert!(same("Back to School", "Back-to-School"));
        assert_eq!(fold_name("Phase 1 Sprint 2", &[]), "phase1 sprint2");
        assert_eq!(fold_name("2026 Plan 3 4", &[]), "2026 plan3-4");
        assert_eq!(fold_name("Holiday 2026 04", &[]), "04 2026 holiday");
        assert_eq!(fold_name("EU to the US", &[]), "eu<to to>us");
        assert!(!same(
            "Sync Salesforce Sandbox to Salesforce Production",
            "Sync Salesforce Production to Salesforce Sandbox"
        ));
        assert!(same("Beacon - Back to School", "Back to School - Beacon"));
        assert!(same("Sign-up to", "Sign-up"), "no word after the direction");
        // A word to itself is no direction.
        assert!(same("Face to Face Summit", "Summit Face to Face"));
        assert!(same(
            "Peer to Peer Lending Launch",
            "Lending Launch: Peer to Peer"
        ));
        // Sides that share words differ in what the direction carries.
        assert!(!same(
            "Failover US West Region to US East Region",
            "Failover US East Region to US West Region"
        ));
        assert!(same(
            "Failover: US West Region to US East Region",
            "Failover US West Region to US East Region"
        ));
        // One number, or none, is a word of its own as before.
        assert_eq!(fold_name("Sprint 42 Retro", &[]), "42 retro sprint");
        assert_eq!(slug("EU to US Data Transfer", &[]), "eu-us-data-transfer");
    }

    #[test]
    fn only_dropped_words_still_name_something() {
        assert_eq!(fold_name("The Company", &[]), "company the");
        assert_eq!(slug("!!!", &[]), "unnamed");
    }

    #[test]
    fn a_runaway_name_makes_a_short_slug() {
        let name = "word ".repeat(10_000);
        let slug = slug(&name, &[]);
        assert!(slug.len() <= MAX_NAME_CHARS, "{} bytes", slug.len());
        assert_eq!(slug, super::slug(&name[..MAX_NAME_CHARS], &[]));
        assert_ne!(slug, super::slug(&name[..MAX_NAME_CHARS - 1], &[]));
    }

    #[test]
    fn similarity_separates_typos_from_different_things() {
        let s = |a: &str, b: &str| similarity(&fold_name(a, &[]), &fold_name(b, &[])).score;
        assert!(s("Initech", "Initec") > 0.88);
        assert!(s("Acme Website Redesign", "Acme Web-site Redesign") > 0.88);
        assert!(s("Acme Website Redesign", "Acme Website") < 0.88);
        assert!(s("Umbrella Health", "Stark Industries") < 0.5);
    }

    proptest::proptest! {
        #[test]
        fn merged_dice_equals_strsim(a in "[a-c ]{0,12}", b in "[a-c ]{0,12}") {
            let fast = dice(&bigrams(&a), &bigrams(&b), &a, &b);
            let slow = strsim::sorensen_dice(&a, &b);
            proptest::prop_assert!((fast - slow).abs() < 1e-9, "{fast} vs {slow}");
        }

        #[test]
        fn narrow_bigrams_count_as_wide_ones(a in "[a-cé😀 ]{2,12}", b in "[a-cé😀 ]{2,12}") {
            proptest::prop_assume!(has_bigram(&a) && has_bigram(&b));
            let narrow = dice(&bigrams(&a), &bigrams(&b), &a, &b);
            let wide = merged_dice(&wide_bigrams(&a), &wide_bigrams(&b));
            proptest::prop_assert_eq!(narrow, wide);
        }
    }
}
