use super::*;
use crate::ingest::tree::testing::{get, keys, only_root};
use proptest::prelude::*;

fn root(text: &str) -> Node<'_> {
    only_root(parse(text))
}

#[test]
fn values_keep_positions() {
    let node = root("name: Acme\nclient:\n  id: 7\nlist:\n  - one\n  - two\n");
    assert_eq!(node.pos, Pos::new(1, 1));
    let name = get(&node, "name");
    assert_eq!(name.key_pos, Pos::new(1, 1));
    assert_eq!(name.value, Node::string(Pos::new(1, 7), "Acme"));
    let client = get(&node, "client");
    assert_eq!(client.value.pos, Pos::new(3, 3));
    let id = get(&client.value, "id");
    assert_eq!(id.key_pos, Pos::new(3, 3));
    assert_eq!(
        id.value,
        Node::new(Pos::new(3, 7), NodeValue::Number("7".into()))
    );
    let NodeValue::List(items) = &get(&node, "list").value.value else {
        panic!("a list")
    };
    assert_eq!(items[1], Node::string(Pos::new(6, 5), "two"));
}

#[test]
fn numbers_keep_their_source_text() {
    let node =
        root("a: 1.50\nb: 0x1F\nc: 1_000\nd: 123456789012345678901234567890\ne: !!float 2\n");
    for (key, text) in [
        ("a", "1.50"),
        ("b", "0x1F"),
        ("c", "1_000"),
        ("d", "123456789012345678901234567890"),
        ("e", "2"),
    ] {
        assert_eq!(
            get(&node, key).value.value,
            NodeValue::Number(text.into()),
            "{key}"
        );
    }
}

#[test]
fn booleans_are_strict() {
    let node = root("a: no\nb: yes\nc: on\nd: true\ne: false\n");
    assert_eq!(get(&node, "a").value.value, NodeValue::String("no".into()));
    assert_eq!(get(&node, "b").value.value, NodeValue::String("yes".into()));
    assert_eq!(get(&node, "c").value.value, NodeValue::String("on".into()));
    assert_eq!(get(&node, "d").value.value, NodeValue::Bool(true));
    assert_eq!(get(&node, "e").value.value, NodeValue::Bool(false));
}

#[test]
fn scalars_of_other_kinds() {
    let node = root("n: ~\nd: 2026-12-01\nq: \"1.5\"\ninf: .inf\nfold: >\n  one\n  two\n");
    assert_eq!(get(&node, "n").value.value, NodeValue::Null);
    assert_eq!(
        get(&node, "d").value.value,
        NodeValue::String("2026-12-01".into())
    );
    assert_eq!(get(&node, "q").value.value, NodeValue::String("1.5".into()));
    assert_eq!(
        get(&node, "inf").value.value,
        NodeValue::String(".inf".into())
    );
    assert_eq!(
        get(&node, "fold").value.value,
        NodeValue::String("one two\n".into())
    );
}

#[test]
fn entries_stay_in_written_order_with_duplicates() {
    let node = root("z: 1\na: 2\nz: 3\n");
    let keys = keys(&node);
    assert_eq!(keys, ["z", "a", "z"]);
}

#[test]
fn a_map_keeps_as_many_single_values_as_a_record_reads() {
    use crate::ingest::tree::MAX_FIELDS;
    let singles: String = (0..MAX_FIELDS + 3)
        .map(|i| format!("  k{i}: v\n"))
        .collect();
    let text = format!("top:\n  items:\n    - n: 1\n{singles}  more:\n    x: 1\n");
    let doc = parse(&text).unwrap();
    let top = &get(&doc.roots[0], "top").value;
    let kept = keys(top);
    assert_eq!(kept.len(), MAX_FIELDS + 2);
    assert_eq!(kept[MAX_FIELDS], format!("k{}", MAX_FIELDS - 1));
    assert_eq!(kept[MAX_FIELDS + 1], "more");
    let [problem] = &doc.problems[..] else {
        panic!("one problem: {:?}", doc.problems)
    };
    assert_eq!(problem.pos, Pos::new(2, 3));
    assert!(
        problem
            .message
            .starts_with(&format!("the map has {} keys", MAX_FIELDS + 5)),
        "{}",
        problem.message
    );
}

#[test]
fn non_string_keys_are_stringified() {
    let node = root("1.50: one\ntrue: yes\n~: none\n? [a, {b: 2}]\n: pair\n");
    let keys = keys(&node);
    assert_eq!(keys, ["1.50", "true", "~", "[a, {b: 2}]"]);
}

