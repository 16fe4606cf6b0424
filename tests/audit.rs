//! The organisational audit through the real binary: escalations, alerts,
//! stale seats, gaps, the score, `check`, `explain`, `init` and decisions.

mod common;

use serde_json::Value;
use std::path::Path;

use common::{Org, briefing_on as briefing};

const CONFIG: &str = r#"
[briefing]
org = "Test Org"
state_dir = "state"

[[seat]]
name = "spend"
owner = "Keisha Grant"
files = ["spend/**"]
owns = ["campaign.spend", "escalation.*"]
on_failure = "Keisha checks by hand"
escalate_to = "ops"
cadence = "1d"

[[seat]]
name = "finance"
owner = "Helen Brooks"
files = ["finance/**"]
owns = ["campaign.budget"]
on_failure = "Helen invoices from the SOWs"
cadence = "7d"

[[seat]]
name = "tracker"
owner = "Dana Ruiz"
files = ["tracker/**"]
owns = ["project.due_date", "client.manager"]
on_failure = "Dana reruns the sync"
cadence = "1d"

[[seat]]
name = "calendar"
files = ["calendar/**"]
cadence = "1d"

[[seat]]
name = "ops"
owner = "Priya Shah"
files = ["ops/**"]
owns = ["project.status"]
on_failure = "Priya decides by hand"
cadence = "1d"

[[seat]]
name = "trial"
owner = "Jordan Lee"
files = ["trial/**"]
on_failure = "switch it off"
shadow = true
cadence = "1d"

[[alert]]
name = "overspend"
kind = "campaign"
ratio = ["spend", "budget"]
over_pct = 110
"#;

fn escalation_log() -> String {
    let mut log = String::new();
    for day in 7..=24 {
        log.push_str(&format!(
            "{{\"ts\": \"2026-11-{day:02}T07:00:00Z\", \"kind\": \"escalation\", \"id\": \"esc-1\", \"title\": \"Flu overspend\", \
             \"about\": \"Flu Season\", \"raised\": \"2026-11-07\", \"sla\": \"2d\", \"escalate_to\": \"ops\", \"status\": \"open\", \
             \"executed\": false, \"message\": \"escalation overdue\"}}\n"
        ));
    }
    log.push_str("{\"ts\": \"2026-11-20T07:00:00Z\", \"kind\": \"escalation\", \"id\": \"esc-2\", \"title\": \"Ads rejected\", \"raised\": \"2026-11-20\", \"sla\": \"2d\", \"status\": \"open\"}\n");
    log.push_str("{\"ts\": \"2026-11-21T07:00:00Z\", \"kind\": \"escalation\", \"id\": \"esc-2\", \"title\": \"Ads rejected\", \"raised\": \"2026-11-20\", \"sla\": \"2d\", \"status\": \"resolved\"}\n");
    log.push_str("{\"ts\": \"2026-11-23T07:00:00Z\", \"kind\": \"escalation\", \"id\": \"esc-3\", \"title\": \"Pixel broken\", \"raised\": \"2026-11-23\", \"sla\": \"48h\", \"status\": \"open\", \"executed\": true}\n");
    log
}

fn org() -> Org {
    Org::new(
        CONFIG,
        &[
            ("spend/escalations.jsonl", &escalation_log()),
            (
                "spend/campaigns.json",
                r#"{"updated_at": "2026-11-24T06:00:00Z", "campaigns": [
                    {"name": "Flu Season", "spend": "$16,680"},
                    {"name": "Spring Sale", "spend": "$1,000"}]}"#,
            ),
            (
                "finance/budgets.yaml",
                "updated_at: 2026-11-20\ncampaigns:\n  - name: Flu Season\n    budget: 12k\n  - name: Spring Sale\n    budget: USD 5,000\nclients:\n  - name: Acme\n    manager: Sofia Martinez\n",
            ),
            (
                "tracker/projects.json",
                r#"{"updated_at": "2026-11-24", "projects": [{"name": "Portal", "due": "2026-12-01", "status": "active"}]}"#,
            ),
            (
                "calendar/dates.csv",
                "project,due,status,priority,updated_at\nPortal,2026-12-05,in progress,high,2026-11-24\n",
            ),
            (
                "ops/notes.md",
                "---\nupdated_at: 2026-11-10\n---\n# Notes\n",
            ),
            (
                "trial/deals.yaml",
                "updated_at: 2026-11-24\nprojects:\n  - name: Portal\n    status: blocked\n",
            ),
            ("stray.json", r#"{"projects": [{"name": "Portal"}]}"#),
        ],
    )
}

