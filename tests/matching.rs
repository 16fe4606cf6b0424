//! Which names are one thing: named pairs that must and must not merge,
//! the rules around them (one file lists each thing once, a misspelling
//! close to two names is taken for neither), and the merges of a generated
//! organisation measured against its ground truth.

// The generator and the measure are the examples' own; their `main`s are
// not used here.
#[allow(dead_code)]
#[path = "../examples/gen-org.rs"]
mod gen_org;
#[allow(dead_code)]
#[path = "../examples/match-quality.rs"]
mod match_quality;

use briefing::config::Config;
use briefing::model::Ingested;
use briefing::reconcile::{Reconciled, reconcile};
use briefing::vocab::Vocab;
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// A state directory with `files` under a configuration saying `config`.
struct Org {
    dir: tempfile::TempDir,
}

impl Org {
    fn new(config: &str, files: &[(&str, &str)]) -> Org {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join("state").join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let config = format!("[briefing]\norg = \"Test\"\nstate_dir = \"state\"\n{config}");
        std::fs::write(dir.path().join("briefing.toml"), config).unwrap();
        Org { dir }
    }

    fn config(&self) -> Config {
        Config::load(&self.dir.path().join("briefing.toml")).unwrap()
    }

    fn reconciled(&self) -> (Ingested, Reconciled) {
        let config = self.config();
        let vocab = Vocab::new(&config);
        let mut ingested = briefing::ingest::ingest(&config, &vocab).unwrap();
        let reconciled = reconcile(&mut ingested, &config, &vocab);
        (ingested, reconciled)
    }

    fn briefing(&self) -> briefing::briefing::Briefing {
        briefing::run(&self.config(), today()).unwrap()
    }
}

/// Whether two records of `kind`, named `a` and `b` in two different
/// sources' files, come out as one entity.
fn merged(kind: &str, a: &str, b: &str) -> bool {
    let record = |name: &str| format!("[{{\"name\": {}}}]", serde_json::json!(name));
    let plural = format!("{kind}s");
    let (first, second) = (format!("one/{plural}.json"), format!("two/{plural}.json"));
    let org = Org::new("", &[(&first, &record(a)), (&second, &record(b))]);
    let (_, reconciled) = org.reconciled();
    let n = reconciled.entities.len();
    assert!(n == 1 || n == 2, "{kind} {a:?} / {b:?}: {n} entities");
    n == 1
}

#[test]
fn named_pairs_that_are_one_thing_merge() {
    for (kind, a, b) in [
        ("client", "Kessler Holdings, L.L.C.", "Kessler Holdings LLC"),
        ("client", "Kessler Holdings L. L. C.", "KESSLER HOLDINGS"),
        ("client", "Harbor Capital, L.P.", "Harbor Capital LP"),
        ("client", "Rio Verde S.A.", "Rio Verde SA"),
        ("client", "Kessler & Co.", "Kessler Co"),
        ("client", "Smith & Jones", "Smith and Jones"),
        ("client", "Smith + Jones", "Smith & Jones"),
        ("client", "Globex Corporation", "Globex Corp."),
        ("client", "J.P. Morgan Chase", "JP Morgan Chase"),
        ("project", "Initech Portal", "Initec Portal"),
        ("project", "Acme Website Redesign", "Acme Web-site Redesign"),
        ("project", "Acme Website Redesign", "Redesign Acme Website"),
        ("project", "Holiday Landing Pages", "Holiday Landing Page"),
        (
            "project",
            "Brimi Kamar Integration",
            "Brimi Kamar Intergation",
        ),
        (
            "project",
            "Brimi Kamar Integration",
            "brmi kamar integration",
        ),
        ("project", "Alumni Photo Shoot", "Alumnni Photo Shoot"),
        ("campaign", "Acme Q01 Search", "Acme Q1 Search"),
        (
            "campaign",
            "Holka Torfin Nusjex Campaign",
            "Holka Torfin Nusjex",
        ),
    ] {
        assert!(merged(kind, a, b), "{kind}: {a:?} and {b:?} stayed apart");
    }
}

