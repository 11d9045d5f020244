//! Findings for CI systems: SARIF checked against the official 2.1.0 schema, JUnit parsed as
//! XML, and `--report` writing both while the terminal shows text.

mod support;

use std::time::Duration;

use support::{Repo, ccag};

const LIMIT: Duration = Duration::from_secs(60);

/// A repository with a clean record, an error, a warning and a file outside the kind folders.
fn repo() -> Repo {
    let repo = Repo::new();
    repo.write(
        "records/actions/CCAG1-01.yaml",
        "id: CCAG1-01\ntitle: Circulate the <plan> & \"log\"\nraised: 2024-01-10\nowner:\n  org: BSC\ndue: 2024-03-20\nstatus: opne\n",
    );
    repo.write(
        "records/actions/CCAG1-02.yaml",
        "id: CCAG1-02\ntitle: Share it\nraised: 2024-01-10\nowner:\n  org: BSC\ndue: 2024-02-01\nstatus: open\n",
    );
    repo.write(
        "records/risks/R1.yaml",
        "id: R1\ntitle: There is a risk\nimpact: Delay\nrag: low\nstatus: open\n",
    );
    repo.write("records/notes.yaml", "id: X\n");
    repo
}

#[test]
fn sarif_passes_the_official_schema_with_stable_fingerprints() {
    let repo = repo();
    let run = ccag(repo.path(), &["validate", "--format", "sarif"], LIMIT);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run0 = &log["runs"][0];
    let rules: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = run0["results"].as_array().unwrap();
    assert!(results.len() >= 3, "{results:#?}");
    for r in results {
        let rule = r["ruleId"].as_str().unwrap();
        assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize], rule);
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("records/") && !uri.contains('\\'), "{uri}");
        assert!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                >= 1
        );
    }
    let bad = results.iter().find(|r| r["ruleId"] == "bad-value").unwrap();
    assert_eq!(bad["level"], "error");
    assert_eq!(
        bad["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "records/actions/CCAG1-01.yaml"
    );
    assert_eq!(bad["locations"][0]["physicalLocation"]["region"]["startLine"], 7);
    let overdue = results.iter().find(|r| r["ruleId"] == "overdue-action").unwrap();
    assert_eq!(overdue["level"], "warning");

    // The fingerprint survives the lines above the finding moving.
    let print = bad["partialFingerprints"]["ccagFinding/v1"]
        .as_str()
        .unwrap()
        .to_string();
    let text = std::fs::read_to_string(repo.path().join("records/actions/CCAG1-01.yaml")).unwrap();
    repo.write(
        "records/actions/CCAG1-01.yaml",
        format!("# a comment\n# and another\n{text}"),
    );
    let again: serde_json::Value =
        serde_json::from_str(&ccag(repo.path(), &["validate", "--format", "sarif"], LIMIT).stdout).unwrap();
    let moved = again["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "bad-value")
        .unwrap()
        .clone();
    assert_eq!(moved["locations"][0]["physicalLocation"]["region"]["startLine"], 9);
    assert_eq!(moved["partialFingerprints"]["ccagFinding/v1"], print.as_str());
}

#[test]
fn junit_has_a_suite_per_kind_a_case_per_file_and_a_failure_per_error() {
    let repo = repo();
    let run = ccag(repo.path(), &["validate", "--format", "junit"], LIMIT);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let doc = roxmltree::Document::parse(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout));
    let suites: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("testsuite")).collect();
    let names: Vec<&str> = suites.iter().map(|s| s.attribute("name").unwrap()).collect();
    assert_eq!(names, ["action", "risk", "other files"], "{}", run.stdout);
    let actions = suites[0];
    assert_eq!(actions.attribute("tests"), Some("2"));
    assert_eq!(actions.attribute("failures"), Some("1"));
    let cases: Vec<roxmltree::Node> = actions.children().filter(|n| n.has_tag_name("testcase")).collect();
    assert_eq!(cases[0].attribute("name"), Some("records/actions/CCAG1-01.yaml"));
    let failure = cases[0].children().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(failure.attribute("type"), Some("bad-value"));
    assert!(
        failure
            .text()
            .unwrap()
            .starts_with("records/actions/CCAG1-01.yaml:7:9: "),
        "{:?}",
        failure.text()
    );
    // A warning is not a failure; the clean risk passes.
    assert!(cases[1].children().all(|n| !n.has_tag_name("failure")));
    assert_eq!(suites[1].attribute("failures"), Some("0"));
}

#[test]
fn report_files_are_written_while_the_terminal_shows_text() {
    let repo = repo();
    let args = [
        "validate",
        "--report",
        "sarif=out/ccag.sarif",
        "--report",
        "JUNIT=ccag.xml",
    ];
    let run = ccag(repo.path(), &args, LIMIT);
    assert_eq!(run.code, 2, "the folder `out` does not exist: {}", run.stderr);
    std::fs::create_dir_all(repo.path().join("out")).unwrap();
    let run = ccag(repo.path(), &args, LIMIT);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("error[bad-value]"),
        "text on the terminal: {}",
        run.stdout
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.path().join("out/ccag.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    roxmltree::Document::parse(&std::fs::read_to_string(repo.path().join("ccag.xml")).unwrap()).unwrap();
    let run = ccag(repo.path(), &["validate", "--report", "xml"], LIMIT);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not FORMAT=FILE"), "{}", run.stderr);
}
