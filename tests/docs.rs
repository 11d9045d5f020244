//! `docs/reference.md` is made from the code — the field table (as `ccag fields` prints it),
//! the rules (`validate::RULES`) and the commands (the clap definitions) — and this test proves
//! it agrees. After changing any of them: `CCAG_BLESS=1 cargo test --test docs` writes it anew.

mod support;

use std::path::Path;
use std::time::Duration;

/// The rules whose findings are warnings (the rest are errors).
const WARNINGS: &[&str] = &[
    "unresolved-related",
    "overdue-action",
    "stale-decision",
    "schema-line",
    "not-a-record",
    "self-related",
    "agenda-past-midnight",
];

fn reference() -> String {
    let mut doc = String::from(
        "# ccag reference\n\n\
         Made from the code by `tests/docs.rs` (`CCAG_BLESS=1 cargo test --test docs` refreshes it; the\n\
         test fails when it is out of date). The README explains; this page lists.\n\n\
         ## Record fields\n\n\
         One table for every kind: each field's YAML path, type, whether it is required, the flag that\n\
         sets it on `add` and `update`, and how `add` fills it when it is not given. The schemas in\n\
         `schemas/` are the same contract for other tools (a test proves they agree).\n\n",
    );
    let fields = support::ccag(
        Path::new("/"),
        &["fields", "--format", "markdown"],
        Duration::from_secs(30),
    );
    assert_eq!(fields.code, 0, "{}", fields.stderr);
    doc.push_str(&fields.stdout);
    doc.push_str("\n## Rules\n\n`ccag validate` reports a finding under one of these rules. Errors exit 1; warnings only with `--strict`.\n\n| rule | severity | what it catches |\n|---|---|---|\n");
    for (rule, about) in ccag::validate::RULES {
        let severity = if WARNINGS.contains(rule) { "warning" } else { "error" };
        doc.push_str(&format!("| `{rule}` | {severity} | {about} |\n"));
    }
    doc.push_str("\n## Commands\n\n| command | what it does |\n|---|---|\n");
    let mut cmd = ccag::commands::args::command();
    cmd.build();
    // In the order `ccag --help` lists them.
    let mut subs: Vec<&clap::Command> = cmd.get_subcommands().collect();
    subs.sort_by_key(|s| s.get_display_order());
    for sub in subs {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        let usage = sub.clone().render_usage().to_string();
        let usage = usage.trim_start_matches("Usage: ").replace('|', "\\|");
        doc.push_str(&format!("| `{usage}` | {} |\n", about.replace('|', "\\|")));
    }
    doc.push_str(
        "\nEvery command takes `-C/--dir DIR`, `--today DATE` (or `CCAG_TODAY`) and `--color auto|always|never`;\n\
         `ccag COMMAND --help` gives its options and examples.\n\n\
         ## Exit status\n\n\
         | status | meaning |\n|---|---|\n\
         | 0 | success: no errors (warnings allowed, unless `--strict`); an empty listing is a success |\n\
         | 1 | the records have errors, a record file was skipped because of them, or a named id does not exist |\n\
         | 2 | a usage or I/O error, or a refused change: nothing was written |\n",
    );
    doc
}

