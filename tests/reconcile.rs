//! Reconciliation through the library: merges, their reasons, and that the
//! result does not depend on the order files were read in.

use briefing::config::Config;
use briefing::model::{FileId, Ingested, Interner, MentionId, Symbol};
use briefing::reconcile::{EntityId, Reconciled, reconcile};
use briefing::vocab::Vocab;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

fn setup(config: &str, files: &[(&str, &str)]) -> (tempfile::TempDir, Config) {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join("state").join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::create_dir_all(dir.path().join("state")).unwrap();
    let config_path = dir.path().join("briefing.toml");
    std::fs::write(&config_path, config).unwrap();
    let config = Config::load(&config_path).unwrap();
    (dir, config)
}

/// How many entities of `kind` the files make.
fn entities_of(files: &[(&str, &str)], kind: &str) -> usize {
    let (_dir, config) = setup(CONFIG, files);
    let (mut ingested, vocab) = ingest(&config);
    let reconciled = reconcile(&mut ingested, &config, &vocab);
    reconciled
        .entities
        .iter()
        .filter(|e| &ingested.interner[e.kind] == kind)
        .count()
}

fn ingest(config: &Config) -> (Ingested, Vocab) {
    let vocab = Vocab::new(config);
    (briefing::ingest::ingest(config, &vocab).unwrap(), vocab)
}

/// A mention by file, position and merge reason.
type Place = (String, u32, String);

/// Entities as sets of `file:line` mentions, with their ids and reasons.
fn summary(ingested: &Ingested, reconciled: &Reconciled) -> BTreeSet<(String, Vec<Place>)> {
    reconciled
        .entities
        .iter()
        .map(|e| {
            let mut mentions: Vec<Place> = e
                .mentions
                .iter()
                .map(|&m| {
                    let mention = ingested.mention(m);
                    let pos = mention.pos();
                    (
                        ingested.files[mention.file().index()].path.clone(),
                        pos.line * 1000 + pos.column,
                        reconciled.label(m, &ingested.interner).to_string(),
                    )
                })
                .collect();
            mentions.sort();
            (e.id.to_string(), mentions)
        })
        .collect()
}

const CONFIG: &str = r#"
[briefing]
org = "Test"
state_dir = "state"
match_threshold = 0.88

[[alias]]
kind = "project"
name = "Acme Website Redesign"
aka = ["acme-site-v2"]
"#;

fn org_files() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "tracker/projects.json",
            r#"{"projects": [
  {"name": "Acme Website Redesign", "accelo_id": "A-1", "client": "Acme Inc", "due": "2026-12-01"},
  {"name": "Q1 Campaign", "client": "Acme Inc"},
  {"name": "Q1 Campaign", "client": "Globex Corporation"},
  {"name": "Initech Portal", "accelo_id": "A-7"}
]}"#,
        ),
        (
            "calendar/deadlines.yaml",
            "clients:\n  - name: ACME, Inc.\n    projects:\n      - name: acme website redesign\n        deadline: Dec 5, 2026\n      - name: Q1 campaign\n",
        ),
        (
            "email/threads.csv",
            "project,client,due_date\nacme-site-v2,Acme,12/01/2026\nInitec Portal,,2026-12-09\n",
        ),
        (
            "finance/budgets.toml",
            "[[projects]]\nname = \"Initech Portal\"\naccelo_id = \"A-8\"\nbudget = \"$10,000\"\n",
        ),
        (
            "log/events.jsonl",
            "{\"project\": \"Acme Website Redesign\", \"status\": \"wip\"}\n{\"project\": \"Acme Web-site Redesign\", \"status\": \"active\"}\n",
        ),
    ]
}

#[test]
fn merges_with_reasons() {
    let (_dir, config) = setup(CONFIG, &org_files());
    let (mut ingested, vocab) = ingest(&config);
    let reconciled = reconcile(&mut ingested, &config, &vocab);
    let ids: Vec<&str> = reconciled.entities.iter().map(|e| &*e.id).collect();

    let acme = reconciled
        .entities
        .iter()
        .find(|e| &*e.id == "project:acme-website-redesign")
        .unwrap_or_else(|| panic!("no acme project in {ids:?}"));
    let reasons: BTreeSet<String> = acme
        .mentions
        .iter()
        .map(|&m| reconciled.label(m, &ingested.interner).to_string())
        .collect();
    assert_eq!(acme.mentions.len(), 5, "{reasons:?}");
    assert!(reasons.contains("alias"), "{reasons:?}");
    assert!(reasons.contains("name"), "{reasons:?}");
    assert!(
        reasons.iter().any(|r| r.starts_with("fuzzy 0.9")),
        "{reasons:?}"
    );

    // The client is one entity however it is written, and it is the parent.
    let clients: Vec<_> = reconciled
        .entities
        .iter()
        .filter(|e| &ingested.interner[e.kind] == "client")
        .collect();
    assert_eq!(clients.len(), 2, "{ids:?}");
    let acme_client = reconciled
        .entities
        .iter()
        .position(|e| &*e.id == "client:acme")
        .unwrap();
    assert_eq!(acme.parent, Some(EntityId::new(acme_client)));

    // Same name under different clients: two projects, ids say whose.
    assert!(ids.contains(&"project:acme/q1-campaign"), "{ids:?}");
    assert!(ids.contains(&"project:globex/q1-campaign"), "{ids:?}");
    let acme_q1 = reconciled
        .entities
        .iter()
        .find(|e| &*e.id == "project:acme/q1-campaign")
        .unwrap();
    assert_eq!(
        acme_q1.mentions.len(),
        2,
        "the calendar's nested Q1 campaign is Acme's"
    );

    // Different identifiers in one namespace never merge, even by name.
    let initech: Vec<_> = reconciled
        .entities
        .iter()
        .filter(|e| e.name.to_lowercase().starts_with("initech portal"))
        .collect();
    assert_eq!(initech.len(), 2, "{ids:?}");
}

