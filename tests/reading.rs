//! How state files are read, through the real binary: records where a person
//! finds them, values as people write them, prose bullets of known entities
//! and keys given twice, as `--json` and `--plain` show them.

mod common;

use serde_json::Value;

use common::Org;

const CONFIG: &str = r#"
[briefing]
org = "Reading Org"
state_dir = "state"

[[seat]]
name = "tracker"
owner = "Dana Ruiz"
files = ["tracker/**"]
owns = ["project.*", "deal.*"]
on_failure = "Dana reruns the sync"

[[seat]]
name = "calendar"
owner = "Sam Lee"
files = ["calendar/**"]
owns = []
on_failure = "Sam checks by hand"

[[seat]]
name = "finance"
owner = "Keisha Grant"
files = ["finance/**"]
owns = []
on_failure = "Keisha checks by hand"

[[seat]]
name = "crm"
owner = "Luis Romero"
files = ["crm/**"]
owns = []
on_failure = "Luis checks by hand"

[[seat]]
name = "morning"
owner = "Ops"
files = ["morning/**"]
owns = []
on_failure = "Ops reads it again"
"#;

const TRACKER: &str = r#"{"updated_at": "2026-11-24T06:00:00Z", "projects": [
  {"name": "Acme Website Redesign", "due": "2026-12-01", "budget": "EUR 48,000", "status": "active"},
  {"name": "Globex Kickoff", "due": "2026-12-10", "status": "active"}
], "deals": [
  {"name": "Initech Retainer", "amount": "$60,000"}
]}"#;

/// A list under a key that names no kind, and a date without a year.
const CALENDAR: &str = "\
state:
  last_run: 2026-11-20T08:00:00Z
deadlines:
  - project: Acme Website Redesign
    due: Dec 1
  - project: Globex Kickoff
    due: Dec 10
";

/// A currency in a header: the same budget as the tracker's.
const FINANCE: &str = "\
Project,Budget (EUR),% of budget,updated_at
Acme Website Redesign,\"48,000\",40,2026-11-23
";

/// An API export: deals named by `dealname`, one level down.
const CRM: &str = r#"{"results": [
  {"id": "101", "properties": {"dealname": "Initech Retainer", "amount": "55000"}},
  {"id": "102", "properties": {"dealname": "Umbrella Phase 2", "amount": "120000"}}
]}"#;

const MORNING: &str = "\
---
generated_at: 2026-11-24T07:30:00Z
---

# Morning briefing

- **Acme Website Redesign**: due Dec 5 (Accelo)
- **Globex Kickoff**: status: blocked
- **Unknown Venture**: due Dec 9
- Waiting on **Acme Website Redesign**: due Dec 7
- **Initech Retainer**: due Dec 5 for the Globex kickoff
- **Acme Website Redesign**: colour blue
";

/// The organisation of the reading tests: every kind of file above.
fn sample() -> Org {
    Org::new(
        CONFIG,
        &[
            ("tracker/projects.json", TRACKER),
            ("calendar/deadlines.yaml", CALENDAR),
            ("finance/budgets.csv", FINANCE),
            ("crm/export.json", CRM),
            ("morning/2026-11-24.md", MORNING),
        ],
    )
}

fn entity<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no entity {id}: {}", doc["entities"]))
}

fn conflict<'a>(doc: &'a Value, entity: &str, field: &str) -> Option<&'a Value> {
    doc["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["entity"] == entity && c["field"] == field)
}

/// A conflict's values from `seat`, in its order.
fn values_from<'a>(conflict: &'a Value, seat: &str) -> Vec<&'a Value> {
    conflict["values"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["seat"] == seat)
        .collect()
}

fn seats_of(entity: &Value) -> Vec<&str> {
    let mut seats: Vec<&str> = entity["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["seat"].as_str())
        .collect();
    seats.sort_unstable();
    seats
}

/// The diagnostics `--json` gives for `file`, in its order.
fn diagnostics_of<'a>(doc: &'a Value, file: &str) -> Vec<&'a Value> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file)
        .collect()
}

