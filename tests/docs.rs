//! `docs/reference.md` is made from the code — the field table (as `ccag fields` prints it),
//! the rules (`validate::RULES`) and the commands (the clap definitions) — and this test proves
//! it agrees. After changing any of them: `CCAG_BLESS=1 cargo test --test docs` writes it anew.

mod support;

use std::path::Path;
use std::time::Duration;

/// The rules whose findings are warnings (the rest are errors).
const WARNINGS: &[&str] = &["unresolved-related", "overdue-action", "stale-decision", "schema-line"];

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

#[test]
fn the_reference_agrees_with_the_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reference.md");
    let expected = reference();
    if std::env::var_os("CCAG_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/reference.md is out of date; run `CCAG_BLESS=1 cargo test --test docs`"
    );
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