#[test]
fn a_repeated_escalation_is_one_stuck_item_with_its_streak() {
    let doc = org().json();
    let escalations = doc["escalations"].as_array().unwrap();
    assert_eq!(escalations.len(), 3, "{escalations:#?}");
    let stuck = &escalations[0];
    assert_eq!(stuck["name"], "Flu overspend");
    assert_eq!(stuck["status"], "open");
    assert_eq!(stuck["overdue"], true);
    assert_eq!(stuck["age_days"], 17);
    assert_eq!(stuck["overdue_days"], 15);
    assert_eq!(stuck["streak_days"], 18);
    assert_eq!(stuck["reports"], 18);
    assert_eq!(stuck["seat"], "spend");
    assert_eq!(stuck["seat_owner"], "Keisha Grant");
    assert_eq!(stuck["escalate_to"], "ops");
    assert_eq!(stuck["about"], "campaign:flu-season");
    let closed: Vec<&str> = escalations[1..]
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        closed,
        ["closed", "closed"],
        "resolved status and executed: true both close"
    );
}

#[test]
fn an_escalation_closes_by_any_status_group_that_means_closed() {
    // `closed` and `settled` moved into a group the configuration named
    // `closed`, `dropped` into one it named `lost`: each still closes.
    let line = |id: &str, status: &str| {
        format!(
            "{{\"ts\": \"2026-11-02T07:00:00Z\", \"kind\": \"escalation\", \"id\": \"{id}\", \
             \"title\": \"Escalation {id}\", \"raised\": \"2026-11-01\", \"sla\": \"2d\", \"status\": \"{status}\"}}\n"
        )
    };
    let log: String = [
        ("e1", "closed"),
        ("e2", "settled"),
        ("e3", "dropped"),
        ("e4", "Resolved"),
        ("e5", "open"),
        ("e6", "on hold"),
    ]
    .iter()
    .map(|(id, status)| line(id, status))
    .collect();
    let org = Org::new(
        "[briefing]\nstate_dir = \"state\"\n\
         [statuses]\nclosed = [\"complete\", \"closed\", \"settled\"]\nlost = [\"dropped\"]\n",
        &[("desk/escalations.jsonl", &log)],
    );
    let doc = org.json();
    let status_of = |id: &str| -> (String, bool) {
        let e = doc["escalations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == format!("Escalation {id}"))
            .unwrap_or_else(|| panic!("{id}: {:#?}", doc["escalations"]));
        (
            e["status"].as_str().unwrap().to_string(),
            e["overdue"] == true,
        )
    };
    for id in ["e1", "e2", "e3", "e4"] {
        assert_eq!(status_of(id), ("closed".to_string(), false), "{id}");
    }
    for id in ["e5", "e6"] {
        assert_eq!(status_of(id), ("open".to_string(), true), "{id}");
    }
}

#[test]
fn one_day_is_one_day() {
    let log = "{\"ts\": \"2026-11-23T07:00:00Z\", \"kind\": \"escalation\", \"id\": \"e1\", \
               \"title\": \"Feed down\", \"raised\": \"2026-11-23\", \"due_date\": \"2026-11-23\", \"status\": \"open\"}\n\
               {\"ts\": \"2026-11-23T09:00:00Z\", \"kind\": \"escalation\", \"id\": \"e1\", \
               \"title\": \"Feed down\", \"raised\": \"2026-11-23\", \"due_date\": \"2026-11-23\", \"status\": \"open\"}\n";
    let org = Org::new(
        "[briefing]\nstate_dir = \"state\"\n",
        &[("desk/escalations.jsonl", log)],
    );
    let flat = org.plain().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("open 1 day, 1 day overdue"), "{flat}");
    assert!(flat.contains("reported 2 times, 1 day running"), "{flat}");
    assert!(!flat.contains(" 1 days"), "{flat}");
    let doc = org.json();
    let gap = doc["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["kind"] == "overdue_escalation")
        .unwrap();
    let detail = gap["detail"].as_str().unwrap();
    assert!(
        detail.contains(" 1 day ago and it is 1 day overdue"),
        "{detail}"
    );
}

#[test]
fn an_escalation_is_about_the_entity_its_own_fields_point_to() {
    // Every location runs a "Black Friday Blitz": the escalation's own
    // `location` says whose.
    let locations = r#"{"locations": [
  {"name": "Austin Midtown", "campaigns": [{"name": "Black Friday Blitz", "spend": 100}]},
  {"name": "Denver Highlands", "campaigns": [{"name": "Black Friday Blitz", "spend": 200}]}
]}"#;
    let log = "{\"ts\": \"2026-11-20T07:00:00Z\", \"kind\": \"escalation\", \"id\": \"esc-9\", \
               \"title\": \"Blitz overspend\", \"about\": \"Black Friday Blitz\", \
               \"location\": \"Denver Highlands\", \"status\": \"open\"}\n";
    let org = Org::new(
        "[briefing]\nstate_dir = \"state\"\n[kinds.location]\n",
        &[
            ("ops/locations.json", locations),
            ("ops/escalations.jsonl", log),
        ],
    );
    let doc = org.json();
    let escalation = &doc["escalations"][0];
    assert_eq!(
        escalation["about_name"], "Black Friday Blitz",
        "{escalation:#?}"
    );
    let about = escalation["about"].as_str().unwrap();
    let campaign = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == about)
        .unwrap_or_else(|| panic!("{about}"));
    assert_eq!(campaign["kind"], "campaign");
    assert!(about.contains("denver-highlands"), "{about}");

    // Named as the location itself, it is the location.
    let log = log.replace(
        "\"about\": \"Black Friday Blitz\"",
        "\"about\": \"Denver Highlands\"",
    );
    org.write("ops/escalations.jsonl", &log);
    let doc = org.json();
    assert_eq!(doc["escalations"][0]["about"], "location:denver-highlands");
}