#[test]
fn a_date_without_a_year_takes_the_nearest_year_and_says_so() {
    let org = Org::new(
        CONFIG,
        &[
            ("tracker/projects.json", TRACKER),
            (
                "calendar/projects.yaml",
                "last_run: 2026-11-20T08:00:00Z\nprojects:\n  - name: Acme Website Redesign\n    due: Dec 3\n",
            ),
        ],
    );
    let doc = org.json();
    // `last_run` is the file's as-of time, which the year is taken from.
    let file = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "calendar/projects.yaml")
        .unwrap();
    assert_eq!(file["as_of"], "2026-11-20T08:00:00");
    assert_eq!(file["as_of_source"], "field");
    let due = conflict(&doc, "project:acme-website-redesign", "due_date").expect("a conflict");
    let calendar = values_from(due, "calendar")[0];
    assert_eq!(
        (&calendar["raw"], &calendar["value"]),
        (&"Dec 3".into(), &"2026-12-03".into())
    );
    let note = "no year given: read as 2026-12-03, the nearest its as-of date 2026-11-20";
    assert_eq!(calendar["note"], note);
    let plain = org.plain();
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(plain.contains(note), "{plain}");
}

#[test]
fn records_under_any_key_and_in_api_exports_are_read() {
    let doc = sample().json();
    // `deadlines:` holding `- project: ...` items is a list of projects.
    let acme = entity(&doc, "project:acme-website-redesign");
    assert!(seats_of(acme).contains(&"calendar"), "{acme}");
    // The HubSpot-style export is two deals named by `dealname`.
    let initech = entity(&doc, "deal:initech-retainer");
    assert!(seats_of(initech).contains(&"crm"), "{initech}");
    entity(&doc, "deal:umbrella-phase-2");
    let names: Vec<&str> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(!names.iter().any(|n| n.contains("nnamed")), "{names:?}");
    // Its amounts are compared with the tracker's.
    let amount = conflict(&doc, "deal:initech-retainer", "amount").expect("a conflict");
    assert_eq!(amount["owner_value"], "60000.00 USD");
}

#[test]
fn a_line_of_a_log_named_after_its_kind_refers_by_its_kind_fields() {
    // Each line of `projects.jsonl` is a project; its `client` is the
    // client it belongs to, not its own kind.
    let org = Org::new(
        CONFIG,
        &[
            ("tracker/projects.json", TRACKER),
            (
                "calendar/projects.jsonl",
                concat!(
                    r#"{"ts": "2026-11-24T05:00:00Z", "name": "Acme Website Redesign", "#,
                    r#""client": "Acme Corp", "due": "2026-12-09"}"#,
                    "\n",
                    r#"{"client": "Globex", "status": "active"}"#,
                    "\n",
                ),
            ),
        ],
    );
    let doc = org.json();
    let due = conflict(&doc, "project:acme-website-redesign", "due_date").expect("a conflict");
    assert_eq!(values_from(due, "calendar")[0]["value"], "2026-12-09");
    entity(&doc, "client:acme");
    // A line that names no record of its own is still named by its kind
    // field, as at the top of any file.
    entity(&doc, "client:globex");
    let ids: Vec<&str> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert!(!ids.contains(&"client:acme-website-redesign"), "{ids:?}");
}