#[test]
fn named_pairs_that_are_two_things_stay_apart() {
    for (kind, a, b) in [
        (
            "project",
            "Brimi Kamar Integration",
            "Brimi Praka Integration",
        ),
        (
            "campaign",
            "Holka Torfin Nusjex Campaign",
            "Nusjex Holmar Torfin Campaign",
        ),
        (
            "campaign",
            "Quosel Ostyon Zelka Newsletter",
            "Zelquo Ostyondan Quosel Newsletter",
        ),
        ("project", "Acme Website Redesign", "Acme Website"),
        ("project", "Acme Website Redesign", "Acme Website Refresh"),
        ("project", "Globex Rebrand 2026", "Globex Rebrand 2027"),
        ("project", "Holiday Webinar 1", "Holiday Webinar 2"),
        ("project", "Acme Phase 12", "Acme Phase 13"),
        ("project", "Acme AI Launch", "Acme AL Launch"),
        ("client", "Blue Summit Health", "Summit Health"),
        ("client", "Kamar Foods", "Kmor Foods"),
        // Other words a letter or two from each other.
        ("project", "Online Campaign", "Offline Campaign"),
        ("project", "Website Launch", "Website Relaunch"),
        ("project", "Acme Website Redesign", "Acme Website Design"),
        ("campaign", "Display Remarketing", "Display Marketing"),
        ("project", "Mar Promo Email", "May Promo Email"),
        ("client", "Austria Tourism Board", "Australia Tourism Board"),
        ("client", "Acme Health", "Acme Wealth"),
        ("person", "Mark Chen", "Mary Chen"),
        ("person", "Jon Smith", "Jan Smith"),
    ] {
        assert!(!merged(kind, a, b), "{kind}: {a:?} and {b:?} merged");
    }
}

#[test]
fn a_bare_id_is_one_seats_numbering_and_a_named_one_is_shared() {
    let seats = r#"
[[seat]]
name = "tracker"
owner = "Ann"
files = ["tracker/**"]
owns = ["project.*"]
on_failure = "Ann checks"

[[seat]]
name = "calendar"
owner = "Bob"
files = ["calendar/**"]
owns = []
on_failure = "Bob checks"
"#;
    let ids = |org: &Org| {
        let briefing = org.briefing();
        let mut names: Vec<String> = briefing
            .entities
            .iter()
            .map(|e| e.name().to_string())
            .collect();
        names.sort();
        (names, briefing.conflicts.len())
    };
    // Two systems that both count from 1: two projects, and the project
    // the two seats number differently is one, with its conflict.
    let tracker = r#"[{"id": 1, "name": "Alpha Build", "due_date": "2026-12-01"},
                      {"id": "p-3", "name": "Charlie Build", "due_date": "2026-12-03"}]"#;
    let calendar = r#"[{"id": 1, "name": "Zulu Launch", "due_date": "2027-01-01"},
                       {"id": "evt_98765", "name": "Charlie Build", "due_date": "2027-01-03"}]"#;
    let org = Org::new(
        seats,
        &[
            ("tracker/projects.json", tracker),
            ("calendar/projects.json", calendar),
        ],
    );
    assert_eq!(
        ids(&org),
        (
            vec![
                "Alpha Build".into(),
                "Charlie Build".into(),
                "Zulu Launch".into()
            ],
            1
        )
    );
    // Within one seat a bare id still joins its records, and a named one
    // joins across seats.
    let status = r#"[{"kind": "project", "id": 1, "name": "Alpha", "status": "active"}]"#;
    let calendar = r#"[{"accelo_id": "J-7", "name": "Zulu Launch"}]"#;
    let tracker = r#"[{"id": 1, "name": "Alpha Build", "accelo_id": "J-7"}]"#;
    let org = Org::new(
        seats,
        &[
            ("tracker/projects.json", tracker),
            ("tracker/status.json", status),
            ("calendar/projects.json", calendar),
        ],
    );
    let (ingested, reconciled) = org.reconciled();
    assert_eq!(ingested.mentions.len(), 3);
    assert_eq!(reconciled.entities.len(), 1);
}

