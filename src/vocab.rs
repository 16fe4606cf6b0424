//! The words state files use: which keys name kinds, which field names are
//! synonyms, and what type each field is read as. Built once from the
//! built-in tables and `briefing.toml`.

use crate::config::Config;
use crate::normalize::FieldType;
use crate::words::{plural, singular, snake_case, snake_case_cow};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

/// Kinds every organisation has.
pub const BUILTIN_KINDS: [&str; 7] = [
    "project",
    "client",
    "campaign",
    "deal",
    "ticket",
    "escalation",
    "person",
];

/// Canonical field, its synonyms, and its type where the spec fixes one.
const BUILTIN_FIELDS: &[(&str, &[&str], Option<FieldType>)] = &[
    (
        "due_date",
        // `duedate` is Jira's, run together as its API writes it.
        &[
            "due",
            "deadline",
            "due_on",
            "due_by",
            "target_date",
            "duedate",
        ],
        Some(FieldType::Date),
    ),
    // A deal's expected close: HubSpot's `closedate`, Salesforce's
    // `CloseDate`.
    (
        "close_date",
        &["closedate", "expected_close_date"],
        Some(FieldType::Date),
    ),
    (
        "status",
        &["state", "stage", "dealstage"],
        Some(FieldType::Status),
    ),
    (
        "owner",
        &["assignee", "owned_by", "lead", "assigned_to"],
        Some(FieldType::Person),
    ),
    // `budget_usd` and `spend_eur` are these with a unit (see `records`).
    ("budget", &["budget_amount"], Some(FieldType::Money)),
    (
        "spend",
        &["spent", "spend_to_date", "cost"],
        Some(FieldType::Money),
    ),
    // When the file or record was last brought up to date: what scripts
    // write after each run or sync as much as what the spec names.
    (
        "updated_at",
        &[
            "as_of",
            "last_updated",
            "last_updated_at",
            "generated_at",
            "timestamp",
            "ts",
            "updated",
            "updated_on",
            "last_run",
            "last_run_at",
            "run_at",
            "ran_at",
            "last_synced",
            "last_synced_at",
            "synced_at",
            "last_sync",
            "refreshed_at",
            "last_refreshed",
            "last_refreshed_at",
            "last_modified",
            "modified_at",
            "exported_at",
            "fetched_at",
        ],
        Some(FieldType::Datetime),
    ),
    (
        "raised",
        &["raised_at", "opened", "opened_at", "since", "created_at"],
        Some(FieldType::Date),
    ),
    ("about", &["entity", "subject"], Some(FieldType::Text)),
    (
        "escalate_to",
        &["escalated_to", "escalation_target"],
        Some(FieldType::Text),
    ),
];

/// Last words of field names that hold a person.
const PERSON_ROLES: &[&str] = &[
    "manager", "owner", "lead", "rep", "contact", "assignee", "approver", "reviewer", "by",
    "sponsor",
];

/// Keys that name a record rather than describe it.
const NAME_KEYS: [&str; 2] = ["name", "title"];
/// Keys that carry a record's kind when its position does not.
const KIND_KEYS: [&str; 2] = ["kind", "type"];
/// File metadata keys naming the seat that wrote the file.
const SEAT_KEYS: [&str; 2] = ["seat", "agent"];

#[derive(Debug, Clone)]
pub struct Vocab {
    kinds: Vec<String>,
    kind_words: HashMap<String, String>,
    synonyms: HashMap<String, String>,
    types: HashMap<String, FieldType>,
}

impl Vocab {
    pub fn new(config: &Config) -> Self {
        let mut vocab = Self::builtin();
        for (kind, extra) in &config.kinds {
            let kind = singular(&snake_case(kind));
            vocab.add_kind(&kind);
            for word in &extra.aka {
                vocab.add_kind_word(&snake_case(word), &kind);
            }
        }
        for (field, extra) in &config.fields {
            let field = snake_case(field);
            for word in &extra.aka {
                vocab.synonyms.insert(snake_case(word), field.clone());
            }
            if let Some(ty) = extra.field_type {
                vocab.types.insert(field, ty);
            }
        }
        vocab
    }