#[test]
fn bullets_under_a_heading_of_other_things_are_not_the_records() {
    // `### Risks` holds a risk's status and owner, not the project's, and
    // says it set them aside; `### Timeline` holds the project's own.
    let notes = "\
## Project: Acme Website Redesign
- Status: active

### Timeline
- Due: 2026-12-05

### Risks
- Status: blocked
- Owner: Legal
";
    let org = Org::new(
        CONFIG,
        &[
            ("tracker/projects.json", TRACKER),
            ("morning/notes.md", notes),
        ],
    );
    let doc = org.json();
    let acme = entity(&doc, "project:acme-website-redesign");
    assert_eq!(seats_of(acme), ["morning", "tracker"]);
    assert!(conflict(&doc, "project:acme-website-redesign", "status").is_none());
    assert!(conflict(&doc, "project:acme-website-redesign", "owner").is_none());
    let due = conflict(&doc, "project:acme-website-redesign", "due_date").expect("a conflict");
    assert_eq!(values_from(due, "morning")[0]["value"], "2026-12-05");
    let notes = diagnostics_of(&doc, "morning/notes.md");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(
        (&notes[0]["line"], &notes[0]["severity"]),
        (&Value::from(7), &Value::from("info"))
    );
    assert!(
        notes[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("2 bullets under `Risks` not read as fields"),
        "{}",
        notes[0]["message"]
    );
}

#[test]
fn a_long_log_is_read_whole_though_it_is_read_in_parts() {
    // Logs are read a thousand lines at a time: a line thousands of lines
    // on still replaces an earlier one, and a broken line there is still
    // reported at its own line.
    let mut log = String::from(
        r#"{"kind": "project", "name": "Acme Website Redesign", "due": "2026-12-01"}"#,
    );
    log.push('\n');
    for line in 2..=3000 {
        match line {
            2400 => log.push_str(
                r#"{"kind": "project", "name": "Acme Website Redesign", "due": "2026-12-09"}"#,
            ),
            2450 => log.push_str(r#"{"kind": "project", "name": "#),
            _ => log.push_str(r#"{"ts": "2026-11-24T05:00:00Z", "event": "heartbeat"}"#),
        }
        log.push('\n');
    }
    let org = Org::new(
        CONFIG,
        &[
            ("tracker/projects.json", TRACKER),
            ("calendar/log.jsonl", &log),
        ],
    );
    let doc = org.json();
    let due = conflict(&doc, "project:acme-website-redesign", "due_date").expect("a conflict");
    let calendar: Vec<&Value> = values_from(due, "calendar")
        .iter()
        .map(|v| &v["value"])
        .collect();
    assert_eq!(calendar, ["2026-12-09"], "the later line only");
    let lines: Vec<&Value> = diagnostics_of(&doc, "calendar/log.jsonl")
        .iter()
        .map(|d| &d["line"])
        .collect();
    assert_eq!(lines, [2450]);
}

#[test]
fn same_named_things_of_two_parents_are_told_apart_where_findings_name_them() {
    let tracker = r#"{"updated_at": "2026-11-24T06:00:00Z", "clients": [
  {"name": "Acme Corp", "projects": [{"name": "Q1 Campaign", "due": "2026-12-01"}]},
  {"name": "Globex", "projects": [{"name": "Q1 Campaign", "due": "2026-12-05"}]}]}"#;
    let calendar = r#"[{"name": "Q1 Campaign", "client": "Acme Corp", "due": "2026-12-02"},
  {"name": "Q1 Campaign", "client": "Globex", "due": "2026-12-07"}]"#;
    let org = Org::new(
        CONFIG,
        &[
            ("tracker/clients.json", tracker),
            ("calendar/projects.json", calendar),
        ],
    );
    let plain = org.plain();
    assert!(
        plain.contains("Acme Corp / Q1 Campaign (project) · due_date"),
        "{plain}"
    );
    assert!(
        plain.contains("Globex / Q1 Campaign (project) · due_date"),
        "{plain}"
    );
    let doc = org.json();
    let due = conflict(&doc, "project:globex/q1-campaign", "due_date").expect("a conflict");
    assert_eq!(due["entity_name"], "Globex / Q1 Campaign");
    // The entity keeps its own name.
    assert_eq!(
        entity(&doc, "project:globex/q1-campaign")["name"],
        "Q1 Campaign"
    );
}

#[test]
fn a_wrappers_last_run_is_the_files_as_of_time() {
    let doc = sample().json();
    let file = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "calendar/deadlines.yaml")
        .unwrap();
    assert_eq!(file["as_of"], "2026-11-20T08:00:00");
    assert_eq!(file["as_of_source"], "field");
}

