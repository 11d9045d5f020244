//! History from git: a fixture repository built by script with pinned authors and dates —
//! a rename, a record deleted and re-added, a merge of two branches each editing one record —
//! and the `log`, `changes`, `--at` and trend output pinned against it.

mod support;

use std::time::Duration;

use support::{Repo, ccag, git_as as git};

const LIMIT: Duration = Duration::from_secs(60);

fn commit(repo: &Repo, author: &str, date: &str, message: &str) {
    git(repo.path(), author, date, &["add", "-A"]);
    git(repo.path(), author, date, &["commit", "-q", "-m", message]);
}

fn meeting(id: &str, date: &str) -> String {
    format!("id: {id}\ndate: {date}\nitems:\n  - title: Minutes and Actions\n    minutes: 10\n")
}

const ACTION: &str = "# raised at CCAG1\nid: CCAG1-01\ntitle: BSC to circulate the update\nraised: 2024-01-10\nowner:\n  org: BSC\n  person: Chris Day\ndue: 2024-02-14\nstatus: open\n";

fn risk(id: &str, rag: &str) -> String {
    format!("id: {id}\ntitle: There is a risk that drafting is late\nimpact: Delay\nrag: {rag}\nstatus: open\n")
}

const P466: &str = "id: P466\nbody: BSC\ntitle: BSC Section N Modernisation\nsummary: Modernise Section N.\nraised: 2024-01-05\nstatus: raised\nimpact: none\n";

/// The fixture's history, oldest first.
fn history() -> Repo {
    let repo = Repo::new();
    git(repo.path(), "Alice", "2024-01-10", &["init", "-q"]);
    repo.write("records/meetings/CCAG1.yaml", meeting("CCAG1", "2024-01-10"));
    repo.write("records/meetings/CCAG2.yaml", meeting("CCAG2", "2024-02-14"));
    repo.write("records/meetings/CCAG3.yaml", meeting("CCAG3", "2024-03-13"));
    repo.write("records/actions/CCAG1-01.yaml", ACTION);
    repo.write("records/risks/R1.yaml", risk("R1", "high"));
    repo.write("records/risks/R2.yaml", risk("R2", "medium"));
    repo.write("records/changes/P466.yaml", P466);
    commit(&repo, "Alice", "2024-01-10", "Records after CCAG1");

    repo.write(
        "records/actions/CCAG1-01.yaml",
        ACTION.replace("Chris Day", "Lawrence Jones") + "updates:\n  - date: 2024-01-20\n    text: Drafted\n",
    );
    commit(&repo, "Bob", "2024-01-20", "Hand CCAG1-01 to Lawrence");

    std::fs::create_dir_all(repo.path().join("records/changes/BSC")).unwrap();
    git(
        repo.path(),
        "Alice",
        "2024-01-25",
        &["mv", "records/changes/P466.yaml", "records/changes/BSC/P466.yaml"],
    );
    repo.write(
        "records/changes/BSC/P466.yaml",
        P466.replace("status: raised", "status: definition"),
    );
    commit(&repo, "Alice", "2024-01-25", "File P466 under BSC");

    std::fs::remove_file(repo.path().join("records/risks/R2.yaml")).unwrap();
    commit(&repo, "Alice", "2024-02-01", "Retire R2");
    repo.write("records/risks/R2.yaml", risk("R2", "low"));
    commit(&repo, "Alice", "2024-02-05", "Reinstate R2 as low");

    // Two branches, each editing one record, merged.
    git(repo.path(), "Carol", "2024-02-10", &["checkout", "-q", "-b", "carol"]);
    let action = std::fs::read_to_string(repo.path().join("records/actions/CCAG1-01.yaml")).unwrap();
    repo.write(
        "records/actions/CCAG1-01.yaml",
        action.replace("status: open", "status: ongoing"),
    );
    commit(&repo, "Carol", "2024-02-10", "CCAG1-01 under way");
    git(repo.path(), "Alice", "2024-02-11", &["checkout", "-q", "main"]);
    repo.write("records/risks/R1.yaml", risk("R1", "medium"));
    commit(&repo, "Alice", "2024-02-11", "R1 down to medium");
    git(
        repo.path(),
        "Alice",
        "2024-02-12",
        &["merge", "-q", "--no-ff", "-m", "Merge carol", "carol"],
    );
    repo
}