/// `docs/spreadsheets.md`: each sheet's columns and the fields they read and write.
fn spreadsheets() -> String {
    use ccag::sheets::{Sheet, Source};
    let mut doc = String::from(
        "# Spreadsheets: the column mapping\n\n\
         Made from `src/sheets/mod.rs` by `tests/docs.rs` (`CCAG_BLESS=1 cargo test --test docs`\n\
         refreshes it). `ccag export` writes these sheets in this order and these columns; `ccag\n\
         import` reads a column by its heading, by any of the other names listed, by the field's name\n\
         (`due_date`, `Due Date`, `DUE-DATE` are all one) or by the listing's heading, in any case.\n\
         Columns it does not know are named, never silently dropped.\n\n\
         How cells read:\n\n\
         - **date**: a date cell (either of Excel's epochs), or text as logs write it: `2024-02-28`,\n\
           `28/02/2024`, `28/02/22`, `7 November 2023`, `7 Nov 2023`. `TBC`, `TBD`, `n/a`, `-` and a\n\
           blank cell mean no date. Anything else (`22/11//23`) is a finding at its cell, and nothing\n\
           is imported.\n\
         - **choice**: the value in any case, with spaces for hyphens (`RECOMMEND CLOSED`,\n\
           `Decision pending`), or as the pack writes it: `Approved for implementation` (approved),\n\
           `For awareness only` (awareness), `Direct impact` (direct), `No impact` (none),\n\
           `CR required` (cr-needed), `Recommended closed` (recommend-closed), `Completed` (complete),\n\
           `In progress` (ongoing).\n\
         - **choice: note**: the value, then a note after `:` (`CR needed: Design impacted`).\n\
         - **owner**: `Org (Person)` or `Org`.\n\
         - **latest update**: `2024-02-21: text` (or `21/02/2024: text`); undated text is dated\n\
           today. A text the record's `updates` already hold changes nothing; a new one is appended.\n\
         - **numbered**: one entry a line, `1) …` (or `1.`, `-`, `•`); a line without a number\n\
           continues the entry above.\n\n\
         A blank cell removes an optional field from an existing record, and never removes updates or\n\
         list entries. In CSV, text that starts `=`, `+`, `-`, `@`, a tab or a carriage return is\n\
         written with a leading `'` (spreadsheets then show it as text) and read back without it; in\n\
         xlsx such text is a text cell, never a formula.\n",
    );
    let sheets = [
        Sheet::Kind(ccag::model::Kind::Action),
        Sheet::Kind(ccag::model::Kind::Cr),
        Sheet::Kind(ccag::model::Kind::Risk),
        Sheet::Kind(ccag::model::Kind::Milestone),
        Sheet::Kind(ccag::model::Kind::Meeting),
        Sheet::AgendaItems,
    ];
    for sheet in sheets {
        doc.push_str(&format!("\n## {}\n\n", sheet.name()));
        if matches!(sheet, Sheet::Kind(ccag::model::Kind::Meeting) | Sheet::AgendaItems) {
            doc.push_str("Written by `export`; `import` names this sheet as not imported (meetings are edited with\n`ccag add meeting` and `ccag update`).\n\n");
        }
        doc.push_str("| column | field | cells | also read as |\n|---|---|---|---|\n");
        for c in sheet.columns() {
            let (field, cells) = match c.source {
                Source::Text(p) => (format!("`{p}`"), "text".to_string()),
                Source::Date { path, tbc } => (
                    format!("`{path}`"),
                    if tbc {
                        "date; `TBC` when absent".into()
                    } else {
                        "date".into()
                    },
                ),
                Source::Choice(p) => (format!("`{p}`"), "choice".into()),
                Source::ChoiceNote { path, note } => (format!("`{path}`, `{note}`"), "choice: note".into()),
                Source::Owner(p) => (format!("`{p}.org`, `{p}.person`"), "owner".into()),
                Source::Latest => ("`updates`".into(), "latest update".into()),
                Source::Numbered(p) => (format!("`{p}`"), "numbered".into()),
                Source::Slip => ("forecast − baseline".into(), "number of days; not read back".into()),
                Source::Ordinal => ("the item's place".into(), "number; not read back".into()),
            };
            let aliases: Vec<String> = c.aliases.iter().map(|a| format!("`{a}`")).collect();
            doc.push_str(&format!(
                "| {} | {field} | {cells} | {} |\n",
                c.heading,
                aliases.join(", ")
            ));
        }
    }
    doc
}

/// `rel` holds `expected`; with `CCAG_BLESS` set, it is written so first.
fn agrees(rel: &str, expected: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    if std::env::var_os("CCAG_BLESS").is_some() {
        std::fs::write(&path, expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{rel} is out of date; run `CCAG_BLESS=1 cargo test --test docs`"
    );
}

#[test]
fn the_spreadsheet_mapping_agrees_with_the_code() {
    agrees("docs/spreadsheets.md", &spreadsheets());
}

#[test]
fn the_reference_agrees_with_the_code() {
    agrees("docs/reference.md", &reference());
}

/// Every rule in `validate::RULES` is in the README's rules table, and the README names no rule
/// ccag does not have.
#[test]
fn the_readme_lists_every_rule() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table: String = readme
        .lines()
        .skip_while(|l| !l.starts_with("| rule | severity |"))
        .take_while(|l| l.starts_with('|'))
        .collect::<Vec<_>>()
        .join("\n");
    for (rule, _) in ccag::validate::RULES {
        assert!(
            table.contains(&format!("`{rule}`")),
            "the README's rules table lacks `{rule}`"
        );
    }
    // The first column of each row names rules: each one must be ccag's.
    for row in table.lines().skip(2) {
        let first = row.split('|').nth(1).unwrap_or_default();
        for word in first.split('`').skip(1).step_by(2) {
            assert!(
                ccag::validate::RULES.iter().any(|(r, _)| *r == word),
                "the README names a rule ccag does not have: `{word}`"
            );
        }
    }
}