#[test]
fn a_date_without_a_year_takes_the_nearest_and_says_so() {
    let org = sample();
    let doc = org.json();
    // "Dec 1" agrees with 2026-12-01: no conflict on the calendar's date.
    let due = conflict(&doc, "project:acme-website-redesign", "due_date")
        .expect("the morning briefing's Dec 5 dissents");
    let calendar = values_from(due, "calendar")[0];
    assert_eq!(calendar["value"], "2026-12-01");
    assert_eq!(
        calendar["note"],
        "no year given: read as 2026-12-01, the nearest its as-of date 2026-11-20"
    );
    assert!(!due["dissenters"].to_string().contains("calendar"), "{due}");
    let plain = org.plain();
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        plain.contains("no year given: read as 2026-12-05, the nearest its as-of date 2026-11-24"),
        "{plain}"
    );
}

#[test]
fn a_unit_in_a_header_names_the_field_and_gives_the_currency() {
    let doc = sample().json();
    // `Budget (EUR)` 48,000 is the tracker's EUR 48,000: no conflict.
    assert!(conflict(&doc, "project:acme-website-redesign", "budget").is_none());
    let acme = entity(&doc, "project:acme-website-redesign");
    assert!(seats_of(acme).contains(&"finance"), "{acme}");
    let fields: Vec<String> = doc["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].to_string())
        .collect();
    assert!(!fields.iter().any(|f| f.contains("eur")), "{fields:?}");
}

#[test]
fn prose_bullets_of_known_entities_are_mentions_marked_as_prose() {
    let org = sample();
    let doc = org.json();
    let due = conflict(&doc, "project:acme-website-redesign", "due_date").unwrap();
    let prose = values_from(due, "morning");
    // One value: the bullet that opens with the name, not the one where
    // the name is in the middle of a sentence ("Waiting on ... Dec 7").
    assert_eq!(prose.len(), 1, "{due}");
    assert_eq!(prose[0]["value"], "2026-12-05");
    assert_eq!(prose[0]["raw"], "Dec 5");
    assert_eq!(prose[0]["prose"], true);
    assert_eq!(prose[0]["line"], 7);
    // The owner's record is still the owner's value.
    assert_eq!(due["owner_value"], "2026-12-01");
    let status = conflict(&doc, "project:globex-kickoff", "status").expect("blocked dissents");
    assert!(status.to_string().contains("blocked"), "{status}");

    let acme = entity(&doc, "project:acme-website-redesign");
    let from_prose: Vec<&Value> = acme["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["prose"] == true)
        .collect();
    assert_eq!(from_prose.len(), 1, "{acme}");

    // Prose never makes an entity, and a date that belongs to another noun
    // or a field word not in the vocabulary says nothing.
    let text = doc["entities"].to_string();
    assert!(!text.contains("Unknown Venture"), "{text}");
    assert!(
        conflict(&doc, "deal:initech-retainer", "due_date").is_none(),
        "{}",
        doc["conflicts"]
    );
    assert!(!doc["conflicts"].to_string().contains("colour"));

    let plain = org.plain();
    assert!(plain.contains("morning (prose)"), "{plain}");
}

#[test]
fn objects_of_a_record_list_that_say_no_kind_are_a_warning() {
    let org = Org::new(
        CONFIG,
        &[
            (
                "tracker/state.yaml",
                "updated_at: 2026-11-24\nitems:\n  - kind: project\n    name: Acme\n    due: 2026-12-01\n  - name: Globex\n    due: 2026-12-05\n  - kind: project\n    name: Initech\n",
            ),
            (
                "tracker/export.json",
                r#"{"items": [{"kind": "project", "name": "Hooli"}, {"name": "Umbrella"}, {"name": "Vandelay"}]}"#,
            ),
            // No object says what it is: the file reads nothing, which its
            // own diagnostic says; there is no list of records to speak of.
            ("tracker/notes.yaml", "items:\n  - name: Soylent\n"),
        ],
    );
    let doc = org.json();
    let names = doc["entities"].to_string();
    for read in ["Acme", "Initech", "Hooli"] {
        assert!(names.contains(read), "{names}");
    }
    let yaml = diagnostics_of(&doc, "tracker/state.yaml");
    assert_eq!(yaml.len(), 1, "{yaml:?}");
    assert_eq!(yaml[0]["severity"], "warning");
    assert_eq!(yaml[0]["line"], 6);
    assert_eq!(
        yaml[0]["message"],
        "1 of this list's 3 objects says no kind and holds no record, so it was not read; \
         give each a `kind` field as the others have"
    );
    let json = diagnostics_of(&doc, "tracker/export.json");
    assert_eq!(json.len(), 1, "{json:?}");
    assert_eq!(
        (&json[0]["line"], &json[0]["column"]),
        (&1.into(), &50.into())
    );
    assert!(
        json[0]["message"].as_str().unwrap().starts_with(
            "2 of this list's 3 objects say no kind and hold no record, so they were not read"
        ),
        "{}",
        json[0]
    );
    let notes = diagnostics_of(&doc, "tracker/notes.yaml");
    assert!(
        notes
            .iter()
            .all(|d| !d["message"].as_str().unwrap().contains("of this list")),
        "{notes:?}"
    );
}

#[test]
fn a_key_given_twice_is_a_warning_and_the_later_value_is_read() {
    let org = Org::new(
        CONFIG,
        &[(
            "tracker/projects.yaml",
            "updated_at: 2026-11-24\nprojects:\n  - name: Acme\n    due: 2026-12-01\n    due: 2026-12-03\n",
        )],
    );
    let doc = org.json();
    let warning = diagnostics_of(&doc, "tracker/projects.yaml")[0];
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["line"], 5);
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("`due` is given twice in one mapping, on lines 4 and 5"),
        "{warning}"
    );
}