    pub fn builtin() -> Self {
        let mut vocab = Self {
            kinds: Vec::new(),
            kind_words: HashMap::default(),
            synonyms: HashMap::default(),
            types: HashMap::default(),
        };
        for kind in BUILTIN_KINDS {
            vocab.add_kind(kind);
        }
        vocab.add_kind_word("people", "person");
        for (field, words, ty) in BUILTIN_FIELDS {
            for word in *words {
                vocab
                    .synonyms
                    .insert((*word).to_string(), (*field).to_string());
            }
            if let Some(ty) = ty {
                vocab.types.insert((*field).to_string(), *ty);
            }
        }
        vocab
    }

    fn add_kind(&mut self, kind: &str) {
        if !self.kinds.iter().any(|k| k == kind) {
            self.kinds.push(kind.to_string());
            self.kinds.sort();
        }
        self.add_kind_word(kind, kind);
    }

    fn add_kind_word(&mut self, word: &str, kind: &str) {
        self.kind_words.insert(word.to_string(), kind.to_string());
        self.kind_words.insert(plural(word), kind.to_string());
    }

    pub fn kinds(&self) -> &[String] {
        &self.kinds
    }

    /// The kind a key names exactly: `projects`, `Project`, `job` (an aka).
    pub fn kind_of_key(&self, key: &str) -> Option<&str> {
        self.kind_words
            .get(snake_case_cow(key).as_ref())
            .map(String::as_str)
    }

    /// The kind a heading or container key names by one of its words, or
    /// two words in a row for a kind of two (`access_review`), the first
    /// from the left that names one: `Active projects`, `open_deals`,
    /// `Clients audited this week`, `Open access reviews`.
    pub fn kind_of_heading(&self, heading: &str) -> Option<&str> {
        let snake = snake_case_cow(heading);
        if let Some(kind) = self.kind_words.get(snake.as_ref()) {
            return Some(kind);
        }
        let mut words = snake.split('_').peekable();
        let mut pair = String::new();
        while let Some(word) = words.next() {
            if let Some(next) = words.peek() {
                pair.clear();
                pair.push_str(word);
                pair.push('_');
                pair.push_str(next);
                if let Some(kind) = self.kind_words.get(&pair) {
                    return Some(kind);
                }
            }
            if let Some(kind) = self.kind_words.get(word) {
                return Some(kind);
            }
        }
        None
    }

    /// The canonical field name for a key: snake_case, then synonyms.
    pub fn field(&self, key: &str) -> String {
        self.field_cow(key).into_owned()
    }

    /// [`Vocab::field`] borrowing from the key or the vocabulary, for
    /// callers that read many keys and keep few.
    pub fn field_cow<'k>(&'k self, key: &'k str) -> Cow<'k, str> {
        let snake = snake_case_cow(key);
        match self.synonyms.get(snake.as_ref()) {
            Some(canonical) => Cow::Borrowed(canonical),
            None => snake,
        }
    }

    /// The canonical field a snake_case phrase names when it is one of the
    /// vocabulary's words for a fact (`due`, `go_live`, `budget`, `status`):
    /// a synonym, or a field with a type or synonyms of its own. An as-of
    /// time is not a fact, so its words are none of these.
    pub fn known_field<'a>(&'a self, phrase: &'a str) -> Option<&'a str> {
        let field = match self.synonyms.get(phrase) {
            Some(canonical) => canonical.as_str(),
            None if self.types.contains_key(phrase)
                || self.synonyms.values().any(|c| c == phrase) =>
            {
                phrase
            }
            None => return None,
        };
        (field != "updated_at").then_some(field)
    }