/// Findings in the fixtures only ever carry a rule from `validate::RULES`.
#[test]
fn every_rule_a_fixture_reports_is_listed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seen = std::collections::BTreeSet::new();
    for dir in walkdir::WalkDir::new(root.join("tests/cmd"))
        .max_depth(3)
        .into_iter()
        .filter_map(Result::ok)
    {
        if dir.file_type().is_dir() && dir.path().join("records").is_dir() {
            let run = support::ccag(dir.path(), &["validate", "--format", "json"], Duration::from_secs(60));
            let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_default();
            for f in report["findings"].as_array().into_iter().flatten() {
                seen.insert(f["rule"].as_str().unwrap_or_default().to_string());
            }
        }
    }
    assert!(seen.len() >= 15, "{seen:?}");
    for rule in &seen {
        assert!(
            ccag::validate::RULES.iter().any(|(r, _)| r == rule),
            "`{rule}` is not in validate::RULES"
        );
    }
}

/// The README's examples that run on this repository's `records/` are run: every console
/// block marked `<!-- checked: tests/docs.rs -->` on the line before it. Each `$ ccag …` (or
/// `$ cargo run --release -q -- …`) line runs as written (with `CCAG_TODAY=2024-02-28`) and the
/// lines after it, up to the next command, must be what it prints; a `…` line stands for any
/// number of lines left out. A command shown without output must succeed.
#[test]
fn the_readme_examples_print_what_the_readme_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let mut checked = 0;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "<!-- checked: tests/docs.rs -->" {
            i += 1;
            continue;
        }
        assert!(
            lines.get(i + 1) == Some(&"```console"),
            "README.md:{}: the marker must precede a console block",
            i + 1
        );
        let body: Vec<&str> = lines[i + 2..]
            .iter()
            .take_while(|l| !l.starts_with("```"))
            .copied()
            .collect();
        let mut at = 0;
        while at < body.len() {
            let line_no = i + 3 + at;
            let command = body[at]
                .strip_prefix("$ ")
                .unwrap_or_else(|| panic!("README.md:{line_no}: expected a `$ ` command"));
            let output: Vec<&str> = body[at + 1..]
                .iter()
                .take_while(|l| !l.starts_with("$ "))
                .copied()
                .collect();
            at += 1 + output.len();
            let words = shell_words(command);
            let args: Vec<&str> = match words.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
                ["ccag", rest @ ..] => rest.to_vec(),
                ["cargo", "run", "--release", "-q", "--", rest @ ..] => rest.to_vec(),
                _ => panic!("README.md:{line_no}: `{command}` is not a ccag command"),
            };
            let run = support::ccag(root, &args, Duration::from_secs(60));
            let shown: Vec<&str> = output
                .iter()
                .rev()
                .skip_while(|l| l.is_empty())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .copied()
                .collect();
            let printed = format!("{}{}", run.stderr, run.stdout);
            if shown.is_empty() {
                assert_eq!(run.code, 0, "README.md:{line_no}: `{command}` failed:\n{printed}");
            } else {
                assert!(
                    matches_with_gaps(&shown, &printed.lines().collect::<Vec<_>>()),
                    "README.md:{line_no}: `{command}` prints something else now.\nREADME:\n{}\nccag:\n{printed}",
                    shown.join("\n")
                );
            }
            checked += 1;
        }
        i += 1;
    }
    assert!(checked >= 8, "only {checked} README commands are checked");
}

/// Split a command line as a POSIX shell would for the plain cases the README uses: words,
/// single and double quotes, and a trailing `# comment`.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                let w = word.get_or_insert_with(String::new);
                for q in chars.by_ref() {
                    if q == c {
                        break;
                    }
                    w.push(q);
                }
            }
            '#' if word.is_none() => break,
            c if c.is_whitespace() => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

/// `expected` is `actual` where each `…` line in `expected` may stand for any lines of `actual`.
fn matches_with_gaps(expected: &[&str], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((&"…", rest)) => (0..=actual.len()).any(|skip| matches_with_gaps(rest, &actual[skip..])),
        Some((line, rest)) => actual.first() == Some(line) && matches_with_gaps(rest, &actual[1..]),
    }
}

