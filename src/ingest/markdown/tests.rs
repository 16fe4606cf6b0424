use super::*;
use crate::diag::{Pos, Severity};
use crate::ingest::tree::testing::keys;
use crate::ingest::tree::{Node, NodeValue};
use proptest::prelude::*;

fn md(text: &str) -> Document<'_> {
    parse(text).expect("Markdown always reads")
}

/// The tree without positions: `{key: value}`, `[a, b]`, `"text"`.
fn shape(node: &Node) -> String {
    match &node.value {
        NodeValue::Map(entries) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|e| format!("{}: {}", e.key, shape(&e.value)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        NodeValue::List(items) => format!(
            "[{}]",
            items.iter().map(shape).collect::<Vec<_>>().join(", ")
        ),
        NodeValue::String(s) => format!("{s:?}"),
        other => format!("{other:?}"),
    }
}

/// The tree with positions: keys as `key@pos`, values followed by `@pos`.
fn located(node: &Node) -> String {
    let inner = match &node.value {
        NodeValue::Map(entries) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|e| format!("{}@{}: {}", e.key, e.key_pos, located(&e.value)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        NodeValue::List(items) => format!(
            "[{}]",
            items.iter().map(located).collect::<Vec<_>>().join(", ")
        ),
        NodeValue::String(s) => format!("{s:?}"),
        other => format!("{other:?}"),
    };
    format!("{inner}@{}", node.pos)
}

fn shapes(document: &Document) -> Vec<String> {
    document.roots.iter().map(shape).collect()
}

fn problems(document: &Document) -> Vec<String> {
    document
        .problems
        .iter()
        .map(|p| format!("{} {}: {}", p.severity, p.pos, p.message))
        .collect()
}

#[test]
fn a_table_under_a_heading_is_keyed_by_the_heading() {
    let doc = md(
        "# State\n\n## Active projects\n\n| Name | Status |\n|------|--------|\n| Acme | active |\n| Globex | paused |\n",
    );
    assert_eq!(
        doc.roots.iter().map(located).collect::<Vec<_>>(),
        [concat!(
            "{Active projects@3:1: [",
            "{Name@5:3: \"Acme\"@7:3, Status@5:10: \"active\"@7:10}@7:1, ",
            "{Name@5:3: \"Globex\"@8:3, Status@5:10: \"paused\"@8:12}@8:1",
            "]@5:1}@3:1"
        )]
    );
    assert!(doc.problems.is_empty());
    assert_eq!(doc.front_matter, None);
    assert!(!doc.later_wins);
}

#[test]
fn table_formatting_is_reduced_to_text() {
    let doc = md(
        "## Deals\n| **Name** | *Stage* | `id` |\n|---|---|---|\n| [Acme](https://acme.com) | **won** &amp; _paid_ | `D-1` |\n",
    );
    assert_eq!(
        shapes(&doc),
        [r#"{Deals: [{Name: "Acme", Stage: "won & paid", id: "D-1"}]}"#]
    );
    let row = &doc.roots[0].as_map().unwrap()[0].value;
    let NodeValue::List(rows) = &row.value else {
        unreachable!()
    };
    let cells: Vec<Pos> = rows[0]
        .as_map()
        .unwrap()
        .iter()
        .map(|e| e.value.pos)
        .collect();
    // The link's text, the bold word, the code span's backtick.
    assert_eq!(cells, [Pos::new(4, 4), Pos::new(4, 32), Pos::new(4, 53)]);
}

#[test]
fn a_table_without_a_heading_has_an_empty_key() {
    let doc = md("Some intro.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    assert_eq!(
        doc.roots.iter().map(located).collect::<Vec<_>>(),
        ["{@3:1: [{a@3:3: \"1\"@5:3, b@3:7: \"2\"@5:7}@5:1]@3:1}@3:1"]
    );
}

#[test]
fn each_table_is_its_own_root_under_the_nearest_heading() {
    let doc = md(
        "## Clients\n| name |\n|-|\n| Acme |\n\n### Deals\n| name |\n|-|\n| Big |\n\n| name |\n|-|\n| Small |\n",
    );
    assert_eq!(
        shapes(&doc),
        [
            r#"{Clients: [{name: "Acme"}]}"#,
            r#"{Deals: [{name: "Big"}]}"#,
            r#"{Deals: [{name: "Small"}]}"#
        ]
    );
}

#[test]
fn blank_cells_and_blank_rows_say_nothing() {
    let doc = md(
        "## Projects\n| name | status | owner |\n|---|---|---|\n| Acme |  | Dana |\n|  |  |  |\n| Globex |\n",
    );
    assert_eq!(
        shapes(&doc),
        [r#"{Projects: [{name: "Acme", owner: "Dana"}, {name: "Globex"}]}"#]
    );
    assert!(doc.problems.is_empty());
}

#[test]
fn extra_cells_are_reported() {
    let doc = md(
        "## Projects\n| name | status |\n|---|---|\n| Acme | active | extra |\n| Globex | paused | |\n",
    );
    assert_eq!(
        shapes(&doc),
        [r#"{Projects: [{name: "Acme", status: "active"}, {name: "Globex", status: "paused"}]}"#]
    );
    assert_eq!(
        problems(&doc),
        ["warning 4:1: table row has more cells than its header; the extra cells are ignored"]
    );
}

#[test]
fn unnamed_and_repeated_columns_are_reported_and_skipped() {
    let doc = md("## Projects\n|  | name | name |\n|---|---|---|\n| x | Acme | Other |\n");
    assert_eq!(shapes(&doc), [r#"{Projects: [{name: "Acme"}]}"#]);
    assert_eq!(
        problems(&doc),
        [
            "warning 2:2: column 1 has no name; its cells are ignored",
            "warning 2:13: column `name` is named twice; only the first one is read",
        ]
    );
}

#[test]
fn a_table_keeps_as_many_columns_as_a_record_reads() {
    use crate::ingest::tree::MAX_FIELDS;
    let columns = MAX_FIELDS + 2;
    let header: Vec<String> = (0..columns).map(|i| format!("c{i}")).collect();
    let row: Vec<String> = (0..columns).map(|i| format!("v{i}")).collect();
    let text = format!(
        "## Projects\n| {} |\n|{}\n| {} |\n",
        header.join(" | "),
        "---|".repeat(columns),
        row.join(" | ")
    );
    let doc = md(&text);
    let NodeValue::List(rows) = &doc.roots[0].as_map().unwrap()[0].value.value else {
        panic!("a list of rows")
    };
    let kept = keys(&rows[0]);
    assert_eq!(kept.len(), MAX_FIELDS);
    assert_eq!(kept[MAX_FIELDS - 1], format!("c{}", MAX_FIELDS - 1));
    assert_eq!(
        problems(&doc),
        [format!(
            "warning 2:1: the header has {columns} columns, more than the {MAX_FIELDS} a record may have; the rest are not read"
        )]
    );
}

#[test]
fn weird_tables() {
    // A delimiter row that doesn't match the header makes it prose.
    assert_eq!(md("## T\n| a | b |\n|---|\n| 1 | 2 |\n").roots, []);
    // Escaped pipes stay in the cell; no outer pipes is still a table.
    let doc = md("## T\na \\| b | c\n--- | ---\n1 \\| 2 | 3\n");
    assert_eq!(shapes(&doc), [r#"{T: [{a | b: "1 | 2", c: "3"}]}"#]);
    // A table in a block quote.
    let doc = md("## T\n> | a |\n> |---|\n> | 1 |\n");
    assert_eq!(
        doc.roots.iter().map(located).collect::<Vec<_>>(),
        ["{T@1:1: [{a@2:5: \"1\"@4:5}@4:1]@2:3}@1:1"]
    );
}

#[test]
fn a_table_with_only_a_header_is_an_empty_list() {
    let doc = md("## Projects\n| name | status |\n|---|---|\n");
    assert_eq!(shapes(&doc), ["{Projects: []}"]);
}

#[test]
fn a_kind_name_heading_with_bullets_is_one_record() {
    let text = "# Notes\n\n### Project: Acme Website\n\n- Status: Active\n* Owner: Dana Ruiz\n- **Due date:** Dec 1, 2026\n- **Budget**: $5,000\n- remember to call the client\n";
    let doc = md(text);
    assert_eq!(
        doc.roots.iter().map(located).collect::<Vec<_>>(),
        [concat!(
            "{Project@3:1: {",
            "name@3:14: \"Acme Website\"@3:14, ",
            "Status@5:3: \"Active\"@5:11, ",
            "Owner@6:3: \"Dana Ruiz\"@6:10, ",
            "Due date@7:5: \"Dec 1, 2026\"@7:17, ",
            "Budget@8:5: \"$5,000\"@8:15",
            "}@3:1}@3:1"
        )]
    );
}

#[test]
fn a_plain_heading_under_another_may_be_a_record_of_it() {
    let text = "# Weekly status\n\n## Projects\n\n### Mobile App\n- Status: On hold\n\n\
                ### Website Redesign\n- **Due:** Dec 5\n\n### Retro notes\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    let doc = md(text);
    assert_eq!(
        doc.headed.iter().map(located).collect::<Vec<_>>(),
        [
            "{Projects@5:1: {name@5:5: \"Mobile App\"@5:5, Status@6:3: \"On hold\"@6:11}@5:1}@5:1",
            "{Projects@8:1: {name@8:5: \"Website Redesign\"@8:5, Due@9:5: \"Dec 5\"@9:12}@8:1}@8:1",
        ]
    );
    // A table under a plain heading titles it, as before; its bullets are
    // prose as well, in case the heading is no record.
    assert_eq!(shapes(&doc), ["{Retro notes: [{a: \"1\", b: \"2\"}]}"]);
    let leads: Vec<&str> = doc.prose.iter().map(|b| &*b.lead).collect();
    assert_eq!(leads, ["Status", "Due:"]);
}

#[test]
fn bullet_values_are_reduced_to_text() {
    let doc = md(
        "## Client: *Acme* Inc\n- Website: [acme.com](https://acme.com)\n- Id: `ACC-7`\n- Note: a &lt; b\n",
    );
    assert_eq!(
        shapes(&doc),
        [r#"{Client: {name: "Acme Inc", Website: "acme.com", Id: "ACC-7", Note: "a < b"}}"#]
    );
    let record = doc.roots[0].as_map().unwrap()[0].value.as_map().unwrap();
    assert_eq!(
        record[0].value.pos,
        Pos::new(1, 13),
        "the name starts inside the emphasis"
    );
}

#[test]
fn prose_bullets_and_colons_that_are_not_separators_are_ignored() {
    let doc = md(concat!(
        "## Project: Acme\n",
        "- Call Dana on Monday\n",
        "- See https://acme.com for details\n",
        "- Standup moved to 10:30\n",
        "- We agreed on the following after a long discussion with them: nothing\n",
        "- 2026 goals: grow\n",
        "- Empty:\n",
        "- Url: https://acme.com/a:b\n",
    ));
    assert_eq!(
        shapes(&doc),
        [r#"{Project: {name: "Acme", Url: "https://acme.com/a:b"}}"#]
    );
}

#[test]
fn a_bullet_runs_to_the_end_of_its_first_paragraph() {
    let doc = md(
        "## Project: Acme\n- Status: Active\n  since May\n  - Sub: ignored\n- Owner: Dana\n\n  More prose: ignored\n",
    );
    assert_eq!(
        shapes(&doc),
        [r#"{Project: {name: "Acme", Status: "Active since May", Owner: "Dana"}}"#]
    );
}

#[test]
fn numbered_lists_are_not_fields() {
    let doc = md("## Project: Acme\n1. Status: Active\n- Owner: Dana\n");
    assert_eq!(
        shapes(&doc),
        [r#"{Project: {name: "Acme", Owner: "Dana"}}"#]
    );
}

#[test]
fn a_kind_name_heading_without_bullets_of_its_own_is_a_title() {
    for text in [
        "## Project: Acme\n\nOnly prose here.\n",
        "## Project: Acme\n1. Status: Active\n",
        "## Project: Acme\n### Notes\n- Status: Active\n",
    ] {
        assert_eq!(shapes(&md(text)), [] as [&str; 0], "{text:?}");
    }
}

#[test]
fn a_kind_name_heading_over_a_table_invents_nothing_and_parents_nothing() {
    let doc = md(concat!(
        "## Controls: SOC 2 Type II evidence\n",
        "| Control | Status |\n|-|-|\n| CC6.1 | passed |\n\n",
        "### Audit: Q4 access review\n",
        "- Status: open\n",
    ));
    assert_eq!(
        shapes(&doc),
        [
            r#"{Controls: SOC 2 Type II evidence: [{Control: "CC6.1", Status: "passed"}]}"#,
            r#"{Audit: {name: "Q4 access review", Status: "open"}}"#,
        ]
    );
}

#[test]
fn a_section_ends_at_a_heading_of_its_level_or_higher() {
    let doc = md(concat!(
        "## Project: Acme\n",
        "- Status: Active\n",
        "### Details\n",
        "- Owner: Dana\n",
        "## Project: Globex\n",
        "- Status: Paused\n",
        "# Other things\n",
        "- Status: Nobody's\n",
    ));
    assert_eq!(
        shapes(&doc),
        [
            r#"{Project: {name: "Acme", Status: "Active", Owner: "Dana"}}"#,
            r#"{Project: {name: "Globex", Status: "Paused"}}"#,
        ]
    );
}

#[test]
fn bullets_under_a_heading_of_other_things_are_set_aside() {
    let doc = md(concat!(
        "## Project: Acme\n",
        "- Status: Active\n",
        "### Timeline\n",
        "- Due: 2026-12-01\n",
        "### Open risks\n",
        "- Status: Blocked\n",
        "- Owner: Legal\n",
        "#### Details\n",
        "- Status: Red\n",
        "### Next steps\n",
        "### Task: Design\n",
        "- Status: Done\n",
    ));
    assert_eq!(
        shapes(&doc),
        [concat!(
            r#"{Project: {name: "Acme", Status: "Active", Due: "2026-12-01", "#,
            r#"Task: {name: "Design", Status: "Done"}}}"#
        )]
    );
    assert_eq!(
        problems(&doc),
        [
            "info 5:1: 3 bullets under `Open risks` not read as fields of the record above it: \
          the heading speaks of other things, each with fields of its own"
        ]
    );
    // Outside a record, such a heading is any heading.
    let doc = md("## Risks\n- Status: Blocked\n");
    assert!(doc.problems.is_empty());
    // A heading that names an aspect of the record, or does not end in
    // the things, holds the record's fields.
    for heading in [
        "Contract value",
        "Milestone dates",
        "Vendor spend",
        "Task force budget",
        "Budget (contract)",
        "Key dates and milestones",
        "Budget and dependencies",
        "Steps to date",
    ] {
        let text = format!("## Project: Acme\n- Owner: Dana\n### {heading}\n- Budget: $5\n");
        let doc = md(&text);
        assert_eq!(
            shapes(&doc),
            [r#"{Project: {name: "Acme", Owner: "Dana", Budget: "$5"}}"#],
            "{heading}"
        );
    }
}

#[test]
fn a_deeper_kind_name_heading_is_a_child_record() {
    let doc = md(concat!(
        "## Client: Acme Inc\n",
        "- Owner: Dana\n",
        "### Project: Website\n",
        "- Status: Active\n",
        "### Project: App\n",
        "- Status: Paused\n",
        "## Client: Globex\n",
    ));
    assert_eq!(
        shapes(&doc),
        [
            r#"{Client: {name: "Acme Inc", Owner: "Dana", Project: {name: "Website", Status: "Active"}, Project: {name: "App", Status: "Paused"}}}"#,
        ]
    );
    let client = doc.roots[0].as_map().unwrap()[0].value.as_map().unwrap();
    assert_eq!(
        (client[2].key_pos, client[2].value.pos),
        (Pos::new(3, 1), Pos::new(3, 1))
    );
}

#[test]
fn records_keep_file_order_with_tables() {
    let doc =
        md("## Client: Acme\n- Owner: Dana\n\n| a |\n|-|\n| 1 |\n\n## Deals\n| b |\n|-|\n| 2 |\n");
    assert_eq!(
        shapes(&doc),
        [
            r#"{Client: {name: "Acme", Owner: "Dana"}}"#,
            r#"{Client: Acme: [{a: "1"}]}"#,
            r#"{Deals: [{b: "2"}]}"#,
        ]
    );
}

#[test]
fn a_table_under_a_plain_heading_in_a_record_is_its_child() {
    let doc = md(
        "## Client: Acme\n- Owner: Dana\n### Projects\n| name |\n|-|\n| Website |\n## Projects\n| name |\n|-|\n| Loose |\n",
    );
    assert_eq!(
        shapes(&doc),
        [
            r#"{Client: {name: "Acme", Owner: "Dana", Projects: [{name: "Website"}]}}"#,
            r#"{Projects: [{name: "Loose"}]}"#,
        ]
    );
}

#[test]
fn headings_without_a_kind_and_prose_produce_nothing() {
    let doc = md(concat!(
        "# Morning notes\n\nJust prose: with a colon.\n\n",
        "## Meeting at 10:30\n- Status: held\n\n",
        "## See https://example.com\n- Status: x\n\n",
        "## Notes:\n- Status: x\n\n",
        "> quoted: text\n\n```\nProject: Fake\n- Status: x\n```\n",
    ));
    assert_eq!(shapes(&doc), Vec::<String>::new());
    assert!(doc.problems.is_empty());
}

#[test]
fn setext_headings_count() {
    let doc = md("Project: Acme\n=============\n- Status: Active\n");
    assert_eq!(
        shapes(&doc),
        [r#"{Project: {name: "Acme", Status: "Active"}}"#]
    );
    assert_eq!(doc.roots[0].pos, Pos::new(1, 1));
}

#[test]
fn yaml_front_matter_is_file_metadata() {
    let doc =
        md("---\nseat: ops\nupdated_at: 2026-05-01\n---\n## Project: Acme\n- Status: Active\n");
    let front = doc.front_matter.as_ref().expect("front matter");
    let keys = keys(front);
    assert_eq!(keys, ["seat", "updated_at"]);
    assert_eq!(
        front.as_map().unwrap()[0].value.scalar_text().unwrap(),
        "ops"
    );
    assert_eq!(
        doc.roots.iter().map(located).collect::<Vec<_>>(),
        ["{Project@5:1: {name@5:13: \"Acme\"@5:13, Status@6:3: \"Active\"@6:11}@5:1}@5:1"]
    );
    assert!(doc.problems.is_empty());
}

#[test]
fn toml_front_matter_is_file_metadata() {
    let doc = md("+++\nseat = \"ops\"\n+++\n\n| a |\n|-|\n| 1 |\n");
    let front = doc.front_matter.as_ref().expect("front matter");
    assert_eq!(front.as_map().unwrap()[0].key, "seat");
    assert_eq!(shapes(&doc), [r#"{: [{a: "1"}]}"#]);
    assert_eq!(doc.roots[0].pos, Pos::new(5, 1));
}

#[test]
fn yaml_front_matter_may_end_with_dots() {
    let doc = md("---\nseat: ops\n...\n# Title\n");
    assert!(doc.front_matter.is_some());
    assert!(doc.problems.is_empty());
}

#[test]
fn empty_front_matter_is_no_front_matter() {
    for text in ["---\n---\n", "---\n\n  \n---\n# x\n", "+++\n+++"] {
        let doc = md(text);
        assert_eq!(doc.front_matter, None, "{text:?}");
        assert!(doc.problems.is_empty(), "{text:?}");
    }
}

#[test]
fn broken_front_matter_is_a_problem_and_the_rest_still_reads() {
    for text in [
        "---\nseat: [ops\n---\n## Project: Acme\n- Status: Active\n",
        "+++\nseat = \n+++\n## Project: Acme\n- Status: Active\n",
    ] {
        let doc = md(text);
        assert_eq!(doc.front_matter, None, "{text:?}");
        assert_eq!(
            shapes(&doc),
            [r#"{Project: {name: "Acme", Status: "Active"}}"#],
            "{text:?}"
        );
        let [problem] = doc.problems.as_slice() else {
            panic!("{:?}", doc.problems)
        };
        assert_eq!(problem.severity, Severity::Error);
        assert!((2..=3).contains(&problem.pos.line), "{problem:?}");
    }
}

#[test]
fn front_matter_that_is_not_a_map_is_a_problem() {
    let doc = md("---\n- a\n- b\n---\n");
    assert_eq!(doc.front_matter, None);
    assert_eq!(doc.problems.len(), 1);
    assert_eq!(doc.problems[0].severity, Severity::Error);
}

#[test]
fn unclosed_front_matter_is_a_warning_and_the_file_reads_as_markdown() {
    let doc = md("---\nseat: ops\n\n## Project: Acme\n- Status: Active\n");
    assert_eq!(doc.front_matter, None);
    assert_eq!(
        shapes(&doc),
        [r#"{Project: {name: "Acme", Status: "Active"}}"#]
    );
    assert_eq!(
        problems(&doc),
        [
            "warning 1:1: front matter opened with `---` is never closed; the file is read as plain Markdown"
        ]
    );
    assert_eq!(md("+++").problems.len(), 1);
}

#[test]
fn front_matter_must_open_the_file() {
    let doc = md("\n---\nseat: ops\n---\n");
    assert_eq!(doc.front_matter, None);
    assert!(doc.problems.is_empty());
}

#[test]
fn crlf_line_endings() {
    let doc = md(
        "---\r\nseat: ops\r\n---\r\n## Project: Acme\r\n- Status: Active\r\n\r\n## Deals\r\n| name |\r\n|---|\r\n| Big |\r\n",
    );
    assert!(doc.front_matter.is_some());
    assert_eq!(
        doc.roots.iter().map(located).collect::<Vec<_>>(),
        [
            "{Project@4:1: {name@4:13: \"Acme\"@4:13, Status@5:3: \"Active\"@5:11}@4:1}@4:1",
            "{Deals@7:1: [{name@8:3: \"Big\"@10:3}@10:1]@8:1}@7:1",
        ]
    );
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let doc = md("\u{feff}## Project: Acme\n- Status: Active\n");
    assert_eq!(
        doc.roots.iter().map(located).collect::<Vec<_>>(),
        ["{Project@1:1: {name@1:13: \"Acme\"@1:13, Status@2:3: \"Active\"@2:11}@1:1}@1:1"]
    );
    let doc = md("\u{feff}---\nseat: ops\n---\n");
    assert!(doc.front_matter.is_some());
}

#[test]
fn empty_and_prose_only_files_produce_nothing() {
    for text in [
        "",
        "\n\n",
        "Just a note.\n\nAnother paragraph with *emphasis*.\n",
        "# Title\n\n- a\n- b\n",
    ] {
        let doc = md(text);
        assert_eq!(doc, Document::default(), "{text:?}");
    }
}

#[test]
fn columns_count_characters_not_bytes() {
    let doc = md("## Équipe\n| nom | état |\n|---|---|\n| Zoë | prêt |\n");
    assert_eq!(
        doc.roots.iter().map(located).collect::<Vec<_>>(),
        ["{Équipe@1:1: [{nom@2:3: \"Zoë\"@4:3, état@2:9: \"prêt\"@4:9}@4:1]@2:1}@1:1"]
    );
}

#[test]
fn large_inputs_read_in_linear_time() {
    // Counting columns from the line start for every cell would make
    // these take minutes.
    let cells = 50_000;
    let header = "| h ".repeat(cells) + "|\n";
    let rule = "|-".repeat(cells) + "|\n";
    let row = "| é ".repeat(cells) + "|\n";
    let text = format!("## Wide\n{header}{rule}{row}");
    let doc = md(&text);
    let list = &doc.roots[0].as_map().unwrap()[0].value;
    let NodeValue::List(rows) = &list.value else {
        unreachable!()
    };
    assert_eq!(
        rows[0].as_map().unwrap().len(),
        1,
        "repeated names are skipped"
    );
    // The columns past the limit, once; each repeat among those kept.
    let limit = crate::ingest::tree::MAX_FIELDS;
    assert_eq!(doc.problems.len(), limit);

    let bullets = "- Key: value\n".repeat(100_000);
    let text = format!("## Project: Big\n{bullets}");
    let doc = md(&text);
    assert_eq!(
        doc.roots[0].as_map().unwrap()[0]
            .value
            .as_map()
            .unwrap()
            .len(),
        limit,
        "the name and the bullets a record reads"
    );
    assert_eq!(
        problems(&doc),
        [format!(
            "warning 1:1: the section has 100001 keys, more than the {limit} a record may have; \
             the last {} that hold a single value are not read",
            100_001 - limit
        )]
    );

    let sections = "## Project: P\n- Status: x\n".repeat(20_000);
    assert_eq!(md(&sections).roots.len(), 20_000);
}

proptest! {
    #[test]
    fn never_panics_on_any_text(text in any::<String>()) {
        let _ = parse(&text);
    }

    #[test]
    fn never_panics_on_markdown_like_text(
        text in "(\u{feff})?((---|\\+\\+\\+|#{1,3} |[-*] |\\| |\\|-|\\*\\*|`|: |Kind: |[a-zé ]{1,6}|\\[x\\]\\(y\\)|&amp;|\r?\n|  ){0,40})"
    ) {
        let doc = parse(&text).unwrap();
        let lines = text.split('\n').count() as u32;
        let mut stack: Vec<&Node> = doc.roots.iter().collect();
        while let Some(node) = stack.pop() {
            prop_assert!(node.pos.line >= 1 && node.pos.line <= lines, "{:?} in {:?}", node.pos, text);
            match &node.value {
                NodeValue::Map(entries) => {
                    for entry in entries {
                        prop_assert!(entry.key_pos.line >= 1 && entry.key_pos.line <= lines);
                        prop_assert!(entry.value.value != NodeValue::Null, "no placeholder left in {:?}", text);
                        stack.push(&entry.value);
                    }
                }
                NodeValue::List(items) => stack.extend(items),
                _ => {}
            }
        }
    }
}
