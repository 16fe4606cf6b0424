//! `[[alias]]` entries, folded as names are, per kind.

use super::kinds::kind_words;
use super::names;
use crate::config::Config;
use crate::vocab::Vocab;
use rustc_hash::FxHashMap as HashMap;

/// `[[alias]]`: folded alternative names to the folded canonical name.
pub struct AliasTable {
    /// Kind, then folded alias.
    map: HashMap<String, HashMap<String, (String, String)>>,
}

impl AliasTable {
    pub fn new(config: &Config, vocab: &Vocab) -> Self {
        let mut map: HashMap<String, HashMap<String, (String, String)>> = HashMap::default();
        for alias in &config.aliases {
            let kind = vocab
                .kind_of_key(&alias.kind)
                .unwrap_or(&alias.kind)
                .to_string();
            let words = kind_words(&kind, config);
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let canonical = names::name_key(&alias.name, &words);
            for aka in &alias.aka {
                let key = names::name_key(aka, &words);
                if key != canonical {
                    map.entry(kind.clone())
                        .or_default()
                        .insert(key, (canonical.clone(), alias.name.clone()));
                }
            }
        }
        Self { map }
    }

    /// The canonical key and display name when `key` is an alias.
    pub fn get(&self, kind: &str, key: &str) -> Option<&(String, String)> {
        self.map.get(kind)?.get(key)
    }
}
