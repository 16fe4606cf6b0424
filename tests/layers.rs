//! The modules form layers, and a module imports only from layers below its
//! own: data flows one way, from the configuration and the state files
//! through reading, reconciling and analysing to the `Briefing`, and from
//! there to the outputs. This test reads every file under `src/`, finds each
//! path that leaves its top-level module (`use crate::…` with its `{…}`
//! groups, `crate::x::…` in code, `super::` chains, the binary's
//! `briefing::…`) and fails on any that goes to the same layer or up.
//!
//! [`LAYERS`] is the one place the order is written. A new top-level module
//! must be placed in it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The layers, lowest first, each with why it sits where it does.
const LAYERS: &[(&[&str], &str)] = &[
    (
        &[
            "diag", "text", "words", "permute", "id", "groups", "progress",
        ],
        "foundations with nothing of the crate in them: source positions and \
         diagnostics, stripping control characters, how names are spelled, \
         reordering a list in place, typed indices, groups of items, the \
         observer a run tells how far it has got",
    ),
    (
        &["intern"],
        "the run's table of kinds, field names and namespaces, numbered by \
         typed indices",
    ),
    (
        &["normalize"],
        "typed values (dates, money, statuses, durations) read from text",
    ),
    (
        &["config"],
        "briefing.toml parsed once into what is used: seats, compiled globs, \
         ownership patterns, the [keys] language; it names value types, so it \
         sits over normalize",
    ),
    (
        &["vocab"],
        "the words state files use: the built-in tables plus the configuration's",
    ),
    (
        &["model"],
        "what reading produces and everything after reads: files, mentions, \
         field values",
    ),
    (
        &["ingest"],
        "state files to mentions, one reader per format",
    ),
    (
        &["reconcile"],
        "mentions to entities, with the reason for every merge",
    ),
    (
        &["store"],
        "what was read and reconciled, kept so entities and mentions are \
         viewed from it when shown",
    ),
    (
        &["briefing"],
        "the Briefing value every output renders, holding views into the store",
    ),
    (
        &["decisions"],
        "conflicts people settled, read beside the configuration and recorded \
         from a Briefing's conflict",
    ),
    (
        &["analyse"],
        "pure functions from the store, the configuration and the decisions to \
         a Briefing",
    ),
    (
        &[ROOT],
        "lib.rs: `run`, the pipeline from a configuration to a Briefing",
    ),
    (
        &["history"],
        "the history store: reads what earlier briefing days said before a \
         briefing is computed, and records the finished Briefing's day with \
         what changed since; the analysis stays pure",
    ),
    (
        &["query", "report", "init"],
        "what the commands do with a finished Briefing (find, format) or a \
         state directory (draft a configuration)",
    ),
    (
        &["tui"],
        "the terminal UI: runs the pipeline again on a change, renders, \
         records decisions",
    ),
    (
        &["fuzzing"],
        "the checks the fuzz targets and the corpus replay run: any layer \
         from a reader to the whole pipeline and its outputs",
    ),
    (
        &[BIN],
        "the binary (main.rs, cli.rs): arguments, exit codes, which output \
         to show",
    ),
];

/// The library's root, `lib.rs`, in [`LAYERS`].
const ROOT: &str = "lib.rs";
/// The binary, `main.rs` and the modules it declares, in [`LAYERS`].
const BIN: &str = "main.rs";

/// A path out of a top-level module.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Import {
    /// The top-level module (or [`ROOT`], [`BIN`]) the path is written in.
    from: String,
    /// The top-level module (or [`ROOT`]) it reaches.
    to: String,
    file: PathBuf,
    line: usize,
}

#[test]
fn no_module_imports_its_own_layer_or_one_above() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = crate_files(&src);
    let tops = top_modules(&files);
    let imports = files.iter().flat_map(|f| {
        let text = std::fs::read_to_string(src.join(&f.path)).unwrap();
        imports_of(f, &text, &tops)
    });
    let problems = check(imports, &tops);
    assert!(problems.is_empty(), "{problems}");
}