#[test]
fn two_records_of_one_file_are_two_things_unless_an_id_or_alias_says_otherwise() {
    // The tracker lists each project once: these are two, and their due
    // dates are no conflict.
    let tracker = r#"{"projects": [
  {"name": "Brimi Kamar Integration", "due_date": "2026-12-01"},
  {"name": "Brimi Kamar Intergation", "due_date": "2026-12-15"}
]}"#;
    let org = Org::new("", &[("tracker/projects.json", tracker)]);
    let briefing = org.briefing();
    assert_eq!(briefing.entities.len(), 2);
    assert!(briefing.conflicts.is_empty(), "{:#?}", briefing.conflicts);
    let miss = &briefing.near_misses[0];
    assert_eq!(miss.blocked_by(), Some("same file"));

    // The same spelling in another source's file merges.
    let email = "project,due_date\nBrimi Kamar Intergation,2026-12-01\n";
    let org = Org::new(
        "",
        &[
            ("tracker/projects.json", tracker),
            ("email/projects.csv", email),
        ],
    );
    let (ingested, reconciled) = org.reconciled();
    assert_eq!(reconciled.entities.len(), 2);
    let typo = reconciled
        .entities
        .iter()
        .find(|e| e.mentions.len() == 2)
        .expect("the email's spelling joined one of the tracker's");
    let labels: Vec<String> = typo
        .mentions
        .iter()
        .map(|&m| reconciled.label(m, &ingested.interner).to_string())
        .collect();
    assert_eq!(
        labels,
        ["first", "name"],
        "the same spelling, merged by name"
    );

    // A shared identifier or an alias still joins records of one file.
    let with_ids = r#"[{"name": "Brimi Kamar Integration", "accelo_id": "J-7"},
                      {"name": "Brimi Kamar Intergation", "accelo_id": "J-7"}]"#;
    let org = Org::new("", &[("tracker/projects.json", with_ids)]);
    assert_eq!(org.reconciled().1.entities.len(), 1);
    let aliased = r#"[{"name": "Brimi Kamar Integration"}, {"name": "BKI"}]"#;
    let org = Org::new(
        "[[alias]]\nkind = \"project\"\nname = \"Brimi Kamar Integration\"\naka = [\"BKI\"]\n",
        &[("tracker/projects.json", aliased)],
    );
    assert_eq!(org.reconciled().1.entities.len(), 1);
}

#[test]
fn an_event_log_repeats_its_entities_and_its_lines_still_merge() {
    let log = "{\"project\": \"Acme Website Redesign\", \"status\": \"wip\"}\n\
               {\"project\": \"Acme Websit Redesign\", \"status\": \"active\"}\n";
    let org = Org::new("", &[("log/events.jsonl", log)]);
    assert_eq!(org.reconciled().1.entities.len(), 1);
}