#[test]
fn the_stuck_escalation_heads_the_plain_briefing() {
    let text = org().plain();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[1].starts_with("Score "), "{text}");
    assert!(lines[1].contains("1 overdue escalation"), "{text}");
    let banner = text.split("\n\n").nth(1).unwrap();
    let banner = banner.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(banner.contains("open 17 days, 15 days overdue"), "{banner}");
    assert!(
        banner.contains("raised by spend (Keisha Grant) to ops, never executed"),
        "{banner}"
    );
}

#[test]
fn alerts_are_percentages_of_authoritative_values() {
    let doc = org().json();
    let alerts = doc["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 1, "Spring Sale is at 20%");
    assert_eq!(alerts[0]["entity"], "campaign:flu-season");
    assert_eq!(alerts[0]["pct"], 139.0);
    assert_eq!(alerts[0]["over_pct"], 110.0);
    assert_eq!(alerts[0]["owner"], "spend");
    assert_eq!(alerts[0]["owner_person"], "Keisha Grant");
}

#[test]
fn every_kind_of_gap_is_found() {
    let doc = org().json();
    let gaps: Vec<(String, String)> = doc["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["kind"].as_str().unwrap().to_string(),
                g["subject"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |kind: &str, subject: &str| gaps.iter().any(|(k, s)| k == kind && s == subject);
    assert!(has("seat_without_owner", "calendar"), "{gaps:?}");
    assert!(has("seat_without_failure_path", "calendar"), "{gaps:?}");
    assert!(has("stale_seat", "ops"), "{gaps:?}");
    assert!(has("unassigned_file", "stray.json"), "{gaps:?}");
    assert!(
        has("overdue_escalation", "escalation:flu-overspend"),
        "{gaps:?}"
    );
    assert!(has("owner_silent", "client.manager"), "{gaps:?}");
    assert!(has("dissent", "calendar on project.due_date"), "{gaps:?}");
    assert!(has("ownerless_fact", "project.priority"), "{gaps:?}");
    assert!(!has("ownerless_fact", "campaign.budget"), "{gaps:?}");
    let ownerless = doc["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["kind"] == "ownerless_fact")
        .unwrap();
    assert!(
        ownerless["detail"]
            .as_str()
            .unwrap()
            .contains("No seat owns"),
        "{ownerless}"
    );
    let stale = doc["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["kind"] == "stale_seat")
        .unwrap();
    assert_eq!(stale["config_line"], 36, "the [[seat]] line of ops");
    let silent = doc["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["kind"] == "owner_silent" && g["subject"] == "client.manager")
        .unwrap();
    let detail = silent["detail"].as_str().unwrap();
    let writers = detail
        .split_once(", while ")
        .and_then(|(_, rest)| rest.split_once(':'))
        .map(|(writers, _)| writers)
        .unwrap_or_else(|| panic!("{detail}"));
    let verb = if writers.contains(", ") {
        " do"
    } else {
        " does"
    };
    assert!(writers.ends_with(verb), "the verb agrees: {detail}");
}

#[test]
fn gaps_count_nesting_as_writing_and_name_shadow_seats() {
    // crm owns project.client and nests each project under its client,
    // which gives it that client: it writes the reference. The auditor, a
    // shadow, is the only one to write project.priority.
    let config = "[briefing]\nstate_dir = \"state\"\n\
        [[seat]]\nname = \"crm\"\nowner = \"Ana\"\nfiles = [\"crm/**\"]\nowns = [\"project.client\"]\n\
        [[seat]]\nname = \"pm\"\nowner = \"Bo\"\nfiles = [\"pm/**\"]\n\
        [[seat]]\nname = \"auditor\"\nowner = \"Cy\"\nshadow = true\nfiles = [\"audit/**\"]\n";
    let crm =
        r#"{"clients": [{"name": "Acme", "projects": [{"name": "Website"}, {"name": "Portal"}]}]}"#;
    let pm = r#"[{"name": "Website", "client": "Acme"}, {"name": "Portal", "client": "Acme"}]"#;
    let audit = r#"[{"name": "Website", "priority": "high"}]"#;
    let org = Org::new(
        config,
        &[
            ("crm/clients.json", crm),
            ("pm/projects.json", pm),
            ("audit/projects.json", audit),
        ],
    );
    let doc = org.json();
    let gaps = doc["gaps"].as_array().unwrap();
    let gap = |kind: &str, subject: &str| {
        gaps.iter()
            .find(|g| g["kind"] == kind && g["subject"] == subject)
            .map(|g| g["detail"].as_str().unwrap().to_string())
    };
    assert_eq!(gap("owner_silent", "project.client"), None, "{gaps:#?}");
    let priority = gap("ownerless_fact", "project.priority").expect("nobody owns priority");
    assert!(
        priority.contains("written for 1 entity by only the shadow seat auditor"),
        "{priority}"
    );
}

#[test]
fn double_ownership_is_a_gap_and_a_conflict_without_owner() {
    let config = CONFIG.replace(
        "owns = [\"campaign.budget\"]",
        "owns = [\"campaign.budget\", \"project.due_date\"]",
    );
    let org = Org::new(&config, &[]);
    org.write(
        "tracker/p.json",
        r#"{"projects": [{"name": "Portal", "due": "2026-12-01"}]}"#,
    );
    org.write(
        "finance/p.json",
        r#"{"projects": [{"name": "Portal", "due": "2026-12-03"}]}"#,
    );
    let doc = org.json();
    let gap = doc["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["kind"] == "double_owner")
        .unwrap();
    assert_eq!(gap["subject"], "project.due_date");
    let conflict = &doc["conflicts"][0];
    assert!(conflict["owner"].is_null());
    assert_eq!(
        conflict["claimants"],
        serde_json::json!(["finance", "tracker"])
    );
}

#[test]
fn shadow_seats_never_conflict_or_cost_score() {
    let doc = org().json();
    let status_conflict = doc["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["field"] == "status");
    assert!(
        !status_conflict,
        "in progress = active; only the shadow seat says blocked"
    );
    let shadow = &doc["shadow_disagreements"][0];
    assert_eq!(shadow["field"], "status");
    let agreement = doc["score"]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "agreement")
        .unwrap();
    let items: Vec<&str> = agreement["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    assert!(!items.iter().any(|i| i.contains("status")), "{items:?}");
}

#[test]
fn score_is_the_weighted_sum_of_its_parts() {
    let doc = org().json();
    let parts = doc["score"]["parts"].as_array().unwrap();
    let names: Vec<&str> = parts.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "ownership",
            "agreement",
            "follow_through",
            "accountability",
            "freshness"
        ]
    );
    let weights: Vec<u64> = parts
        .iter()
        .map(|p| p["weight"].as_u64().unwrap())
        .collect();
    assert_eq!(weights, [25, 25, 20, 15, 15]);
    let sum: f64 = parts
        .iter()
        .map(|p| p["weight"].as_f64().unwrap() * p["share"].as_f64().unwrap())
        .sum();
    assert_eq!(doc["score"]["total"].as_f64().unwrap(), sum.round());
    let follow = &parts[2];
    assert_eq!(follow["measured"], "2 of 3 escalations are not overdue");
    let accountability = &parts[3];
    assert_eq!(
        accountability["items"],
        serde_json::json!(["calendar: no owner, no failure path"])
    );
    let freshness = &parts[4];
    assert_eq!(freshness["items"].as_array().unwrap().len(), 1);
}

#[test]
fn check_exit_codes() {
    let org = org();
    let code = |args: &[&str]| {
        briefing(&org.config())
            .arg("check")
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&[]), Some(0));
    assert_eq!(code(&["--fail-on", "gap"]), Some(1));
    assert_eq!(code(&["--fail-on", "conflict"]), Some(1));
    assert_eq!(code(&["--fail-on", "warning,gap"]), Some(1));
    assert_eq!(code(&["--fail-on", "nonsense"]), Some(2));

    let calm = Org::new(
        "[briefing]\nstate_dir = \"state\"\n[[seat]]\nname = \"a\"\nowner = \"A\"\non_failure = \"x\"\nfiles = [\"a/**\"]\nowns = [\"project.*\"]\n",
        &[(
            "a/p.json",
            r#"{"projects": [{"name": "P", "status": "active"}]}"#,
        )],
    );
    let out = briefing(&calm.config())
        .args(["check", "--fail-on", "conflict,gap,warning"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    std::fs::write(org.config(), "[briefing]\nstate_dr = \"x\"\n").unwrap();
    assert_eq!(code(&["--fail-on", "gap"]), Some(2));
}

#[test]
fn check_lints_the_configuration() {
    let config = format!(
        "{CONFIG}\n[[seat]]\nname = \"ghost\"\nowner = \"G\"\non_failure = \"g\"\nfiles = [\"nowhere/**\", \"spend/**\"]\nowns = [\"deal.stage\", \"deal.stage\"]\nescalate_to = \"ops-leed\"\n"
    );
    let org = org();
    std::fs::write(org.config(), config).unwrap();
    let out = briefing(&org.config()).arg("check").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "owns `deal.stage` twice",
        "owns `deal.stage` of seat `ghost` matches no fact",
        "files `nowhere/**` of seat `ghost` matches no state file",
        "files `spend/**` of seat `ghost` is shadowed: seat `spend` comes first",
        "seat `ghost` has no state files",
        "escalates to `ops-leed`, which is neither a seat nor a known person",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(text.lines().last().unwrap().starts_with("score "), "{text}");
}

#[test]
fn explain_shows_reasons_and_near_misses() {
    let org = Org::new(
        "[briefing]\nstate_dir = \"state\"\n[[alias]]\nkind = \"project\"\nname = \"Acme Website Redesign\"\naka = [\"acme-site-v2\"]\n",
        &[
            (
                "a/projects.json",
                r#"[{"name": "Acme Website Redesign", "accelo_id": "7"}, {"name": "acme-site-v2"}, {"name": "Acme Redesign", "accelo_id": "7"},
                   {"name": "Acme Website Refresh"}, {"name": "Acme Websit Redesign"}]"#,
            ),
            ("b/projects.json", r#"[{"name": "ACME Web-site Redesign"}]"#),
        ],
    );
    let out = briefing(&org.config())
        .args(["explain", "acme website redesign"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("first mention"), "{text}");
    assert!(
        flat.contains("\"acme-site-v2\" in a/projects.json:1 (unassigned): alias"),
        "{text}"
    );
    assert!(flat.contains("id:accelo_id"), "{text}");
    // Another file's spelling merges, and says how its words paired.
    assert!(
        flat.contains(
            "\"ACME Web-site Redesign\" in b/projects.json:1 (unassigned): fuzzy 0.98: \
             \"acme redesign website\" ~ \"acme redesign site web\" \
             (acme = acme, redesign = redesign, website = web site (run together))"
        ),
        "{text}"
    );
    assert!(flat.contains("Near misses"), "{text}");
    // One different word keeps them apart, and is named.
    assert!(
        flat.contains("\"acme refresh website\" scored 0.79"),
        "{text}"
    );
    assert!(
        flat.contains("redesign (no partner), website = website, refresh (no partner); kept apart: \"redesign\" and \"refresh\" have no partner"),
        "{text}"
    );
    // A typo in the same file is another record of that file's list.
    assert!(
        flat.contains("redesign = redesign, website ~ websit (typo, 1 edit); kept apart: two records in one file"),
        "{text}"
    );
    assert!(flat.contains("add an [[alias]]"), "{text}");

    // The same near misses in the JSON, with both entities' ids and the
    // alignment.
    let doc = org.json();
    let misses = doc["near_misses"].as_array().unwrap();
    let miss = misses
        .iter()
        .find(|m| m["b_name"] == "acme refresh website")
        .unwrap_or_else(|| panic!("{misses:#?}"));
    assert_eq!(miss["a"], "project:acme-website-redesign");
    assert_eq!(miss["b"], "project:acme-website-refresh");
    assert_eq!(miss["a_name"], "acme redesign website");
    assert_eq!(miss["score"], 0.79);
    assert!(miss["jaro_winkler"].as_f64().unwrap() > 0.0);
    assert!(miss["dice"].as_f64().unwrap() > 0.0);
    assert_eq!(miss["blocked_by"], "unpaired word");
    assert_eq!(
        miss["alignment"],
        serde_json::json!([
            {"a": "acme", "b": "acme", "as": "same"},
            {"a": "redesign", "b": null, "as": "unpaired"},
            {"a": "website", "b": "website", "as": "same"},
            {"a": null, "b": "refresh", "as": "unpaired"},
        ])
    );
    assert!(miss["token_score"].as_f64().unwrap() < 0.88);
    let typo = misses
        .iter()
        .find(|m| m["a_name"] == "acme redesign website" && m["b_name"] == "acme redesign websit")
        .unwrap_or_else(|| panic!("{misses:#?}"));
    assert_eq!(typo["blocked_by"], "same file");
    assert_eq!(
        typo["alignment"][2],
        serde_json::json!({"a": "website", "b": "websit", "as": "typo", "edits": 1})
    );
    let merged = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "project:acme-website-redesign")
        .unwrap();
    let fuzzy = merged["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["file"] == "b/projects.json")
        .unwrap();
    assert_eq!(fuzzy["matched_by"], "fuzzy 0.98");
    assert_eq!(
        fuzzy["alignment"][2],
        serde_json::json!({"a": "website", "b": "web site", "as": "joined"})
    );
}

#[test]
fn init_drafts_and_never_overwrites() {
    let org = org();
    let target = org.dir.path().join("draft.toml");
    let mut cmd = common::briefing();
    cmd.current_dir(org.dir.path())
        .args(["init", "state", "--config", "draft.toml"]);
    cmd.assert().success();
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(
        text.contains("name = \"spend\"") && text.contains("name = \"tracker\""),
        "{text}"
    );
    assert!(
        text.contains("project.due_date  (also written elsewhere)"),
        "{text}"
    );
    briefing(&target).arg("--plain").assert().success();

    let mut again = common::briefing();
    again
        .current_dir(org.dir.path())
        .args(["init", "state", "--config", "draft.toml"]);
    let out = again.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("never overwrites"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), text);
}

#[test]
fn a_decision_settles_until_a_value_changes() {
    let org = org();
    let decide = briefing(&org.config())
        .args([
            "decide",
            "portal due",
            "--keep",
            "tracker",
            "--by",
            "Dana Ruiz",
        ])
        .output()
        .unwrap();
    assert!(
        decide.status.success(),
        "{}",
        String::from_utf8_lossy(&decide.stderr)
    );
    assert!(String::from_utf8_lossy(&decide.stdout).contains("keep tracker's 2026-12-01"));

    let doc = org.json();
    let portal = doc["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "due_date")
        .unwrap();
    assert_eq!(portal["decision"]["changed"], false);
    let text = org.plain();
    let decide_today = text
        .split("DECIDE TODAY")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    assert!(!decide_today.contains("Portal"), "{text}");
    assert!(text.contains("SETTLED"), "{text}");

    org.write(
        "calendar/dates.csv",
        "project,due,status,priority,updated_at\nPortal,2026-12-08,in progress,high,2026-11-24\n",
    );
    let doc = org.json();
    let portal = doc["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "due_date")
        .unwrap();
    assert_eq!(portal["decision"]["changed"], true);
    let text = org.plain().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Changed since decided"), "{text}");

    let bad = briefing(&org.config())
        .args(["decide", "portal due", "--keep", "nobody"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("choose one of"));
}

#[test]
fn malformed_decisions_are_an_error_with_their_line() {
    let org = org();
    std::fs::write(
        org.dir.path().join("briefing.decisions.toml"),
        "[[decision]]\nentity = \"x\"\nfield = 3\n",
    )
    .unwrap();
    let out = briefing(&org.config()).arg("--plain").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("briefing.decisions.toml:3"), "{err}");
}

#[test]
fn a_decision_that_cannot_be_written_is_a_clear_error() {
    let org = org();
    // A directory where the file should be: it can be neither read nor replaced.
    std::fs::create_dir(org.dir.path().join("briefing.decisions.toml")).unwrap();
    let out = briefing(&org.config())
        .args(["decide", "portal due", "--keep", "tracker"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("briefing.decisions.toml"));
}

/// The README's three changes to the sample configuration, tried on a copy.
#[test]
fn three_config_changes_lift_the_sample_above_85() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let original = std::fs::read_to_string(repo.join("briefing.toml")).unwrap();
    let score = |text: &str| -> u64 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("briefing.toml");
        let state = repo
            .join("sample-state")
            .to_string_lossy()
            .replace('\\', "/");
        std::fs::write(
            &path,
            text.replace(
                "state_dir = \"sample-state\"",
                &format!("state_dir = \"{state}\""),
            ),
        )
        .unwrap();
        let out = briefing(&path).arg("--json").output().unwrap();
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["score"]["total"].as_u64().unwrap()
    };
    let before = score(&original);
    assert!((60..70).contains(&before), "the sample scores {before}");
    let changes = [
        (
            r#"owns = ["campaign.*", "campaign.spend","#,
            r#"owns = ["campaign.spend","#,
        ),
        (
            r#""invoice.*", "client.*"]"#,
            r#""invoice.*", "client.billing_contact"]"#,
        ),
        (
            r#"owns = ["project.*"]                 # meant only"#,
            r#"owns = []                 # meant only"#,
        ),
    ];
    let mut text = original.clone();
    for (from, to) in changes {
        assert!(text.contains(from), "briefing.toml no longer has {from}");
        text = text.replace(from, to);
    }
    let after = score(&text);
    assert!(
        after > 85,
        "after the three changes the sample scores {after}"
    );
}