#[test]
fn clashing_ids_are_numbered_in_canonical_order() {
    // Projects of one name that their identifiers keep apart: the first in
    // file-path order keeps the plain id.
    let files = [
        (
            "b/projects.json",
            "[\n{\"name\": \"Portal\", \"accelo_id\": \"A-3\"},\n{\"name\": \"Portal\", \"accelo_id\": \"A-2\"}\n]",
        ),
        (
            "a/projects.json",
            "[\n{\"name\": \"Portal\", \"accelo_id\": \"A-9\"}\n]",
        ),
    ];
    let (_dir, config) = setup(CONFIG, &files);
    let (mut ingested, vocab) = ingest(&config);
    let reconciled = reconcile(&mut ingested, &config, &vocab);
    let ids: Vec<(&str, &str, u32)> = reconciled
        .entities
        .iter()
        .map(|e| {
            let mention = ingested.mention(e.mentions[0]);
            let file = ingested.files[mention.file().index()].path.as_str();
            (&*e.id, file, mention.pos().line)
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("project:portal", "a/projects.json", 2),
            ("project:portal~2", "b/projects.json", 2),
            ("project:portal~3", "b/projects.json", 3),
        ]
    );
}

/// Near names from two sources that stayed apart are kept for `explain`;
/// a numbered series in one list is no near miss, but every pair of it
/// would be one.
#[test]
fn near_misses_are_kept_for_explain_except_within_a_numbered_list() {
    let near_misses = |files: &[(&str, &str)]| {
        let (_dir, config) = setup(CONFIG, files);
        let (mut ingested, vocab) = ingest(&config);
        let reconciled = reconcile(&mut ingested, &config, &vocab);
        assert_eq!(reconciled.entities.len(), 2);
        reconciled.near_misses
    };
    let apart = near_misses(&[
        ("a/projects.json", r#"[{"name": "Globex Rebrand 2026"}]"#),
        ("b/projects.json", r#"[{"name": "Globex Rebrand 2027"}]"#),
    ]);
    let miss = apart.first().expect("a near miss");
    assert_eq!(miss.blocked_by, Some("different numbers"));
    let one_list = near_misses(&[(
        "a/projects.json",
        r#"[{"name": "Globex Rebrand 2026"}, {"name": "Globex Rebrand 2027"}]"#,
    )]);
    assert!(one_list.is_empty(), "{one_list:?}");
    let misspelt = near_misses(&[(
        "a/projects.json",
        r#"[{"name": "Globex Rebrand Launch"}, {"name": "Globex Rebrand Lanch"}]"#,
    )]);
    let miss = misspelt.first().expect("a near miss in one list");
    assert_eq!(miss.blocked_by, Some("same file"));
}

/// The same mentions in another order: files renumbered, mentions permuted
/// and parent links remapped, as a parallel read in another order would
/// give, and kinds, field names and namespaces numbered the other way round.
fn permuted(ingested: &Ingested, file_order: &[usize], mention_seed: u64) -> Ingested {
    let mut file_new = vec![FileId::new(0); file_order.len()];
    for (new, &old) in file_order.iter().enumerate() {
        file_new[old] = FileId::new(new);
    }
    let n = ingested.mentions.len();
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = mention_seed | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    let mut mention_new = vec![MentionId::new(0); n];
    for (new, &old) in order.iter().enumerate() {
        mention_new[old] = MentionId::new(new);
    }
    let mut interner = Interner::default();
    for s in (0..ingested.interner.len()).rev() {
        interner.intern(&ingested.interner[Symbol::new(s)]);
    }
    let mut renumbering = interner.renumber_from(&ingested.interner);
    let mentions = order
        .iter()
        .map(|&old| {
            let mut m = ingested.mentions[old].clone();
            m.file = file_new[m.file.index()];
            m.parent = m.parent.map(|p| mention_new[p.index()]);
            m.kind = renumbering.symbol(m.kind);
            m
        })
        .collect();
    let fields = file_order
        .iter()
        .map(|&old| {
            let mut fields = ingested.fields[old].clone();
            for field in &mut fields {
                field.name = renumbering.field_name(field.name);
            }
            fields
        })
        .collect();
    let ids = file_order
        .iter()
        .map(|&old| {
            let mut ids = ingested.ids[old].clone();
            for (namespace, _) in &mut ids {
                *namespace = renumbering.symbol(*namespace);
            }
            ids
        })
        .collect();
    Ingested {
        files: file_order
            .iter()
            .map(|&old| ingested.files[old].clone())
            .collect(),
        mentions,
        references: Vec::new(),
        prose: Vec::new(),
        fields,
        ids,
        times: file_order
            .iter()
            .map(|&old| ingested.times[old].clone())
            .collect(),
        texts: file_order
            .iter()
            .map(|&old| ingested.texts[old].clone())
            .collect(),
        interner,
        diagnostics: ingested.diagnostics.clone(),
        skipped: ingested.skipped.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn result_does_not_depend_on_read_order(files in Just(org_files()).prop_shuffle(), seed in any::<u64>()) {
        let (_dir, config) = setup(CONFIG, &org_files());
        let (ingested, vocab) = ingest(&config);
        let mut baseline = ingested.clone();
        let expected = reconcile(&mut baseline, &config, &vocab);

        let paths: Vec<&str> = ingested.files.iter().map(|f| f.path.as_str()).collect();
        let file_order: Vec<usize> = files
            .iter()
            .map(|(p, _)| paths.iter().position(|q| q == p).unwrap())
            .collect();
        let mut shuffled = permuted(&ingested, &file_order, seed);
        let got = reconcile(&mut shuffled, &config, &vocab);
        prop_assert_eq!(summary(&baseline, &expected), summary(&shuffled, &got));
    }
}

#[test]
fn config_paths_are_relative_to_the_file() {
    let (dir, config) = setup(CONFIG, &[]);
    assert_eq!(config.state_dir, dir.path().join("state"));
    assert!(Path::new(&config.state_dir).is_dir());
}

#[test]
fn a_reference_sits_under_the_records_other_references() {
    let files = [
        (
            "tracker/projects.json",
            r#"{"projects": [
  {"name": "Website Redesign", "client": "Acme", "due": "2026-12-01"},
  {"name": "Website Redesign", "client": "Globex", "due": "2026-12-02"},
  {"name": "Website Redesign", "client": "Initech", "due": "2026-12-03"}
]}"#,
        ),
        (
            "desk/tickets.csv",
            "ticket,project,client\nT-1,Website Redesign,Globex\nT-2,Web-site Redesign,Initech\n",
        ),
    ];
    let (_dir, config) = setup(CONFIG, &files);
    let (mut ingested, vocab) = ingest(&config);
    let reconciled = reconcile(&mut ingested, &config, &vocab);
    let projects: Vec<_> = reconciled
        .entities
        .iter()
        .filter(|e| &ingested.interner[e.kind] == "project")
        .collect();
    let ids: Vec<&str> = projects.iter().map(|e| &*e.id).collect();
    assert_eq!(projects.len(), 3, "{ids:?}");
    let globex = projects
        .iter()
        .find(|e| &*e.id == "project:globex/website-redesign")
        .unwrap();
    assert_eq!(globex.mentions.len(), 2, "the ticket's project is Globex's");
    let initech = projects
        .iter()
        .find(|e| &*e.id == "project:initech/website-redesign")
        .unwrap();
    assert_eq!(
        initech.mentions.len(),
        2,
        "the misspelt one is Initech's, not chained to another client's"
    );
}

#[test]
fn a_typo_of_a_common_name_still_finds_its_match_under_its_parent() {
    let mut projects = String::from("{\"projects\": [");
    for i in 0..400 {
        projects.push_str(&format!(
            "{}{{\"name\": \"Member App Launch\", \"client\": \"Client {i:03} Foods\"}}",
            if i == 0 { "" } else { "," }
        ));
    }
    projects.push_str("]}");
    let files = [
        ("tracker/projects.json", projects.as_str()),
        (
            "desk/dates.csv",
            "project,client,due\nMembar App Launch,Client 250 Foods,2026-12-09\n",
        ),
    ];
    let projects = entities_of(&files, "project");
    assert_eq!(projects, 400, "the typo merged with Client 250's project");
}

#[test]
fn a_typo_of_a_name_of_common_words_still_finds_its_match() {
    // Each word is on hundreds of names, too many to look through one by
    // one, as in a large organisation.
    let mut names: Vec<String> = Vec::new();
    for i in 0..300 {
        names.push(format!("Ortega {i:03}"));
        names.push(format!("{i:03} Software"));
        names.push(format!("Linden {i:03}"));
    }
    for i in 300..400 {
        names.push(format!("{i:03} Hotels"));
    }
    names.push("Ortega Software".to_string());
    names.push("Linden Hotels".to_string());
    let clients: Vec<String> = names
        .iter()
        .map(|n| format!("{{\"name\": \"{n}\"}}"))
        .collect();
    let clients = format!("{{\"clients\": [{}]}}", clients.join(","));
    let files = [
        ("crm/clients.json", clients.as_str()),
        ("desk/clients.csv", "name\nOrtega Sofeware\nLinden Hotals\n"),
    ];
    let clients = entities_of(&files, "client");
    assert_eq!(clients, names.len(), "a misspelling stayed apart");
}