#[test]
fn a_key_given_twice_is_a_warning_in_every_mapping_format() {
    // The tracker gives `due` twice, the calendar the later value: when the
    // later is read there is nothing to disagree on.
    let cases = [
        (
            "tracker/projects.json",
            "{\"projects\": [{\"name\": \"Acme\",\n  \"due\": \"2026-12-01\",\n  \"due\": \"2026-12-03\"}]}",
            "on lines 2 and 3",
        ),
        (
            "tracker/projects.jsonl",
            "{\"kind\": \"project\", \"name\": \"Acme\", \"due\": \"2026-12-01\", \"due\": \"2026-12-03\"}\n",
            "on line 1 (columns 37 and 58)",
        ),
        (
            "tracker/projects.yaml",
            "projects:\n  - name: Acme\n    due: 2026-12-01\n    due: 2026-12-03\n",
            "on lines 3 and 4",
        ),
        (
            "tracker/projects.toml",
            "[[projects]]\nname = \"Acme\"\ndue = 2026-12-01\ndue = 2026-12-03\n",
            "on lines 3 and 4",
        ),
        (
            "tracker/projects.md",
            "### Project: Acme\n\n- Due: 2026-12-01\n- Due: 2026-12-03\n",
            "on lines 3 and 4",
        ),
    ];
    for (path, text, lines) in cases {
        let org = Org::new(
            CONFIG,
            &[
                (path, text),
                (
                    "calendar/projects.json",
                    r#"{"projects": [{"name": "Acme", "due": "2026-12-03"}]}"#,
                ),
            ],
        );
        let doc = org.json();
        let warning = diagnostics_of(&doc, path)
            .into_iter()
            .find(|d| d["message"].as_str().unwrap().contains("twice"))
            .unwrap_or_else(|| panic!("{path}: no warning in {:#}", doc["diagnostics"]));
        assert_eq!(warning["severity"], "warning", "{path}");
        let message = warning["message"].as_str().unwrap();
        assert!(message.contains(lines), "{path}: {message}");
        assert!(
            message.contains("the later value is read"),
            "{path}: {message}"
        );
        assert!(
            conflict(&doc, "project:acme", "due_date").is_none(),
            "{path}: the earlier value was read: {:#}",
            doc["conflicts"]
        );
    }
}

