//! Property tests for in-place edits: for generated action records with varied comments, quoting,
//! blank lines and key order, an update changes exactly the targeted lines (plus the appended
//! note), keeps every comment, and re-parses to the intended record.

use ccag::edit::{self, Change};
use ccag::model::Kind;
use ccag::store::yaml;
use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::Value;

/// Text values that stress quoting: YAML 1.1 words, colons, hashes, quotes, brackets, long text.
fn text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Programme",
        "to",
        "share",
        "no",
        "yes",
        "10:00",
        "a:",
        "b",
        "#hash",
        "it's",
        "\"quoted\"",
        "[x]",
        "{y}",
        "-dash",
        "Ofgem",
        "CP1589",
        "–",
        "‘sub",
        "meters’",
        "&",
        "*star",
        "%",
        "@",
        "review",
    ]);
    prop::collection::vec(words, 1..30).prop_map(|w| w.join(" "))
}

#[derive(Debug, Clone, Copy)]
enum Style {
    Plain,
    Single,
    Double,
    Folded,
}

fn style() -> impl Strategy<Value = Style> {
    prop_oneof![
        Just(Style::Plain),
        Just(Style::Single),
        Just(Style::Double),
        Just(Style::Folded)
    ]
}

/// Write `value` after `key: ` in `style`, falling back to double quotes when the style cannot hold it.
fn write_scalar(value: &str, style: Style) -> String {
    let fits_plain = yaml::parse(&format!("k: {value}\n"))
        .ok()
        .and_then(|p| p.value["k"].as_str().map(|s| s == value))
        == Some(true);
    match style {
        Style::Plain if fits_plain => value.to_string(),
        Style::Single => format!("'{}'", value.replace('\'', "''")),
        Style::Folded if !value.contains("  ") && !value.starts_with(' ') => {
            let words: Vec<&str> = value.split(' ').collect();
            let lines: Vec<String> = words.chunks(5).map(|c| format!("  {}", c.join(" "))).collect();
            format!(">-\n{}", lines.join("\n"))
        }
        _ => serde_json::to_string(value).unwrap(),
    }
}

#[derive(Debug, Clone)]
struct Generated {
    text: String,
    value: Value,
}

prop_compose! {
    fn action()(
        title in text(), title_style in style(),
        person in text(), person_style in style(),
        notes in prop::collection::vec((text(), style()), 0..3),
        order in Just(()).prop_perturb(|_, mut rng| {
            let mut keys = vec!["title", "raised", "owner", "due", "status", "updates"];
            // Shuffle all but keep the id first.
            for i in (1..keys.len()).rev() {
                let j = (rng.next_u32() as usize) % (i + 1);
                keys.swap(i, j);
            }
            keys
        }),
        comments in prop::collection::vec(any::<bool>(), 8),
        blanks in prop::collection::vec(any::<bool>(), 8),
        status in prop::sample::select(vec!["open", "ongoing", "recommend-closed"]),
    ) -> Generated {
        let mut out = String::from("# yaml-language-server: $schema=../../schemas/action.schema.json\nid: CCAG27-01  # allocated at the meeting\n");
        for (i, key) in order.iter().enumerate() {
            if blanks[i] { out.push('\n'); }
            if comments[i] { out.push_str(&format!("# about {key}\n")); }
            let eol_comment = if comments[(i + 3) % 8] { "  # checked" } else { "" };
            match *key {
                "title" => {
                    let s = write_scalar(&title, title_style);
                    let eol = if s.contains('\n') { "" } else { eol_comment };
                    out.push_str(&format!("title: {s}{eol}\n"));
                }
                "raised" => out.push_str(&format!("raised: 2024-01-23{eol_comment}\n")),
                "due" => out.push_str(&format!("due: '2024-02-28'{eol_comment}\n")),
                "status" => out.push_str(&format!("status: {status}{eol_comment}\n")),
                "owner" => out.push_str(&format!("owner:\n  org: Programme\n  # the person\n  person: {}\n", write_scalar(&person, person_style).replace("\n  ", "\n    "))),
                "updates" if !notes.is_empty() => {
                    out.push_str("updates:\n");
                    for (n, (note, st)) in notes.iter().enumerate() {
                        out.push_str(&format!("  - date: 2024-02-{:02}\n", n + 1));
                        out.push_str(&format!("    text: {}\n", write_scalar(note, *st).replace("\n  ", "\n      ")));
                    }
                }
                _ => {}
            }
        }
        let value = yaml::parse(&out).unwrap_or_else(|e| panic!("generated invalid YAML: {e:?}\n{out}")).value;
        Generated { text: out, value }
    }
}

fn change() -> impl Strategy<Value = Vec<Change>> {
    prop_oneof![
        prop::sample::select(vec!["open", "ongoing", "recommend-closed", "closed"])
            .prop_map(|s| vec![Change::set("status", s)]),
        text().prop_map(|t| vec![Change::set("title", t)]),
        text().prop_map(|t| vec![Change::set("owner.person", t)]),
        text().prop_map(|t| vec![Change::AppendUpdate {
            date: NaiveDate::from_ymd_opt(2024, 2, 28).unwrap(),
            text: t
        }]),
        (text(), prop::sample::select(vec!["ongoing", "closed"])).prop_map(|(t, s)| vec![
            Change::set("status", s),
            Change::AppendUpdate {
                date: NaiveDate::from_ymd_opt(2024, 2, 28).unwrap(),
                text: t
            },
        ]),
        Just(vec![Change::set("closed", "2024-02-28")]),
        prop::sample::select(vec!["CP1589", "R0062", "CCAG26-01"]).prop_map(|id| vec![Change::AddItem {
            field: "related".into(),
            value: id.into()
        }]),
    ]
}

