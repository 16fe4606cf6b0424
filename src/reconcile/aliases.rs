//! `[[alias]]` entries, folded as names are, per kind.

use super::kinds::kind_words;
use super::names;
use crate::config::Config;
use crate::vocab::Vocab;
use rustc_hash::FxHashMap as HashMap;

/// What an alternative name stands for: the configured name, folded and as
/// written.
pub struct Alias {
    pub folded: String,
    pub name: String,
}

/// `[[alias]]`: per kind, each folded alternative name to the name it
/// stands for.
pub struct AliasTable {
    map: HashMap<String, HashMap<String, Alias>>,
}

impl AliasTable {
    pub fn new(config: &Config, vocab: &Vocab) -> Self {
        let mut map: HashMap<String, HashMap<String, Alias>> = HashMap::default();
        for alias in &config.aliases {
            let kind = vocab
                .kind_of_key(&alias.kind)
                .unwrap_or(&alias.kind)
                .to_string();
            let words = kind_words(&kind, config);
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let canonical = names::fold_name(&alias.name, &words);
            for aka in &alias.aka {
                let folded = names::fold_name(aka, &words);
                if folded != canonical {
                    let stands_for = Alias {
                        folded: canonical.clone(),
                        name: alias.name.clone(),
                    };
                    map.entry(kind.clone())
                        .or_default()
                        .insert(folded, stands_for);
                }
            }
        }
        Self { map }
    }

    /// What `folded`, a folded name of a `kind`, stands for when it is an
    /// alias.
    pub fn get(&self, kind: &str, folded: &str) -> Option<&Alias> {
        self.map.get(kind)?.get(folded)
    }
}