/// A generated summary names projects plainly, set off by a dash or a
/// colon rather than bold; its dates still dissent.
#[test]
fn prose_bullets_with_a_plain_name_are_read_too() {
    let summary = "\
# Daily summary

- Acme Website Redesign \u{2014} due Dec 5
- Globex Kickoff: status blocked
- Next steps - due Dec 9
- Acme Website Redesign - phase 2 due Dec 20
";
    let org = Org::new(
        CONFIG,
        &[
            ("tracker/projects.json", TRACKER),
            ("morning/summary.md", summary),
        ],
    );
    let doc = org.json();
    let due = conflict(&doc, "project:acme-website-redesign", "due_date").expect("Dec 5 dissents");
    let prose = values_from(due, "morning");
    // Not the phase's date: a field word must follow the name.
    assert_eq!(prose.len(), 1, "{due}");
    assert_eq!(prose[0]["value"], "2026-12-05");
    assert_eq!(prose[0]["line"], 3);
    let status = conflict(&doc, "project:globex-kickoff", "status").expect("blocked dissents");
    assert!(status.to_string().contains("blocked"), "{status}");
    assert!(!doc["entities"].to_string().contains("Next steps"));
}

/// A spreadsheet saved where the comma is the decimal mark: semicolons
/// between cells, `48.000,00` and `12.500` amounts, `01.12.2026` dates. Read at commas it was one column of
/// jumbled text and a false "owner never writes it".
#[test]
fn a_semicolon_csv_is_read_at_its_semicolons() {
    let org = Org::new(
        CONFIG,
        &[
            (
                "tracker/projects.json",
                r#"{"projects": [{"name": "Acme", "budget": "EUR 48,000", "due": "2026-12-01"},
                                 {"name": "Globex", "budget": "EUR 12,500"}]}"#,
            ),
            (
                "finance/projects.csv",
                "\u{feff}name;budget;status;due\nAcme;48.000,00 EUR;active;01.12.2026\nGlobex;12.500 EUR;active;\n",
            ),
        ],
    );
    let doc = org.json();
    let diagnostics = diagnostics_of(&doc, "finance/projects.csv");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let acme = entity(&doc, "project:acme");
    assert_eq!(seats_of(acme), ["finance", "tracker"]);
    assert!(
        conflict(&doc, "project:acme", "budget").is_none(),
        "48.000,00 EUR is EUR 48,000: {:#}",
        doc["conflicts"]
    );
    assert!(
        conflict(&doc, "project:acme", "due_date").is_none(),
        "01.12.2026 is 1 December: {:#}",
        doc["conflicts"]
    );
    assert!(
        conflict(&doc, "project:globex", "budget").is_none(),
        "12.500 EUR is EUR 12,500, not 12.50: {:#}",
        doc["conflicts"]
    );
}

/// A typed number keeps its grammar: JSON's `48.000` is 48, whatever the
/// reading of `48.000 EUR` written as text.
#[test]
fn a_json_number_with_three_decimals_is_that_number() {
    let org = Org::new(
        CONFIG,
        &[
            (
                "tracker/projects.json",
                r#"{"projects": [{"name": "Acme", "budget": 48.000}]}"#,
            ),
            (
                "finance/projects.json",
                r#"{"projects": [{"name": "Acme", "budget": "48 USD"}]}"#,
            ),
        ],
    );
    let doc = org.json();
    assert!(
        conflict(&doc, "project:acme", "budget").is_none(),
        "{:#}",
        doc["conflicts"]
    );
}