#[test]
fn a_misspelling_close_to_two_names_is_taken_for_neither() {
    // Two clients the sales system lists, each written by other sources
    // too, and a note whose misspelling is one edit from both.
    let pipeline =
        r#"{"clients": [{"name": "Holka Torfin Group"}, {"name": "Holmar Torfin Group"}]}"#;
    let billing = "client,status\nHolka Torfin Group,active\nHolmar Torfin Group,active\n";
    let desk = "client,status\nHolka Torfin Group,active\nHolmar Torfin Group,active\n";
    let note = r#"[{"name": "Holma Torfin Group", "status": "on hold"}]"#;
    let org = Org::new(
        "",
        &[
            ("sales/clients.json", pipeline),
            ("billing/clients.csv", billing),
            ("desk/clients.csv", desk),
            ("notes/clients.json", note),
        ],
    );
    let briefing = org.briefing();
    let ids: Vec<&str> = briefing.entities.iter().map(|e| e.id()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert!(briefing.conflicts.is_empty(), "{:#?}", briefing.conflicts);
    let ambiguous: Vec<_> = briefing
        .near_misses
        .iter()
        .filter(|m| m.blocked_by() == Some("ambiguous"))
        .collect();
    assert_eq!(ambiguous.len(), 2, "{:#?}", briefing.near_misses);
}

#[test]
fn dotted_company_forms_are_one_client_and_their_dispute_shows() {
    let crm = r#"{"clients": [{"name": "Kessler Holdings, L.L.C.", "status": "active"}]}"#;
    let billing = "client,status\nKessler Holdings LLC,on hold\n";
    let org = Org::new(
        "[[seat]]\nname = \"crm\"\nfiles = [\"crm/**\"]\nowns = [\"client.status\"]\n\
         [[seat]]\nname = \"billing\"\nfiles = [\"billing/**\"]\n",
        &[("crm/clients.json", crm), ("billing/clients.csv", billing)],
    );
    let briefing = org.briefing();
    assert_eq!(briefing.entities.len(), 1, "{:#?}", briefing.entities);
    let conflict = briefing
        .conflicts
        .iter()
        .find(|c| c.field == "status")
        .expect("active against on hold");
    assert_eq!(conflict.entity, "client:kessler-holdings");
    assert_eq!(conflict.owner.as_deref(), Some("crm"));
    assert_eq!(conflict.values.len(), 2);
}

#[test]
fn a_generated_organisation_merges_as_its_ground_truth_says() {
    let dir = tempfile::tempdir().unwrap();
    let summary = gen_org::generate(dir.path(), 30, 12_000, gen_org::DEFAULT_SEED).unwrap();
    let quality = match_quality::measure(dir.path(), today()).unwrap();
    // Shown with --nocapture: the figures behind the thresholds below.
    println!(
        "{} mentions written\n{}",
        summary.mentions,
        quality.report()
    );
    assert_eq!(quality.records, summary.mentions);
    assert_eq!(quality.true_entities, summary.entities);
    // At most 0.01% of entities falsely merged, 0.1% missed, and no
    // conflict made up by a false merge.
    assert!(quality.false_share() <= 0.0001, "{}", quality.report());
    assert!(quality.missed_share() <= 0.001, "{}", quality.report());
    assert_eq!(quality.false_conflicts, 0, "{}", quality.report());
    assert!(quality.precision() >= 0.9999, "{}", quality.report());
    assert!(quality.recall() >= 0.999, "{}", quality.report());
}

/// The shapes agents write (minified JSON, wrappers, lists under keys that
/// name no kind, API pages, numbered names), and one big file: every
/// record is read, and read as the entity it is about.
#[test]
fn organisations_in_every_layout_are_read_whole() {
    use gen_org::{Layout, OneFile, Options};
    let layouts = [
        Options {
            layout: Layout::Mixed,
            ..Options::new(30, 12_000)
        },
        Options {
            layout: Layout::Minified,
            one_file: Some(OneFile::Json),
            ..Options::new(gen_org::MIN_SEATS, 3_000)
        },
        Options {
            one_file: Some(OneFile::Jsonl),
            ..Options::new(gen_org::MIN_SEATS, 3_000)
        },
    ];
    for options in layouts {
        let dir = tempfile::tempdir().unwrap();
        let summary = gen_org::generate_with(dir.path(), &options).unwrap();
        let quality = match_quality::measure(dir.path(), today()).unwrap();
        let report = format!("{options:?}\n{}", quality.report());
        assert_eq!(quality.records, summary.mentions, "{report}");
        assert_eq!(quality.true_entities, summary.entities, "{report}");
        assert_eq!(quality.false_conflicts, 0, "{report}");
        assert!(quality.false_share() <= 0.0001, "{report}");
        assert!(quality.missed_share() <= 0.002, "{report}");
    }
}