#[test]
fn the_readme_check_matches_gaps_and_quotes() {
    assert!(matches_with_gaps(&["a", "…", "d"], &["a", "b", "c", "d"]));
    assert!(matches_with_gaps(&["a", "…"], &["a"]));
    assert!(!matches_with_gaps(&["a", "…", "d"], &["a", "b", "c"]));
    assert!(!matches_with_gaps(&["a", "b"], &["a", "b", "c"]));
    assert_eq!(
        shell_words(r#"ccag crs --grep "market participant" --sort x  # note"#),
        ["ccag", "crs", "--grep", "market participant", "--sort", "x"]
    );
}

/// The release set-up hangs together: the workflows are YAML, the wheel workflow's ccag
/// commands parse, and the wheel (pyproject.toml), the release archives (dist-workspace.toml)
/// and Cargo.toml's `dist` profile agree on how the binary is built.
#[test]
fn the_release_configuration_agrees() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    for file in [
        ".github/workflows/release.yml",
        ".github/workflows/wheels.yml",
        ".pre-commit-hooks.yaml",
    ] {
        ccag::store::yaml::parse_value(&read(file)).unwrap_or_else(|e| panic!("{file}: {e:?}"));
    }
    let wheels = read(".github/workflows/wheels.yml");
    let mut commands = 0;
    for line in wheels.lines() {
        if let Some(at) = line.find("\"$bin/ccag\" ") {
            let args: Vec<&str> = std::iter::once("ccag")
                .chain(line[at + 12..].split_whitespace())
                .collect();
            if let Err(e) = ccag::commands::args::command().try_get_matches_from(&args) {
                assert!(
                    e.kind() == clap::error::ErrorKind::DisplayVersion,
                    "wheels.yml: `{}`: {e}",
                    args.join(" ")
                );
            }
            commands += 1;
        }
    }
    assert!(commands >= 2, "the wheel workflow runs {commands} ccag commands");

    let cargo: toml::Table = read("Cargo.toml").parse().unwrap();
    let dist_profile = &cargo["profile"]["dist"];
    assert_eq!(
        dist_profile["strip"].as_bool(),
        Some(true),
        "the dist profile strips the binary"
    );
    let pyproject: toml::Table = read("pyproject.toml").parse().unwrap();
    assert_eq!(pyproject["tool"]["maturin"]["profile"].as_str(), Some("dist"));
    assert_eq!(pyproject["tool"]["maturin"]["bindings"].as_str(), Some("bin"));
    let dist: toml::Table = read("dist-workspace.toml").parse().unwrap();
    let targets: Vec<&str> = dist["dist"]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    for system in ["linux", "apple-darwin", "windows"] {
        assert!(
            targets.iter().any(|t| t.contains(system)),
            "no release archive for {system}"
        );
    }
    // The release workflow is generated from dist-workspace.toml by the version it names.
    let version = dist["dist"]["cargo-dist-version"].as_str().unwrap();
    assert!(
        read(".github/workflows/release.yml").contains(&format!("cargo-dist/releases/download/v{version}/")),
        "release.yml was not generated by dist {version}: run `dist generate`"
    );
}

/// Every relative link in the repository's markdown names a file of the repository: nothing
/// points outside it (people clone it alone), and no link is broken.
#[test]
fn no_link_points_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let link = regex::Regex::new(r"\]\(([^)\s]+)\)").unwrap();
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| !matches!(e.file_name().to_str(), Some("target" | ".git")))
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
    {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let shown = entry.path().strip_prefix(root).unwrap().display().to_string();
        assert!(
            !text.contains("../shared/"),
            "{shown} names ../shared/, which is not in the repository"
        );
        for cap in link.captures_iter(&text) {
            let target = &cap[1];
            if target.starts_with('#') || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let file = target.split('#').next().unwrap();
            let resolved = entry.path().parent().unwrap().join(file);
            let inside = resolved
                .canonicalize()
                .is_ok_and(|p| p.starts_with(root.canonicalize().unwrap()));
            assert!(
                inside,
                "{shown}: the link `{target}` does not name a file of the repository"
            );
            seen += 1;
        }
    }
    // The README links the other docs, so the check has links to follow.
    assert!(seen >= 4, "only {seen} relative links were checked");
}