/// A record of more keys than are read: the first are read, and a warning
/// at the map names the limit, in every format that reads maps.
#[test]
fn a_record_of_too_many_keys_is_read_to_the_limit_and_says_so() {
    let many = 5_000;
    let json_keys: Vec<String> = (0..many).map(|i| format!(r#""k{i}": "v""#)).collect();
    let yaml_keys: String = (0..many).map(|i| format!("    k{i}: v\n")).collect();
    let cases = [
        (
            "tracker/projects.json",
            format!(
                "{{\"projects\": [\n  {{\"name\": \"Acme\", \"due\": \"2026-12-01\", {}}}]}}",
                json_keys.join(", ")
            ),
            "2:3",
        ),
        (
            "tracker/projects.yaml",
            format!("projects:\n  - name: Acme\n    due: 2026-12-01\n{yaml_keys}"),
            "2:5",
        ),
    ];
    for (path, text, place) in cases {
        let org = Org::new(
            CONFIG,
            &[
                (path, text.as_str()),
                (
                    "calendar/projects.json",
                    r#"{"projects": [{"name": "Acme", "due": "2026-12-03"}]}"#,
                ),
            ],
        );
        let doc = org.json();
        let warnings = diagnostics_of(&doc, path);
        let [warning] = &warnings[..] else {
            panic!("{path}: one diagnostic, not {warnings:#?}")
        };
        assert_eq!(warning["severity"], "warning", "{path}");
        assert_eq!(
            format!("{}:{}", warning["line"], warning["column"]),
            place,
            "{path}"
        );
        assert_eq!(
            warning["message"],
            format!(
                "the map has {} keys, more than the 4096 a record may have; \
                 the last {} that hold a single value are not read",
                many + 2,
                many + 2 - 4096
            ),
            "{path}"
        );
        // The keys before the limit are read: the tracker's due date
        // disagrees with the calendar's.
        assert!(
            conflict(&doc, "project:acme", "due_date").is_some(),
            "{path}: {:#}",
            doc["conflicts"]
        );
    }
}

/// TOML front matter warns as a TOML file does: a key given twice is
/// named, not dropped with the front matter's other findings.
#[test]
fn a_key_given_twice_in_toml_front_matter_is_a_warning() {
    let path = "tracker/notes.md";
    let org = Org::new(
        CONFIG,
        &[(
            path,
            "+++\nupdated_at = 2026-11-20T06:00:00Z\nupdated_at = 2026-11-21T06:00:00Z\n+++\n\n\
             ### Project: Acme\n\n- Due: 2026-12-03\n",
        )],
    );
    let doc = org.json();
    let diagnostics = diagnostics_of(&doc, path);
    let [warning] = &diagnostics[..] else {
        panic!("one diagnostic, not {diagnostics:#?}")
    };
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["line"], 3);
    let message = warning["message"].as_str().unwrap();
    assert!(
        message.contains("`updated_at` is given twice in one table, on lines 2 and 3"),
        "{message}"
    );
}

#[test]
fn an_as_of_after_today_is_a_warning_and_counts_as_today() {
    let org = Org::new(
        CONFIG,
        &[(
            "tracker/projects.json",
            r#"{"updated_at": "2026-12-06T09:00:00Z", "projects": [{"name": "Acme", "status": "active"}]}"#,
        )],
    );
    let doc = org.json();
    let warning = diagnostics_of(&doc, "tracker/projects.json")[0];
    assert_eq!(warning["severity"], "warning");
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("as of 2026-12-06T09:00:00 by its as-of field, after today (2026-11-24)"),
        "{warning}"
    );
    let seat = doc["seats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "tracker")
        .unwrap();
    assert_eq!(seat["as_of"], "2026-11-24", "{seat}");
}

/// A file modified after `--today` (a briefing replayed for a past day)
/// counts as of today: its values show as of today, and a date it gives
/// without a year is read against today, not against the clock.
#[test]
fn a_file_modified_after_today_counts_as_of_today() {
    let org = Org::new(
        CONFIG,
        &[
            (
                "tracker/projects.json",
                r#"{"updated_at": "2026-11-20T06:00:00Z", "projects": [{"name": "Acme Website Redesign", "due": "2026-12-01"}]}"#,
            ),
            (
                "calendar/deadlines.yaml",
                "deadlines:\n  - project: \"Acme Website Redesign\"\n    due: \"Dec 5\"\n",
            ),
        ],
    );
    let calendar = org.dir.path().join("state/calendar/deadlines.yaml");
    // Early in 2030: a date without a year would read as 2029 or 2030
    // against that clock.
    let later = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_893_456_000);
    std::fs::File::options()
        .write(true)
        .open(&calendar)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let doc = org.json();
    let conflict = doc["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "due_date")
        .expect("the due date conflict");
    let value = values_from(conflict, "calendar")[0];
    assert_eq!(value["value"], "2026-12-05", "{value}");
    assert!(
        value["as_of"].as_str().unwrap().starts_with("2026-11-24"),
        "{value}"
    );
}
