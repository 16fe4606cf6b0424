//! Memory is bounded by the input: reading a file of any shape (one huge
//! value, many columns, many keys) and writing its briefing as JSON holds
//! at most three times the file at once, plus a fixed allowance for the
//! program itself, except for the shapes [`KNOWN`] lists, each held to the
//! ceiling it has now.
//!
//! The measure is the bytes this process has asked the allocator for, not
//! time or resident memory: a test binary of its own counts every
//! allocation and keeps the highest total, so the result is the same on
//! every machine and every run.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

impl Counting {
    fn grew(by: usize) {
        let now = CURRENT.fetch_add(by, Ordering::Relaxed) + by;
        PEAK.fetch_max(now, Ordering::Relaxed);
    }

    fn shrank(by: usize) {
        CURRENT.fetch_sub(by, Ordering::Relaxed);
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            Self::grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            Self::grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        Self::shrank(layout.size());
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, size) };
        if !q.is_null() {
            if size > layout.size() {
                Self::grew(size - layout.size());
            } else {
                Self::shrank(layout.size() - size);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What the program needs whatever it reads: the configuration, the
/// vocabulary, thread pools, the JSON writer's buffers.
const ALLOWANCE: usize = 2 << 20;

/// Shapes that still take more than three times the file, with the most
/// they may take. The `toml` crate lexes a whole file into tokens before
/// parsing it, and sets aside room for about two tokens of 24 bytes for
/// every seven bytes of text. pulldown-cmark builds a node for every table
/// cell of the whole document (about 110 bytes each, with its text's)
/// before it reports the first; the reader keeps no more than a record
/// reads. A bullet whose text is broken by emphasis is put together in a
/// copy of its own, beside the file and what is read from it.
const KNOWN: [(&str, f64); 3] = [
    ("a long TOML string", 8.0),
    ("many Markdown columns", 14.0),
    ("a long prose bullet", 4.0),
];

/// About how large each generated file is.
const SIZE: usize = 6 << 20;

const CONFIG: &str = "[briefing]\norg = \"Memory Org\"\nstate_dir = \"state\"\n";

/// The file each shape is written to and what it holds.
fn shapes() -> Vec<(&'static str, &'static str, String)> {
    let long = "x".repeat(SIZE);
    let digits = "9".repeat(SIZE);
    let columns = SIZE / 16;
    let keys = SIZE / 24;
    vec![
        (
            "a long CSV cell",
            "projects.csv",
            format!("name,notes\nAcme,{long}\n"),
        ),
        (
            "a long TSV cell",
            "projects.tsv",
            format!("name\tnotes\nAcme\t{long}\n"),
        ),
        (
            "a long JSON string",
            "projects.json",
            format!(r#"{{"projects": [{{"name": "Acme", "notes": "{long}"}}]}}"#),
        ),
        (
            "a long JSON Lines string",
            "projects.jsonl",
            format!("{{\"kind\": \"project\", \"name\": \"Acme\", \"notes\": \"{long}\"}}\n"),
        ),
        (
            "a long YAML string",
            "projects.yaml",
            format!("projects:\n  - name: Acme\n    notes: \"{long}\"\n"),
        ),
        (
            "a long plain YAML scalar",
            "projects.yaml",
            format!("projects:\n  - name: Acme\n    notes: {long}\n"),
        ),
        (
            "a long TOML string",
            "projects.toml",
            format!("[[projects]]\nname = \"Acme\"\nnotes = \"{long}\"\n"),
        ),
        (
            "a long Markdown table cell",
            "projects.md",
            format!("## Projects\n\n| name | notes |\n| --- | --- |\n| Acme | {long} |\n"),
        ),
        (
            "a long Markdown bullet",
            "projects.md",
            format!("### Project: Acme\n\n- Notes: {long}\n"),
        ),
        ("a long prose bullet", "notes.md", {
            let words = "b ".repeat(SIZE / 2);
            format!("# Notes\n\n- **Acme**: {words}\n")
        }),
        ("a long plain prose bullet", "notes.md", {
            let words = "b ".repeat(SIZE / 2);
            format!("# Notes\n\n- Acme: {words}\n")
        }),
        (
            "a long name",
            "projects.json",
            format!(r#"{{"projects": [{{"name": "{long}", "due": "2026-12-01"}}]}}"#),
        ),
        (
            "a huge number",
            "projects.json",
            format!(r#"{{"projects": [{{"name": "Acme", "budget": {digits}}}]}}"#),
        ),
        (
            "a long key",
            "projects.json",
            format!(r#"{{"projects": [{{"name": "Acme", "{long}": 1}}]}}"#),
        ),
        ("many columns", "projects.csv", {
            let header: Vec<String> = (0..columns).map(|i| format!("c{i}")).collect();
            let row: Vec<&str> = (0..columns).map(|_| "v").collect();
            format!("name,{}\nAcme,{}\n", header.join(","), row.join(","))
        }),
        ("many Markdown columns", "projects.md", {
            let header: Vec<String> = (0..columns).map(|i| format!("c{i}")).collect();
            let row: Vec<&str> = (0..columns).map(|_| "v").collect();
            format!(
                "## Projects\n\n| name | {} |\n|{}\n| Acme | {} |\n",
                header.join(" | "),
                "---|".repeat(columns + 1),
                row.join(" | ")
            )
        }),
        ("many keys in YAML", "projects.yaml", {
            let fields: String = (0..keys).map(|i| format!("    k{i}: v\n")).collect();
            format!("projects:\n  - name: Acme\n{fields}")
        }),
        ("many keys", "projects.json", {
            let fields: Vec<String> = (0..keys).map(|i| format!(r#""k{i}": "v""#)).collect();
            format!(
                r#"{{"projects": [{{"name": "Acme", {}}}]}}"#,
                fields.join(", ")
            )
        }),
    ]
}

/// The peak bytes held above what was held before, while `state` is read,
/// reconciled, analysed and written out as JSON.
fn peak_of_briefing(config: &Path) -> usize {
    let config = briefing::config::Config::load(config).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let briefing = briefing::run(&config, today).unwrap();
    briefing::report::json::write(&mut std::io::sink(), &briefing).unwrap();
    drop(briefing);
    PEAK.load(Ordering::Relaxed) - base
}

#[test]
fn no_shape_of_file_holds_more_than_three_times_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("briefing.toml");
    std::fs::write(&config, CONFIG).unwrap();
    let state = dir.path().join("state");
    std::fs::create_dir(&state).unwrap();
    // Thread pools and other one-time setup, before anything is counted.
    std::fs::write(
        state.join("projects.json"),
        r#"{"projects": [{"name": "A"}]}"#,
    )
    .unwrap();
    peak_of_briefing(&config);

    let mut over = Vec::new();
    for (shape, name, text) in shapes() {
        for entry in std::fs::read_dir(&state).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        std::fs::write(state.join(name), &text).unwrap();
        let size = text.len();
        drop(text);
        let peak = peak_of_briefing(&config);
        let times = peak as f64 / size as f64;
        eprintln!("{shape}: {size} bytes, peak {peak} bytes ({times:.2}x)");
        let ceiling = KNOWN
            .iter()
            .find(|(known, _)| *known == shape)
            .map_or(3.0, |(_, ceiling)| *ceiling);
        if peak as f64 > ceiling * size as f64 + ALLOWANCE as f64 {
            over.push(format!("{shape}: {times:.2}x, over {ceiling}x"));
        }
    }
    assert!(over.is_empty(), "more than the file allows: {over:?}");
}