#[test]
fn aliases_and_merges_resolve_at_the_use_site() {
    let node = root(
        "base: &b {status: active, budget: 1.50}\nproject:\n  <<: *b\n  name: Acme\ncopy: *b\n",
    );
    let project = &get(&node, "project").value;
    let status = get(project, "status");
    assert_eq!(status.value.value, NodeValue::String("active".into()));
    assert_eq!(status.value.pos.line, 3);
    let copy = &get(&node, "copy").value;
    assert_eq!(
        get(copy, "budget").value.value,
        NodeValue::Number("1.50".into())
    );
    assert_eq!(copy.pos, Pos::new(5, 7));
}

#[test]
fn application_tags_are_ignored() {
    let node = root("a: !Project {name: Acme}\nb: !note hello\n");
    assert_eq!(
        get(&get(&node, "a").value, "name").value.value,
        NodeValue::String("Acme".into())
    );
    assert_eq!(
        get(&node, "b").value.value,
        NodeValue::String("hello".into())
    );
}

#[test]
fn every_document_is_a_root() {
    let doc = parse("a: 1\n---\nb: 2\n---\n- x\n").unwrap();
    assert_eq!(doc.roots.len(), 3);
    assert_eq!(doc.roots[1].pos, Pos::new(3, 1));
    assert_eq!(get(&doc.roots[1], "b").key_pos, Pos::new(3, 1));
    assert_eq!(doc.roots[2].pos, Pos::new(5, 1));
}

#[test]
fn syntax_error_has_line_and_column() {
    let err = parse("a: 1\n  b: 2\n").unwrap_err();
    assert_eq!(err.pos, Some(Pos::new(2, 4)));
    assert!(
        !err.message.contains("line"),
        "plain message: {}",
        err.message
    );
    let err = parse("a: \"open\n").unwrap_err();
    assert_eq!(err.pos, Some(Pos::new(1, 4)));
}

#[test]
fn empty_and_blank_files_have_no_roots() {
    for text in [
        "",
        "  \n\n",
        "# just a comment\n",
        "\u{feff}",
        "---\n",
        "~\n",
    ] {
        let doc = parse(text).expect("parses");
        assert!(doc.roots.is_empty(), "{text:?}");
    }
}

#[test]
fn crlf_lines_are_counted_once() {
    let node = root("a: 1\r\nb:\r\n  - x\r\n");
    let NodeValue::List(items) = &get(&node, "b").value.value else {
        panic!("a list")
    };
    assert_eq!(items[0].pos, Pos::new(3, 5));
}

#[test]
fn a_lone_carriage_return_does_not_start_a_line() {
    // As every other reader and editor counts lines: at `\n` only.
    let node = root("a: x\r\rb: 1\n");
    assert_eq!(get(&node, "b").key_pos, Pos::new(1, 7));
    // The parser counts four lines here; the file has two.
    let err = parse("a: 1\r\rb: [\r\n").unwrap_err();
    assert!(err.pos.is_some_and(|p| p.line <= 2), "{err:?}");
}

#[test]
fn leading_bom_is_ignored() {
    let node = root("\u{feff}a: 1.50\n");
    assert_eq!(get(&node, "a").key_pos, Pos::new(1, 1));
    assert_eq!(
        get(&node, "a").value.value,
        NodeValue::Number("1.50".into())
    );
}

