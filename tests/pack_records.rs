//! The repository's own `records/` hold the 28 Feb 2024 CCAG pack and validate clean.

mod support;

use std::path::Path;
use std::time::Duration;

use support::ccag;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_pack_validates_clean_on_meeting_day() {
    let run = ccag(root(), &["validate", "--today", "2024-02-28"], Duration::from_secs(60));
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // On 28 Feb 2024 only CCAG25-01 (due 23 Jan, still open) is overdue.
    assert_eq!(
        run.stdout,
        "records/actions/CCAG25-01.yaml:10:6: warning[overdue-action]: action `CCAG25-01` is open and was due 2024-01-23 (36 days ago)\n\
         checked 51 record files: 0 errors, 1 warning\n"
    );
}

#[test]
fn the_pack_holds_every_table_of_the_seed() {
    let run = ccag(root(), &["validate", "--format", "json"], Duration::from_secs(60));
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["errors"], 0);
    let count = |folder: &str| {
        walkdir::WalkDir::new(root().join("records").join(folder))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
            .count()
    };
    assert_eq!(count("actions"), 6, "the outstanding-actions table");
    assert_eq!(
        count("meetings"),
        5,
        "CCAG25–27 and the forward plan (27 March, 24 April)"
    );
    assert_eq!(count("risks"), 4, "the four CCAG risks");
    assert_eq!(count("milestones"), 12, "the twelve code-drafting milestones");
    assert_eq!(count("changes"), 24, "horizon-scanning entries and programme CRs");
    for id in [
        "changes/DCUSA/DCP433",
        "changes/REC/R0062",
        "changes/BSC/CP1589",
        "changes/BSC/P466",
        "changes/SEC/MP256",
        "changes/MHHS/CR041",
    ] {
        assert!(root().join("records").join(format!("{id}.yaml")).is_file(), "{id}");
    }
}

#[test]
fn every_record_names_its_schema_for_editors() {
    for entry in walkdir::WalkDir::new(root().join("records"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let first = text.lines().next().unwrap_or_default();
        let schema = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{}: first line is `{first}`", path.display()));
        let target = path.parent().unwrap().join(schema);
        assert!(target.is_file(), "{}: `{schema}` does not resolve", path.display());
    }
}