    /// The type configured or built in for a field; `None` means guess it
    /// from its values. Fields named for a role (`account_manager`,
    /// `approved_by`) hold people, which values alone cannot tell.
    pub fn field_type(&self, field: &str) -> Option<FieldType> {
        if let Some(ty) = self.types.get(field) {
            return Some(*ty);
        }
        let last = field.rsplit('_').next().unwrap_or(field);
        PERSON_ROLES.contains(&last).then_some(FieldType::Person)
    }

    pub fn is_name_key(key: &str) -> bool {
        NAME_KEYS.contains(&key)
    }

    pub fn is_kind_key(key: &str) -> bool {
        KIND_KEYS.contains(&key)
    }

    pub fn is_seat_key(key: &str) -> bool {
        SEAT_KEYS.contains(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_key_and_heading() {
        let vocab = Vocab::builtin();
        assert_eq!(vocab.kind_of_key("Projects"), Some("project"));
        assert_eq!(vocab.kind_of_key("people"), Some("person"));
        assert_eq!(vocab.kind_of_key("active_projects"), None);
        assert_eq!(vocab.kind_of_heading("Active projects"), Some("project"));
        assert_eq!(vocab.kind_of_heading("open_deals"), Some("deal"));
        assert_eq!(
            vocab.kind_of_heading("Clients audited this week"),
            Some("client")
        );
        assert_eq!(vocab.kind_of_heading("Notes"), None);
    }

    #[test]
    fn a_heading_names_a_kind_of_two_words_by_the_pair() {
        let mut vocab = Vocab::builtin();
        vocab.add_kind("access_review");
        vocab.add_kind("cost_center");
        for heading in [
            "Access reviews this quarter",
            "Open access reviews",
            "open_access_reviews",
        ] {
            assert_eq!(
                vocab.kind_of_heading(heading),
                Some("access_review"),
                "{heading}"
            );
        }
        assert_eq!(
            vocab.kind_of_heading("Cost centers this week"),
            Some("cost_center")
        );
        assert_eq!(
            vocab.kind_of_heading("Clients audited this week"),
            Some("client")
        );
        assert_eq!(vocab.kind_of_heading("Access granted"), None);
    }

    #[test]
    fn as_of_keys_scripts_write() {
        let vocab = Vocab::builtin();
        for key in [
            "last_run",
            "lastUpdatedAt",
            "run_at",
            "last_synced",
            "refreshed_at",
        ] {
            assert_eq!(vocab.field(key), "updated_at", "{key}");
        }
    }

    #[test]
    fn known_fields_are_the_vocabularys_words_for_facts() {
        let vocab = Vocab::builtin();
        assert_eq!(vocab.known_field("due"), Some("due_date"));
        assert_eq!(vocab.known_field("due_date"), Some("due_date"));
        assert_eq!(vocab.known_field("budget"), Some("budget"));
        assert_eq!(vocab.known_field("state"), Some("status"));
        // What CRM and tracker APIs write, run together.
        assert_eq!(vocab.known_field("closedate"), Some("close_date"));
        assert_eq!(vocab.known_field("dealstage"), Some("status"));
        assert_eq!(vocab.known_field("duedate"), Some("due_date"));
        assert_eq!(vocab.field_type("close_date"), Some(FieldType::Date));
        assert_eq!(vocab.known_field("colour"), None);
        assert_eq!(vocab.known_field("as_of"), None);
    }

    #[test]
    fn field_synonyms() {
        let vocab = Vocab::builtin();
        assert_eq!(vocab.field("dueDate"), "due_date");
        assert_eq!(vocab.field("Deadline"), "due_date");
        assert_eq!(vocab.field("spend_to_date"), "spend");
        assert_eq!(vocab.field("as_of"), "updated_at");
        assert_eq!(vocab.field("colour"), "colour");
        assert_eq!(vocab.field_type("due_date"), Some(FieldType::Date));
        assert_eq!(vocab.field_type("account_manager"), Some(FieldType::Person));
        assert_eq!(vocab.field_type("approved_by"), Some(FieldType::Person));
        assert_eq!(vocab.field_type("colour"), None);
    }
}