/// Short commit ids vary with git's object format; everything else is pinned.
fn redact(text: &str) -> String {
    text.lines()
        .map(|l| match l.split_once(' ') {
            Some((head, rest)) if head.len() >= 7 && head.chars().all(|c| c.is_ascii_hexdigit()) => {
                format!("<commit> {rest}")
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn log_shows_each_commit_and_the_fields_it_changed() {
    let repo = history();
    let run = ccag(repo.path(), &["log", "CCAG1-01"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        redact(&run.stdout),
        "<commit> 2024-02-10  Carol  CCAG1-01 under way\n    status: open → ongoing\n\n\
         <commit> 2024-01-20  Bob  Hand CCAG1-01 to Lawrence\n    owner.person: Chris Day → Lawrence Jones\n    updates: + 2024-01-20 \"Drafted\"\n\n\
         <commit> 2024-01-10  Alice  Records after CCAG1\n    added as records/actions/CCAG1-01.yaml\n\n"
    );
}

#[test]
fn log_follows_a_move_into_another_folder() {
    let repo = history();
    let run = ccag(repo.path(), &["log", "P466"], LIMIT);
    assert_eq!(
        redact(&run.stdout),
        "<commit> 2024-01-25  Alice  File P466 under BSC\n    moved from records/changes/P466.yaml to records/changes/BSC/P466.yaml\n    status: raised → definition\n\n\
         <commit> 2024-01-10  Alice  Records after CCAG1\n    added as records/changes/P466.yaml\n\n"
    );
}

#[test]
fn log_says_when_a_record_was_deleted_and_re_added() {
    let repo = history();
    let run = ccag(repo.path(), &["log", "R2"], LIMIT);
    assert_eq!(
        redact(&run.stdout),
        "<commit> 2024-02-05  Alice  Reinstate R2 as low\n    added as records/risks/R2.yaml\n\n\
         <commit> 2024-02-01  Alice  Retire R2\n    deleted from records/risks/R2.yaml\n\n\
         <commit> 2024-01-10  Alice  Records after CCAG1\n    added as records/risks/R2.yaml\n\n"
    );
}

#[test]
fn log_json_has_commit_author_date_subject_and_changes() {
    let repo = history();
    let run = ccag(repo.path(), &["log", "R1", "--format", "json"], LIMIT);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(log[0]["author"], "Alice");
    assert_eq!(log[0]["date"], "2024-02-11T10:00:00Z");
    assert_eq!(log[0]["subject"], "R1 down to medium");
    assert_eq!(
        log[0]["changes"],
        serde_json::json!([{"field": "rag", "old": "high", "new": "medium"}])
    );
    assert_eq!(log[1]["change"], "added");
    assert_eq!(log.as_array().unwrap().len(), 2);
}

#[test]
fn log_shows_uncommitted_changes_and_records_with_no_history() {
    let repo = history();
    repo.write("records/risks/R1.yaml", risk("R1", "low"));
    repo.write("records/risks/R9.yaml", risk("R9", "low"));
    let run = ccag(repo.path(), &["log", "R1"], LIMIT);
    assert!(
        run.stdout
            .starts_with("uncommitted  (changes in the work tree)\n    rag: medium → low\n"),
        "{}",
        run.stdout
    );
    let run = ccag(repo.path(), &["log", "R9"], LIMIT);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .starts_with("`R9` has no commits yet: `records/risks/R9.yaml` is not committed\n"),
        "{}",
        run.stdout
    );
    let run = ccag(repo.path(), &["log", "R404"], LIMIT);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no record has id `R404`"));
}

#[test]
fn a_shallow_clone_says_its_history_is_truncated() {
    let repo = history();
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    git(
        clone.path(),
        "Alice",
        "2024-03-01",
        &["clone", "-q", "--depth", "1", &url, "c"],
    );
    let run = ccag(&clone.path().join("c"), &["log", "CCAG1-01"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("the history above is truncated"), "{}", run.stderr);
    assert!(run.stderr.contains("git fetch --unshallow"), "{}", run.stderr);
    assert!(
        run.stdout.ends_with("… older history is not in this shallow clone\n"),
        "{}",
        run.stdout
    );
}

/// Issue 10, defect 7: a report on a shallow clone whose history stops after the previous
/// meeting says its trend is cut short, and why.
#[test]
fn a_report_on_a_shallow_clone_says_its_trend_is_cut_short() {
    let repo = history();
    repo.write("records/risks/R3.yaml", risk("R3", "low"));
    commit(&repo, "Alice", "2024-02-20", "R3");
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    git(
        clone.path(),
        "Alice",
        "2024-03-01",
        &["clone", "-q", "--depth", "1", &url, "c"],
    );
    let run = ccag(&clone.path().join("c"), &["report", "--format", "json"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(report["trends"].is_null());
    let gap = report["trend_gap"].as_str().unwrap();
    assert!(gap.contains("no commit before 2024-02-14 began"), "{gap}");
    assert!(
        gap.contains("shallow clone") && gap.contains("git fetch --unshallow"),
        "{gap}"
    );
    assert!(!gap.contains('\n'), "{gap}");
    let run = ccag(&clone.path().join("c"), &["report", "--format", "markdown"], LIMIT);
    assert!(
        run.stdout
            .contains("No trend: no commit before 2024-02-14 began; this is a shallow clone"),
        "{}",
        run.stdout
    );
}

#[test]
fn changes_match_records_by_id_across_moves_deletions_and_merges() {
    let repo = history();
    let run = ccag(
        repo.path(),
        &[
            "changes",
            "--since",
            "2024-01-15",
            "--until",
            "2024-02-12",
            "--format",
            "json",
        ],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let changes: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let summary: Vec<String> = changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {}",
                c["id"].as_str().unwrap(),
                c["kind"].as_str().unwrap(),
                c["change"].as_str().unwrap(),
                c["fields"]
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            "CCAG1-01 action modified [\"owner.person\",\"status\",\"updates\"]",
            "P466 cr modified [\"path\",\"status\"]",
            "R1 risk modified [\"rag\"]",
            "R2 risk modified [\"rag\"]",
        ]
    );
}

#[test]
fn changes_default_to_the_meeting_before_the_next_one() {
    let repo = history();
    repo.write("records/risks/R3.yaml", risk("R3", "critical"));
    // Today 2024-02-28: the next meeting is CCAG3 (13 Mar), the one before it CCAG2 (14 Feb).
    let run = ccag(repo.path(), &["changes"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("changes from 2024-02-14 ("), "{}", run.stdout);
    assert!(run.stdout.contains("to the work tree: 1 record\n"), "{}", run.stdout);
    assert!(run.stdout.contains("R3"), "{}", run.stdout);
}

/// Issue 10, defect 1: what was decided on the previous meeting's own day (an action closed, a
/// risk raised at the meeting) counts as a change since that meeting, and the trend's
/// "previous" column is the state before the meeting began.
#[test]
fn the_previous_meetings_own_decisions_count_as_changes() {
    let repo = history();
    // CCAG2 met on 2024-02-14: an action closed and a risk raised that day.
    let action = std::fs::read_to_string(repo.path().join("records/actions/CCAG1-01.yaml")).unwrap();
    repo.write(
        "records/actions/CCAG1-01.yaml",
        action.replace("status: ongoing", "status: closed\nclosed: 2024-02-14"),
    );
    repo.write("records/risks/R3.yaml", risk("R3", "critical"));
    commit(&repo, "Alice", "2024-02-14", "Decisions of CCAG2");

    let run = ccag(repo.path(), &["changes", "--format", "json"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let changes: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<(&str, &str)> = changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["change"].as_str().unwrap()))
        .collect();
    assert_eq!(ids, [("CCAG1-01", "modified"), ("R3", "added")], "{}", run.stdout);

    // The same baseline from the meeting's id and from its date.
    for since in ["CCAG2", "ccag2", "2024-02-14"] {
        let run = ccag(repo.path(), &["changes", "--since", since, "--format", "csv"], LIMIT);
        assert_eq!(run.code, 0, "{since}: {}", run.stderr);
        assert!(
            run.stdout.contains("\nCCAG1-01,action,modified,"),
            "{since}: {}",
            run.stdout
        );
        assert!(run.stdout.contains("\nR3,risk,added,"), "{since}: {}", run.stdout);
    }

    let run = ccag(repo.path(), &["risks", "--trend", "--format", "json"], LIMIT);
    let trend: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        trend[0],
        serde_json::json!({"rag": "critical", "previous": 0, "current": 1})
    );
    let run = ccag(repo.path(), &["report", "--format", "json"], LIMIT);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["trends"]["since"], "2024-02-14");
    assert_eq!(
        report["trends"]["risks"][0],
        serde_json::json!({"rag": "critical", "previous": 0, "current": 1})
    );
    assert_eq!(
        report["trends"]["actions"][1],
        serde_json::json!({"status": "ongoing", "previous": 1, "current": 0})
    );
}

/// Issue 10, defect 7: a repository with no commits gets a sentence, not git's own error.
#[test]
fn a_repository_without_commits_says_so() {
    let repo = Repo::new();
    git(repo.path(), "Alice", "2024-01-10", &["init", "-q"]);
    repo.write("records/meetings/CCAG1.yaml", meeting("CCAG1", "2024-01-10"));
    repo.write("records/meetings/CCAG3.yaml", meeting("CCAG3", "2024-03-13"));
    repo.write("records/risks/R1.yaml", risk("R1", "low"));
    for args in [
        &["changes"][..],
        &["risks", "--trend"],
        &["changes", "--since", "HEAD~1"],
        &["--at", "HEAD", "risks"],
    ] {
        let run = ccag(repo.path(), args, LIMIT);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("has no commits yet"), "{args:?}: {}", run.stderr);
        assert!(
            !run.stderr.contains("rev-list") && !run.stderr.contains("fatal"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = ccag(repo.path(), &["report", "--format", "json"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        report["trend_gap"].as_str().unwrap().contains("has no commits yet"),
        "{}",
        run.stdout
    );
}

#[test]
fn at_shows_the_records_as_they_stood() {
    let repo = history();
    let run = ccag(
        repo.path(),
        &["--at", "2024-01-22", "actions", "--format", "json"],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let actions: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(actions[0]["owner"]["person"], "Lawrence Jones");
    assert_eq!(actions[0]["status"], "open");
    let run = ccag(repo.path(), &["--at", "2024-02-03", "risks", "--format", "csv"], LIMIT);
    assert_eq!(
        run.stdout
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap())
            .collect::<Vec<_>>(),
        ["R1"]
    );
    let run = ccag(repo.path(), &["--at", "2024-01-20", "show", "P466"], LIMIT);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("status") && l.ends_with(" raised")),
        "{}",
        run.stdout
    );
    let run = ccag(repo.path(), &["--at", "2023-12-01", "actions"], LIMIT);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no commit on or before 2023-12-01"),
        "{}",
        run.stderr
    );
    let run = ccag(repo.path(), &["--at", "HEAD", "close", "CCAG1-01"], LIMIT);
    assert_eq!(run.code, 2);
}

#[test]
fn trends_count_then_and_now() {
    let repo = history();
    let run = ccag(
        repo.path(),
        &["risks", "--trend", "--since", "2024-01-15", "--format", "json"],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let trend: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        trend,
        serde_json::json!([
            {"rag": "critical", "previous": 0, "current": 0},
            {"rag": "high", "previous": 1, "current": 0},
            {"rag": "medium", "previous": 1, "current": 1},
            {"rag": "low", "previous": 0, "current": 1},
        ])
    );
    let run = ccag(repo.path(), &["actions", "--trend", "--format", "json"], LIMIT);
    let trend: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        trend[0],
        serde_json::json!({"status": "open", "previous": 0, "current": 0})
    );
    assert_eq!(
        trend[1],
        serde_json::json!({"status": "ongoing", "previous": 1, "current": 1})
    );
    let run = ccag(repo.path(), &["report", "--format", "json"], LIMIT);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["trends"]["since"], "2024-02-14");
    assert_eq!(
        report["trends"]["risks"][1],
        serde_json::json!({"rag": "high", "previous": 0, "current": 0})
    );
}

#[test]
fn history_commands_outside_git_say_so() {
    let repo = Repo::new();
    repo.write("records/risks/R1.yaml", risk("R1", "low"));
    let run = ccag(repo.path(), &["log", "R1"], LIMIT);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not in a git repository"), "{}", run.stderr);
}

/// Issue 10, defect 2: `--at` on `log` is honoured (the history up to that revision), never
/// silently ignored; `changes` refuses it (it has `--until`).
#[test]
fn log_at_a_revision_stops_there() {
    let repo = history();
    let all = ccag(repo.path(), &["log", "CCAG1-01"], LIMIT);
    assert!(all.stdout.contains("CCAG1-01 under way"), "{}", all.stdout);
    for args in [
        &["--at", "2024-01-22", "log", "CCAG1-01"][..],
        &["log", "CCAG1-01", "--at", "2024-01-22"],
    ] {
        let run = ccag(repo.path(), args, LIMIT);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(
            run.stdout.contains("Hand CCAG1-01 to Lawrence"),
            "{args:?}: {}",
            run.stdout
        );
        assert!(!run.stdout.contains("under way"), "{args:?}: {}", run.stdout);
    }
    let run = ccag(repo.path(), &["changes", "--at", "HEAD"], LIMIT);
    assert_eq!(run.code, 2);
}