#[test]
fn deep_block_nesting_is_an_error() {
    let text: String = (0..1_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let err = parse(&text).unwrap_err();
    assert_eq!(err.message, "nested deeper than 128 levels");
    assert_eq!(err.pos.map(|p| p.line), Some(129));
}

#[test]
fn deep_flow_nesting_is_an_error() {
    for open in ["[", "{a: "] {
        let err = parse(&open.repeat(100_000)).unwrap_err();
        assert_eq!(err.message, "nested deeper than 128 levels", "{open}");
        assert_eq!(err.pos.map(|p| p.line), Some(1));
    }
}

#[test]
fn nesting_built_by_aliases_is_bounded() {
    let level = |inner: &str| format!("{}{inner}{}", "[".repeat(100), "]".repeat(100));
    let text = format!("a: &a {}\nb: {}\n", level("x"), level("*a"));
    let err = parse(&text).unwrap_err();
    assert_eq!(err.message, "nested deeper than 128 levels");
    assert!(err.pos.is_some());
}

#[test]
fn nesting_up_to_the_limit_is_accepted() {
    let depth = MAX_DEPTH;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(parse(&text).is_ok());
    let text: String = (0..depth)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    assert!(parse(&format!("{text}{}v\n", " ".repeat(depth))).is_ok());
}

#[test]
fn large_input_converts_in_linear_time() {
    // Positions come from the parser's markers, never from recounting
    // lines.
    let text: String = (0..5_000)
        .map(|i| format!("- id: {i}\n  name: p{i}\n"))
        .collect();
    let node = root(&text);
    let NodeValue::List(items) = node.value else {
        panic!("a list")
    };
    assert_eq!(items.len(), 5_000);
    assert_eq!(items[4_999].pos, Pos::new(9_999, 3));
}

#[test]
fn alias_copies_take_the_alias_position_throughout() {
    let node = root("a: &x [1, {k: v}]\nb: *x\nc: &s 1.50\nd: *s\n");
    let at = Pos::new(2, 4);
    let NodeValue::List(items) = &get(&node, "b").value.value else {
        panic!("a list")
    };
    assert_eq!(items[0], Node::new(at, NodeValue::Number("1".into())));
    let k = get(&items[1], "k");
    assert_eq!((k.key_pos, k.value.pos), (at, at));
    let d = &get(&node, "d").value;
    assert_eq!(
        d,
        &Node::new(Pos::new(4, 4), NodeValue::Number("1.50".into()))
    );
    // The original keeps its own positions.
    let NodeValue::List(items) = &get(&node, "a").value.value else {
        panic!("a list")
    };
    assert_eq!(items[1].pos, Pos::new(1, 11));
}

#[test]
fn merged_entries_come_after_the_maps_own_and_never_replace_them() {
    let node = root(concat!(
        "m: &m {k: 1, j: 2}\n",
        "n:\n",
        "  <<: [*m, {k: 3, i: 4}]\n",
        "  j: 0\n",
        "  z: 5\n",
    ));
    let n = &get(&node, "n").value;
    let entries: Vec<_> = n
        .as_map()
        .unwrap()
        .iter()
        .map(|e| {
            (
                &*e.key,
                e.value.scalar_text().unwrap().to_owned(),
                e.key_pos,
            )
        })
        .collect();
    let (alias, inline) = (Pos::new(3, 8), Pos::new(3, 12));
    assert_eq!(
        entries,
        [
            ("j", "0".to_owned(), Pos::new(4, 3)),
            ("z", "5".to_owned(), Pos::new(5, 3)),
            ("k", "1".to_owned(), alias),
            ("i", "4".to_owned(), inline),
        ]
    );
    assert_eq!(get(n, "i").value.pos, inline);
}

#[test]
fn merge_keys_need_the_plain_spelling_and_a_map() {
    let node = root("a:\n  \"<<\": {x: 1}\n  <<: ~\n");
    let keys = keys(&get(&node, "a").value);
    assert_eq!(keys, ["<<"]);
    let err = parse("a: &s text\nb:\n  <<: [{x: 1}, *s]\n").unwrap_err();
    assert_eq!(
        err,
        ParseError::at(
            Pos::new(1, 7),
            "YAML merge value must be mapping or sequence of mappings"
        )
    );
}

#[test]
fn aliases_that_cannot_resolve_are_errors() {
    let err = parse("a: *nope\n").unwrap_err();
    assert_eq!(
        err,
        ParseError::at(Pos::new(1, 4), "alias references unknown anchor")
    );
    let err = parse("a: &a [*a]\n").unwrap_err();
    assert_eq!(
        err,
        ParseError::at(
            Pos::new(1, 8),
            "an alias refers to the node it is inside, which would never end"
        )
    );
}

#[test]
fn alias_bombs_are_refused() {
    let mut text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n".to_owned();
    for i in 1..8 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let err = parse(&text).unwrap_err();
    assert!(
        err.message.starts_with("aliases copy more than"),
        "{}",
        err.message
    );
    assert_eq!(err.pos.map(|p| p.line), Some(6));
}

#[test]
fn tags_pick_the_type() {
    let node = root(concat!(
        "a: !!str 5\n",
        "b: !!int \"12\"\n",
        "c: !!float 2\n",
        "d: !!null x\n",
        "e: !!bool True\n",
        "f: ! 5\n",
        "g: !!binary aGVsbG8=\n",
        "h: !custom ~\n",
        "i: !!str ~\n",
    ));
    let value = |key| get(&node, key).value.value.clone();
    assert_eq!(value("a"), NodeValue::String("5".into()));
    assert_eq!(value("b"), NodeValue::Number("\"12\"".into()));
    assert_eq!(value("c"), NodeValue::Number("2".into()));
    assert_eq!(value("d"), NodeValue::Null);
    assert_eq!(value("e"), NodeValue::Bool(true));
    assert_eq!(value("f"), NodeValue::String("5".into()));
    assert_eq!(value("g"), NodeValue::String("hello".into()));
    assert_eq!(value("h"), NodeValue::Null);
    assert_eq!(value("i"), NodeValue::String("~".into()));
}

#[test]
fn tags_that_do_not_fit_are_errors_at_the_node() {
    for (text, pos, message) in [
        ("a: !!int x\n", (1, 10), "invalid u64"),
        ("a: !!int -x\n", (1, 10), "invalid i64"),
        ("a: !!float x\n", (1, 12), "invalid floating point"),
        (
            "a: !!bool yes\n",
            (1, 11),
            "invalid boolean (strict mode expects true/false)",
        ),
        ("a: !!str [1]\n", (1, 10), "unsupported tag `!!str`"),
        ("a: !!map [1]\n", (1, 10), "unsupported tag `!!map`"),
        (
            "a: !!timestamp 2020-01-01\n",
            (1, 16),
            "cannot deserialize tagged scalar into string",
        ),
        ("a: !!binary a\n", (1, 13), "invalid !!binary base64"),
    ] {
        let err = parse(text).unwrap_err();
        assert_eq!(
            err,
            ParseError::at(Pos::new(pos.0, pos.1), message),
            "{text:?}"
        );
    }
}

#[test]
fn numbers_follow_yaml_1_2() {
    let node = root(concat!(
        "a: +12\n",
        "b: -0x1f\n",
        "c: 0o7\n",
        "d: 0X1F\n",
        "e: 0127\n",
        "f: 1e999\n",
        "g: -.INF\n",
        "h: -.nan\n",
        "i: inf\n",
        "j: 1__0\n",
        "k: 0xFFFFFFFFFFFFFFFFFFFF\n",
        "l: .5\n",
    ));
    let value = |key| get(&node, key).value.value.clone();
    let number = |s: &'static str| NodeValue::Number(s.into());
    let string = |s: &'static str| NodeValue::String(s.into());
    assert_eq!(value("a"), number("+12"));
    assert_eq!(value("b"), number("-0x1f"));
    assert_eq!(value("c"), number("0o7"));
    assert_eq!(value("d"), string("0X1F"));
    assert_eq!(value("e"), number("0127"));
    assert_eq!(value("f"), string(".inf"));
    assert_eq!(value("g"), string("-.inf"));
    assert_eq!(value("h"), string("-.nan"));
    assert_eq!(value("i"), string("inf"));
    assert_eq!(value("j"), string("1__0"));
    assert_eq!(value("k"), string("0xFFFFFFFFFFFFFFFFFFFF"));
    assert_eq!(value("l"), number(".5"));
}

#[test]
fn null_documents_are_skipped_unless_tagged() {
    let doc = parse("~\n---\n!!str\n---\n!note\n---\nnull\n...\n").unwrap();
    let values: Vec<_> = doc.roots.iter().map(|r| (r.pos, r.value.clone())).collect();
    assert_eq!(
        values,
        [
            (Pos::new(3, 6), NodeValue::String("".into())),
            (Pos::new(5, 6), NodeValue::Null),
        ]
    );
}

#[test]
fn scanner_errors_keep_the_parsers_message() {
    for (text, pos, message) in [
        ("[a, b", (1, 1), "unclosed bracket '['"),
        (
            "a: b: c",
            (1, 5),
            "mapping values are not allowed in this context",
        ),
        (
            "- a\nb: 1",
            (2, 1),
            "while parsing a block collection, did not find expected '-' indicator",
        ),
    ] {
        assert_eq!(
            parse(text).unwrap_err(),
            ParseError::at(Pos::new(pos.0, pos.1), message)
        );
    }
}

#[test]
fn front_matter_holds_one_document() {
    let err = parse_front_matter("a: 1\n---\nb: 2\n", 2, &mut Vec::new()).unwrap_err();
    assert_eq!(err.pos, Some(Pos::new(4, 1)));
    assert!(
        err.message
            .starts_with("front matter holds more than one YAML document")
    );
}

#[test]
fn front_matter_positions_are_file_lines() {
    let node = parse_front_matter("title: Plan\nowner: Dana\n", 2, &mut Vec::new()).unwrap();
    assert_eq!(node.pos, Pos::new(2, 1));
    let owner = get(&node, "owner");
    assert_eq!(owner.key_pos, Pos::new(3, 1));
    assert_eq!(owner.value.pos, Pos::new(3, 8));
}

#[test]
fn front_matter_errors_are_file_lines() {
    let err = parse_front_matter("a: 1\n  b: 2\n", 5, &mut Vec::new()).unwrap_err();
    assert_eq!(err.pos, Some(Pos::new(6, 4)));
}

#[test]
fn empty_front_matter_is_an_empty_map() {
    let node = parse_front_matter("", 2, &mut Vec::new()).unwrap();
    assert_eq!(node.value, NodeValue::Map(Vec::new()));
    assert_eq!(node.pos.line, 2);
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = parse(&text);
        let _ = parse_front_matter(&text, 3, &mut Vec::new());
    }

    #[test]
    fn arbitrary_yaml_like_text_never_panics(text in r#"[-:?&*!|>'"\[\]{},# \na-c0-9\t.]{0,200}"#) {
        let _ = parse(&text);
    }
}