/// The top-level keys a change may touch.
fn targets(changes: &[Change]) -> Vec<&str> {
    changes
        .iter()
        .map(|c| match c {
            Change::Set { path, .. } => path[0].as_str(),
            Change::Remove { field } => field.as_str(),
            Change::AppendUpdate { .. } => "updates",
            Change::AddItem { field, .. } | Change::RemoveItem { field, .. } | Change::ReplaceItem { field, .. } => {
                field.as_str()
            }
        })
        .collect()
}

/// The top-level key each line belongs to (comment and blank lines belong to no key).
fn owners(text: &str) -> Vec<Option<String>> {
    let mut current: Option<String> = None;
    text.lines()
        .map(|line| {
            let indent = line.len() - line.trim_start().len();
            // Generated comments are `# about …` and `# the person`; other `#` lines are block-scalar text.
            let comment = line.trim_start().starts_with("# about")
                || line.trim_start().starts_with("# the person")
                || line.starts_with("# yaml-language-server");
            let _ = indent;
            if line.trim().is_empty() || comment {
                return None;
            }
            if !line.starts_with(' ') && !line.starts_with('-') {
                current = line.split(':').next().map(str::to_string);
            }
            current.clone()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn an_update_changes_exactly_the_targeted_lines(record in action(), changes in change()) {
        let after = edit::apply(&record.text, Kind::Action, &changes)
            .unwrap_or_else(|e| panic!("refused: {e}\n{}\n{changes:?}", record.text));

        // 1. It re-parses to the original record plus exactly the change.
        let parsed = yaml::parse(&after).unwrap().value;
        prop_assert_eq!(&parsed, &edit::expected(&record.value, &changes));

        // 2. Every comment line survives.
        // (The generator's comments; other `#` lines are text in block scalars.)
        let comments = ["# yaml-language-server", "# about", "# the person", "# checked", "# allocated at the meeting"];
        for marker in comments {
            prop_assert_eq!(record.text.matches(marker).count(), after.matches(marker).count(), "lost `{}`\n{}", marker, after);
        }

        // 3. Only lines of the targeted fields changed; everything else is byte-identical, in order.
        let targets = targets(&changes);
        let before_owners = owners(&record.text);
        let after_owners = owners(&after);
        let diff = similar::TextDiff::from_lines(&record.text, &after);
        for op in diff.ops() {
            for change in diff.iter_changes(op) {
                let owner = match change.tag() {
                    similar::ChangeTag::Equal => continue,
                    similar::ChangeTag::Delete => before_owners[change.old_index().unwrap()].clone(),
                    similar::ChangeTag::Insert => after_owners[change.new_index().unwrap()].clone(),
                };
                let line = change.value().trim_end();
                prop_assert!(
                    owner.as_deref().is_some_and(|o| targets.contains(&o)),
                    "line `{}` ({:?}) changed, but the change targets {:?}\n--- before\n{}\n--- after\n{}",
                    line, change.tag(), targets, record.text, after
                );
            }
        }
    }
}

/// `text` with every indentation doubled (two spaces become four): the same data, laid out
/// another way.
fn wider(text: &str) -> String {
    text.lines()
        .map(|l| {
            let indent = l.len() - l.trim_start_matches(' ').len();
            format!("{}{}\n", " ".repeat(indent * 2), &l[indent..])
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Issue 14: `ccag fmt` never changes the data, keeps every comment, is idempotent, and puts
    /// the fields in contract order, whatever the key order, indentation, quoting and comments.
    #[test]
    fn the_layout_keeps_the_data_and_every_comment_and_is_stable(record in action(), wide in any::<bool>(), crlf in any::<bool>()) {
        let mut text = if wide { wider(&record.text) } else { record.text.clone() };
        prop_assume!(yaml::parse(&text).is_ok_and(|p| p.value == record.value));
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        let laid = edit::layout::format(&text, Kind::Action, 2)
            .unwrap_or_else(|e| panic!("refused: {e}\n{text}"));
        // 1. The same data.
        prop_assert_eq!(&yaml::parse(&laid).unwrap().value, &record.value);
        // 2. Every comment, and the schema line once.
        for marker in ["# about", "# the person", "# checked", "# allocated at the meeting"] {
            prop_assert_eq!(text.matches(marker).count(), laid.matches(marker).count(), "lost `{}`\n{}", marker, laid);
        }
        prop_assert!(laid.starts_with("# yaml-language-server: $schema=../../schemas/action.schema.json"));
        prop_assert_eq!(laid.matches("yaml-language-server").count(), 1);
        // 3. Idempotent, and the line endings kept.
        prop_assert_eq!(&edit::layout::format(&laid, Kind::Action, 2).unwrap(), &laid);
        prop_assert_eq!(laid.contains("\r\n"), crlf);
        // 4. Two-space indent, one final newline, fields in contract order.
        prop_assert!(laid.ends_with('\n') && !laid.ends_with("\n\n") && !laid.ends_with("\r\n\r\n"));
        prop_assert!(laid.lines().all(|l| (l.len() - l.trim_start().len()) % 2 == 0), "{}", laid);
        let keys: Vec<&str> = laid
            .lines()
            .filter(|l| !l.starts_with([' ', '#', '-']) && !l.trim().is_empty())
            .filter_map(|l| l.split(':').next())
            .collect();
        let order = edit::contract_order(Kind::Action);
        let ranks: Vec<usize> = keys.iter().map(|k| order.iter().position(|o| o == k).unwrap()).collect();
        prop_assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{:?}\n{}", keys, laid);
    }
}