/// Each file of the crate with its module path, found by following `mod`
/// declarations from `lib.rs` and `main.rs`.
fn crate_files(src: &Path) -> Vec<SourceFile> {
    let mut files = Vec::new();
    let mut todo = vec![
        (PathBuf::from("lib.rs"), Vec::new(), false),
        (PathBuf::from("main.rs"), Vec::new(), true),
    ];
    while let Some((path, module, bin)) = todo.pop() {
        let text = std::fs::read_to_string(src.join(&path))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // A file's children live beside it when it is a root or `mod.rs`,
        // else in the directory named after it.
        let dir = if module.is_empty() || path.ends_with("mod.rs") {
            path.parent().unwrap().to_path_buf()
        } else {
            path.with_extension("")
        };
        for child in declared_modules(&strip(&text)) {
            let mut module = module.clone();
            module.push(child.clone());
            let flat = dir.join(format!("{child}.rs"));
            let nested = dir.join(&child).join("mod.rs");
            let found = if src.join(&flat).exists() {
                flat
            } else {
                nested
            };
            todo.push((found, module, bin));
        }
        files.push(SourceFile { path, module, bin });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

struct SourceFile {
    /// Relative to `src/`.
    path: PathBuf,
    /// The module path within its crate: `["config", "keys"]`.
    module: Vec<String>,
    /// Part of the binary rather than the library.
    bin: bool,
}

impl SourceFile {
    /// The top-level module the file belongs to, as [`LAYERS`] names it.
    fn top(&self) -> String {
        match (self.bin, self.module.first()) {
            (true, _) => BIN.to_string(),
            (false, None) => ROOT.to_string(),
            (false, Some(top)) => top.clone(),
        }
    }
}

/// The library's top-level modules.
fn top_modules(files: &[SourceFile]) -> Vec<String> {
    let mut tops: Vec<String> = files
        .iter()
        .filter(|f| !f.bin && f.module.len() == 1)
        .map(|f| f.module[0].clone())
        .collect();
    tops.sort();
    tops
}

/// Every import in the problems it makes: a module not in [`LAYERS`], or a
/// path to the same layer or a higher one. One line each.
fn check(imports: impl Iterator<Item = Import>, tops: &[String]) -> String {
    let layer_of = |module: &str| LAYERS.iter().position(|(names, _)| names.contains(&module));
    let mut problems = String::new();
    for top in tops.iter().map(String::as_str).chain([ROOT, BIN]) {
        if layer_of(top).is_none() {
            let _ = writeln!(problems, "`{top}` is in no layer: add it to LAYERS");
        }
    }
    for import in imports {
        let (Some(from), Some(to)) = (layer_of(&import.from), layer_of(&import.to)) else {
            continue;
        };
        if to >= from {
            let _ = writeln!(
                problems,
                "src/{}:{}: `{}` (layer {from}) imports `{}` (layer {to}){}",
                import.file.display(),
                import.line,
                import.from,
                import.to,
                if to == from {
                    ", in its own layer"
                } else {
                    ", above it"
                },
            );
        }
    }
    problems
}

/// The imports in `file`, whose text is `text`, that leave its top-level
/// module; `tops` are the library's top-level modules.
fn imports_of(file: &SourceFile, text: &str, tops: &[String]) -> Vec<Import> {
    let code = strip(text);
    let inline = inline_modules(&code);
    let from = file.top();
    let mut found = Vec::new();
    for (at, path) in paths(&code) {
        // The module the path is written in, inline `mod x { … }` included.
        let mut scope = file.module.clone();
        for (start, end, name) in &inline {
            if *start <= at && at < *end {
                scope.push(name.clone());
            }
        }
        let Some(to) = target(file.bin, &scope, &path, tops) else {
            continue;
        };
        if to != from {
            found.push(Import {
                from: from.clone(),
                to,
                file: file.path.clone(),
                line: code[..at].matches('\n').count() + 1,
            });
        }
    }
    found
}

/// The top-level library module (or [`ROOT`]) `path`, written in module
/// `scope`, reaches; `None` for a path within the binary, into another
/// crate, or to a name in scope.
fn target(bin: bool, scope: &[String], path: &[String], tops: &[String]) -> Option<String> {
    let absolute: Vec<String> = match path.first()?.as_str() {
        // In the binary, the library is `briefing`; its own `crate::` and
        // `super::` stay inside the binary.
        "briefing" if bin => path[1..].to_vec(),
        _ if bin => return None,
        "crate" => path[1..].to_vec(),
        "self" | "super" => {
            let mut at = scope.to_vec();
            let mut rest = path;
            while let Some(head) = rest.first() {
                match head.as_str() {
                    "super" => {
                        at.pop();
                    }
                    "self" => {}
                    _ => break,
                }
                rest = &rest[1..];
            }
            at.extend(rest.iter().cloned());
            at
        }
        // At the root, a module's own name starts a path into it; any
        // other name is another crate.
        first if scope.is_empty() => {
            return tops.iter().find(|t| *t == first).cloned();
        }
        // Elsewhere a bare name is a child module, another crate or an
        // item brought into scope by a `use` already counted.
        _ => return None,
    };
    match absolute.first() {
        Some(top) if tops.contains(top) => Some(top.clone()),
        // An item of the root itself: `crate::run`.
        _ => Some(ROOT.to_string()),
    }
}

/// Each path in `code` that starts with `crate`, `self`, `super` or a
/// name, from `use` trees (expanded) and from code, with its byte offset.
/// Paths in code are only those with a `::`.
fn paths(code: &str) -> Vec<(usize, Vec<String>)> {
    let tokens = tokens(code);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (at, token) = tokens[i];
        // `use<'a>` bounds capture lifetimes and import nothing.
        if token == "use" && tokens.get(i + 1).is_none_or(|t| t.1 != "<") {
            let end = (i..tokens.len())
                .find(|&j| tokens[j].1 == ";")
                .unwrap_or(tokens.len());
            let tree: Vec<&str> = tokens[i + 1..end].iter().map(|t| t.1).collect();
            for path in expand(&tree) {
                out.push((at, path));
            }
            i = end + 1;
            continue;
        }
        let starts_path = is_ident(token) && (i == 0 || tokens[i - 1].1 != "::");
        if starts_path && tokens.get(i + 1).is_some_and(|t| t.1 == "::") {
            let mut path = vec![token.to_string()];
            let mut j = i + 1;
            while j + 1 < tokens.len() && tokens[j].1 == "::" && is_ident(tokens[j + 1].1) {
                path.push(tokens[j + 1].1.to_string());
                j += 2;
            }
            out.push((at, path));
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

/// A `use` tree (`crate :: a :: { b , c :: { d } }`, as tokens) as the
/// paths it names.
fn expand(tree: &[&str]) -> Vec<Vec<String>> {
    let mut prefix = Vec::new();
    let mut i = 0;
    while i < tree.len() {
        match tree[i] {
            "::" => {}
            "{" => {
                let mut out = Vec::new();
                let close = matching(tree, i);
                for part in split_top_level(&tree[i + 1..close]) {
                    for mut path in expand(part) {
                        let mut full = prefix.clone();
                        full.append(&mut path);
                        out.push(full);
                    }
                }
                return out;
            }
            "as" => break,
            name => prefix.push(name.to_string()),
        }
        i += 1;
    }
    if prefix.is_empty() {
        Vec::new()
    } else {
        vec![prefix]
    }
}

/// The index of the `}` that closes the `{` at `open`.
fn matching(tokens: &[&str], open: usize) -> usize {
    let mut depth = 0;
    for (i, t) in tokens.iter().enumerate().skip(open) {
        match *t {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// `a , b :: { c , d }` split at its top-level commas.
fn split_top_level<'a, 'b>(tokens: &'b [&'a str]) -> Vec<&'b [&'a str]> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, t) in tokens.iter().enumerate() {
        match *t {
            "{" => depth += 1,
            "}" => depth -= 1,
            "," if depth == 0 => {
                parts.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&tokens[start..]);
    parts
}

fn is_ident(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Identifiers, `::` and single punctuation characters, each with its byte
/// offset.
fn tokens(code: &str) -> Vec<(usize, &str)> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80)
            {
                i += 1;
            }
            out.push((start, &code[start..i]));
        } else if code[i..].starts_with("::") {
            out.push((i, "::"));
            i += 2;
        } else {
            if !c.is_ascii_whitespace() {
                out.push((i, &code[i..i + 1]));
            }
            i += 1;
        }
    }
    out
}

/// `mod x;` declarations: the files of the module tree.
fn declared_modules(code: &str) -> Vec<String> {
    let tokens = tokens(code);
    let mut out = Vec::new();
    for w in tokens.windows(3) {
        if w[0].1 == "mod" && is_ident(w[1].1) && w[2].1 == ";" {
            out.push(w[1].1.to_string());
        }
    }
    out
}

/// Inline `mod x { … }` blocks: where each starts and ends, and its name.
fn inline_modules(code: &str) -> Vec<(usize, usize, String)> {
    let tokens = tokens(code);
    let mut out = Vec::new();
    for (i, w) in tokens.windows(3).enumerate() {
        if w[0].1 == "mod" && is_ident(w[1].1) && w[2].1 == "{" {
            let braces: Vec<&str> = tokens[i + 2..].iter().map(|t| t.1).collect();
            let close = matching(&braces, 0);
            let end = tokens.get(i + 2 + close).map_or(code.len(), |t| t.0);
            out.push((w[0].0, end, w[1].1.to_string()));
        }
    }
    out
}

/// `c` blanked: a space, or a newline for a newline, padded to its UTF-8
/// length so byte offsets stay where they were.
fn blank(out: &mut String, c: char) {
    out.push(if c == '\n' { '\n' } else { ' ' });
    for _ in 1..c.len_utf8() {
        out.push(' ');
    }
}

/// Blanks the string or character literal opening at `start` (its quote
/// is `chars[start]`), escapes included, and returns where it ends.
fn blank_quoted(chars: &[char], start: usize, out: &mut String) -> usize {
    let quote = chars[start];
    blank(out, quote);
    let mut i = start + 1;
    while i < chars.len() && chars[i] != quote {
        if chars[i] == '\\' {
            blank(out, chars[i]);
            i += 1;
        }
        if i < chars.len() {
            blank(out, chars[i]);
            i += 1;
        }
    }
    if i < chars.len() {
        blank(out, chars[i]);
        i += 1;
    }
    i
}

/// `text` with comments, strings and character literals blanked out (to
/// spaces, newlines kept), so only code is left and offsets and lines stay
/// where they were.
fn strip(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    blank(&mut out, '/');
                    blank(&mut out, '*');
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    blank(&mut out, '*');
                    blank(&mut out, '/');
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if c == 'r' && matches!(next, Some('"' | '#')) && raw_prefix(&chars, i) {
            // A raw string: r"…", r#"…"#, with as many #s closing as opening.
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let hashes = j - i - 1;
            let mut k = j + 1;
            while k < chars.len()
                && !(chars[k] == '"' && (1..=hashes).all(|h| chars.get(k + h) == Some(&'#')))
            {
                k += 1;
            }
            let end = (k + 1 + hashes).min(chars.len());
            for &ch in &chars[i..end] {
                blank(&mut out, ch);
            }
            i = end;
        } else if c == '"' || (c == '\'' && is_char_literal(&chars, i)) {
            i = blank_quoted(&chars, i, &mut out);
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether the `r` at `at` is a whole word `r` or `br`, so starts a raw
/// string rather than ending an identifier.
fn raw_prefix(chars: &[char], at: usize) -> bool {
    let word = |c: &char| c.is_alphanumeric() || *c == '_';
    let start = chars[..at]
        .iter()
        .rposition(|c| !word(c))
        .map_or(0, |p| p + 1);
    matches!(chars[start..=at], ['r'] | ['b', 'r'])
}

/// A `'` that opens a character literal (`'x'`, `'\n'`, `'\u{1b}'`), not a
/// lifetime or a label (`'a`, `'static`).
fn is_char_literal(chars: &[char], at: usize) -> bool {
    match chars.get(at + 1) {
        Some('\\') => true,
        Some(_) => chars.get(at + 2) == Some(&'\''),
        None => false,
    }
}

// The checker itself, on sources written here, so a change that blinds it
// (a form of import it stops seeing) fails too.

fn lib_file(path: &str, module: &[&str]) -> SourceFile {
    SourceFile {
        path: PathBuf::from(path),
        module: module.iter().map(|m| m.to_string()).collect(),
        bin: false,
    }
}

/// Every module [`LAYERS`] names, as the library's top-level modules.
fn layered() -> Vec<String> {
    LAYERS
        .iter()
        .flat_map(|(names, _)| names.iter())
        .filter(|m| ![ROOT, BIN].contains(m))
        .map(|m| m.to_string())
        .collect()
}

fn targets(file: &SourceFile, text: &str) -> Vec<String> {
    let imports = imports_of(file, text, &layered());
    let mut to: Vec<String> = imports.into_iter().map(|i| i.to).collect();
    to.sort();
    to.dedup();
    to
}

#[test]
fn every_form_of_import_is_seen() {
    let file = lib_file("config/keys.rs", &["config", "keys"]);
    let text = r##"
        use crate::{diag::Pos, tui::{keymap::Key, Action as A}};
        use super::super::report::plain;
        use super::pattern::FactPattern;
        // use crate::analyse::commented_out;
        /* use crate::store::{also, /* nested */ commented}; */
        fn f() -> char {
            let _ = "crate::briefing::in_a_string \" crate::decisions::x";
            let _ = r#"crate::query::in_a_raw_string"#;
            let _: Option<&'static str> = None;
            let _ = crate::ingest::walk::walk;
            '\''
        }
        mod tests {
            use super::*;
            use super::super::super::vocab::Vocab;
        }
    "##;
    assert_eq!(
        targets(&file, text),
        ["diag", "ingest", "report", "tui", "vocab"],
    );
    let root = lib_file("lib.rs", &[]);
    let run = "pub fn run() -> anyhow::Result<()> { analyse::analyse(&vocab::Vocab::new()) }";
    assert_eq!(targets(&root, run), ["analyse", "vocab"]);
    let bin = SourceFile {
        path: PathBuf::from("cli.rs"),
        module: vec!["cli".into()],
        bin: true,
    };
    let cli =
        "use briefing::{run, tui::Options}; use crate::x::Y; fn f() { briefing::report::x() }";
    assert_eq!(targets(&bin, cli), [ROOT, "report", "tui"]);
}

/// The number [`check`] gives `module`'s layer.
fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|(names, _)| names.contains(&module))
        .expect("a module in LAYERS")
}

#[test]
fn an_import_of_a_higher_layer_is_named_with_its_line() {
    let file = lib_file("config/mod.rs", &["config"]);
    let text = "use crate::diag::Pos;\n\npub keys: crate::tui::KeyOverrides,\n";
    let tops = layered();
    let problems = check(imports_of(&file, text, &tops).into_iter(), &tops);
    let (config, tui) = (layer("config"), layer("tui"));
    assert_eq!(
        problems,
        format!(
            "src/config/mod.rs:3: `config` (layer {config}) imports `tui` (layer {tui}), above it\n"
        )
    );
    let problems = check(std::iter::empty(), &["config".into(), "new".into()]);
    assert_eq!(problems, "`new` is in no layer: add it to LAYERS\n");
}

#[test]
fn modules_of_one_layer_do_not_import_each_other() {
    let file = lib_file("report/mod.rs", &["report"]);
    let tops = layered();
    let imports = imports_of(&file, "use crate::query::fuzzy_filter;", &tops);
    let problems = check(imports.into_iter(), &tops);
    let report = layer("report");
    assert_eq!(
        problems,
        format!(
            "src/report/mod.rs:1: `report` (layer {report}) imports `query` (layer {report}), in its own layer\n"
        )
    );
}

/// The tree of files is what `mod` declarations say, including the binary.
#[test]
fn every_file_is_found_in_its_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = crate_files(&src);
    let module = |path: &str| {
        files
            .iter()
            .find(|f| f.path == Path::new(path))
            .map(|f| (f.module.join("::"), f.top()))
    };
    assert_eq!(
        module("config/keys.rs"),
        Some(("config::keys".into(), "config".into()))
    );
    assert_eq!(module("cli/mod.rs"), Some(("cli".into(), BIN.into())));
    assert_eq!(module("lib.rs"), Some((String::new(), ROOT.into())));
    let on_disk = walk(&src);
    let found: Vec<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    for path in &on_disk {
        assert!(
            found.contains(&path.as_path()),
            "src/{} is in no module",
            path.display()
        );
    }
}

/// Every `.rs` file under `src`, relative to it.
fn walk(src: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path.strip_prefix(src).unwrap().to_path_buf());
            }
        }
    }
    out
}
