//! Issue 14: ccag must be right under faults and hostile input. Each test here failed before
//! its fix: an edit of a file with mixed line endings panicked, and text from records reached
//! the terminal as control sequences or forged extra finding lines.

mod support;

use std::time::Duration;

use support::{ccag, pack_copy};

const LIMIT: Duration = Duration::from_secs(30);

/// Control characters a terminal would act on (C0 but newline, DEL, C1, bidi controls).
fn acts_on_a_terminal(c: char) -> bool {
    matches!(c, '\0'..='\x09' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn an_edit_of_a_file_with_mixed_or_cr_only_line_endings_is_refused_and_the_file_kept() {
    let repo = pack_copy();
    let path = repo.path().join("records/actions/CCAG26-02.yaml");
    let lf = std::fs::read_to_string(&path).unwrap();
    let crlf = lf.replace('\n', "\r\n");
    // One LF line among CRLF ones (an editor on another machine added it), then CR only.
    let mixed = crlf.replacen("\r\n", "\n", 2).replacen("\n", "\r\n", 1);
    let cr_only = lf.replace('\n', "\r");
    for (name, text, says) in [
        ("mixed", &mixed, "mixes line endings"),
        ("CR only", &cr_only, "lone carriage return"),
    ] {
        std::fs::write(&path, text).unwrap();
        let run = ccag(
            repo.path(),
            &["update", "CCAG26-02", "--status", "closed", "--note", "Done"],
            LIMIT,
        );
        assert!(
            run.code == 1 || run.code == 2,
            "{name}: exit {}\n{}",
            run.code,
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{name}: {}", run.stderr);
        assert_eq!(
            &std::fs::read_to_string(&path).unwrap(),
            text,
            "{name}: the file changed"
        );
    }
    // A file that is CRLF throughout is edited, and stays CRLF throughout.
    std::fs::write(&path, &crlf).unwrap();
    let run = ccag(
        repo.path(),
        &["update", "CCAG26-02", "--status", "closed", "--note", "Done"],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.contains("status: closed\r\n"), "{after}");
    assert_eq!(after.matches('\n').count(), after.matches("\r\n").count(), "{after:?}");
}

/// `rel` in `repo` with its top-level field starting `prefix` (its line and any more-indented
/// lines of its value) replaced by `line`.
fn replace_line(repo: &support::Repo, rel: &str, prefix: &str, line: &str) {
    let text = std::fs::read_to_string(repo.path().join(rel)).unwrap();
    let mut out: Vec<&str> = Vec::new();
    let mut in_value = false;
    for l in text.lines() {
        if l.starts_with(prefix) {
            out.push(line);
            in_value = true;
        } else if !(in_value && l.starts_with(' ')) {
            out.push(l);
            in_value = false;
        }
    }
    repo.write(rel, out.join("\n") + "\n");
}

/// A copy of the pack where one title carries terminal escapes and one status a forged line.
fn hostile() -> support::Repo {
    let repo = pack_copy();
    replace_line(
        &repo,
        "records/actions/CCAG26-01.yaml",
        "title:",
        "title: \"Evil \\e]8;;http://x\\e\\\\link\\e]8;;\\e\\\\ \\e[31mred\\e[0m back\\bspace \\u202egnp.exe\"",
    );
    replace_line(
        &repo,
        "records/actions/CCAG26-02.yaml",
        "status:",
        "status: \"bad\\nrecords/actions/X.yaml:1:1: error[forged]: forged\"",
    );
    repo
}

#[test]
fn text_from_records_never_reaches_the_terminal_as_control_sequences() {
    let repo = hostile();
    for args in [
        &["actions"][..],
        &["actions", "--format", "markdown"],
        &["show", "CCAG26-01"],
        &["agenda", "CCAG27"],
        &["report", "--meeting", "CCAG27"],
        &["crs", "--cards"],
        &["validate"],
    ] {
        let run = ccag(repo.path(), args, LIMIT);
        let printed = format!("{}{}", run.stdout, run.stderr);
        assert!(
            !printed.chars().any(acts_on_a_terminal),
            "ccag {args:?} sent a control character:\n{printed:?}"
        );
    }
    let run = ccag(repo.path(), &["show", "CCAG26-01"], LIMIT);
    assert!(
        run.stdout.contains("Evil \\u{1b}]8;;http://x\\u{1b}\\link"),
        "the escape is shown, not dropped: {}",
        run.stdout
    );
    assert!(run.stdout.contains("\\u{202e}gnp.exe"), "{}", run.stdout);
    // JSON and CSV into a file or pipe keep the data as it is (JSON escapes it its own way).
    let run = ccag(repo.path(), &["actions", "--format", "csv"], LIMIT);
    assert!(run.stdout.contains("Evil \u{1b}]8;;http://x"), "{}", run.stdout);
    let run = ccag(repo.path(), &["show", "CCAG26-01", "--format", "json"], LIMIT);
    assert!(run.stdout.contains("Evil \\u001b]8;;http://x"), "{}", run.stdout);
}

#[test]
fn a_newline_in_a_bad_value_cannot_forge_a_finding_line() {
    let repo = hostile();
    let run = ccag(repo.path(), &["validate"], LIMIT);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let forged: Vec<&str> = run
        .stdout
        .lines()
        .chain(run.stderr.lines())
        .filter(|l| l.starts_with("records/actions/X.yaml"))
        .collect();
    assert!(forged.is_empty(), "a forged line: {forged:?}");
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("CCAG26-02.yaml") && l.contains("bad-value"))
        .expect("the finding");
    assert!(
        line.contains("`bad\\nrecords/actions/X.yaml:1:1: error[forged]: forged`"),
        "{line}"
    );
    // The listing's note about the skipped file is one line per finding too.
    let run = ccag(repo.path(), &["actions"], LIMIT);
    assert_eq!(run.code, 1);
    assert!(
        !run.stderr.lines().any(|l| l.starts_with("records/actions/X.yaml")),
        "{}",
        run.stderr
    );
}

#[test]
fn log_follows_a_record_by_id_through_a_move_that_rewrote_it() {
    use support::git_as;
    let repo = pack_copy();
    let old = repo.path().join("records/risks/R485.yaml");
    let text = std::fs::read_to_string(&old).unwrap();
    repo.write(
        "records/risks/R485.yaml",
        text.replace("status: open", "status: closed"),
    );
    git_as(repo.path(), "Sec", "2024-03-01", &["commit", "-qam", "close R485"]);
    // Moved to an archive folder and rewritten in the same commit: too different for git's
    // rename detection, the same record by its file name.
    std::fs::remove_file(&old).unwrap();
    repo.write(
        "records/risks/archive/R485.yaml",
        "id: R485\ntitle: Archived risk, rewritten from scratch\nimpact: None now\nrag: green\nstatus: closed\n",
    );
    git_as(repo.path(), "Sec", "2024-03-02", &["add", "-A"]);
    git_as(repo.path(), "Sec", "2024-03-02", &["commit", "-qm", "archive R485"]);
    let run = ccag(repo.path(), &["log", "R485"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for subject in ["archive R485", "close R485", "the pack"] {
        assert!(run.stdout.contains(subject), "no `{subject}` in:\n{}", run.stdout);
    }
    assert!(
        run.stdout.contains("moved from records/risks/R485.yaml"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("deleted"), "{}", run.stdout);
    // A record with a similar text in another file is not this record's history.
    let run = ccag(repo.path(), &["log", "R485", "--format", "json"], LIMIT);
    let versions: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let paths: Vec<&str> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["path"].as_str().unwrap())
        .collect();
    // Commit ids as git abbreviates them.
    let short = versions[0]["commit"].as_str().unwrap();
    assert!((7..40).contains(&short.len()), "{short}");
    assert_eq!(
        paths,
        [
            "records/risks/archive/R485.yaml",
            "records/risks/R485.yaml",
            "records/risks/R485.yaml"
        ]
    );
}

#[test]
fn a_long_history_walked_in_two_halves_is_the_same_history() {
    use support::{ccag_env, git_as};
    let repo = pack_copy();
    let path = "records/risks/R485.yaml";
    let archived = "records/risks/archive/R485.yaml";
    let text = std::fs::read_to_string(repo.path().join(path)).unwrap();
    // Twelve commits on a line: R485 reviewed, moved to an archive folder and back, other
    // records changed between, so the midpoint falls inside R485's history.
    let mut at = path;
    for day in 1..=12 {
        let date = format!("2024-03-{day:02}");
        let here = if day == 5 || day == 9 {
            if at == path { archived } else { path }
        } else {
            at
        };
        if here != at {
            std::fs::remove_file(repo.path().join(at)).unwrap();
            at = here;
        }
        repo.write(at, text.replace("reviewed: 2024-02-21", &format!("reviewed: {date}")));
        if day % 3 == 0 {
            repo.write(
                "records/risks/R999.yaml",
                format!("id: R999\ntitle: Day {day}\nimpact: Low\nrag: low\nstatus: open\n"),
            );
        }
        git_as(repo.path(), "Sec", &date, &["add", "-A"]);
        git_as(repo.path(), "Sec", &date, &["commit", "-qm", &format!("day {day}")]);
    }
    for id in ["R485", "R999", "CCAG25-01"] {
        let args = ["log", id, "--format", "json"];
        let once = ccag_env(repo.path(), &args, &[("CCAG_HISTORY_SPLIT", "1000000")], LIMIT);
        let halves = ccag_env(repo.path(), &args, &[("CCAG_HISTORY_SPLIT", "2")], LIMIT);
        assert_eq!(once.code, 0, "{}", once.stderr);
        assert_eq!(halves.code, 0, "{}", halves.stderr);
        assert_eq!(halves.stdout, once.stdout, "ccag log {id}: two walks differ from one");
        let versions: serde_json::Value = serde_json::from_str(&once.stdout).unwrap();
        let expected = match id {
            "R485" => 13, // the pack and twelve days
            "R999" => 4,
            _ => 1,
        };
        assert_eq!(versions.as_array().unwrap().len(), expected, "{id}: {}", once.stdout);
    }
}

#[test]
fn an_id_reaches_git_as_a_path_never_as_a_pattern() {
    let repo = pack_copy();
    // Each of these would match real risk files as a glob.
    for id in ["R*", "R48?", "R[0-9]*", "R4\\85"] {
        let run = ccag(repo.path(), &["log", id], LIMIT);
        assert_eq!(run.code, 1, "ccag log {id}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.is_empty(), "ccag log {id} showed a history:\n{}", run.stdout);
        assert!(run.stderr.contains("no record has id"), "{}", run.stderr);
    }
    let run = ccag(repo.path(), &["log", "R485"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("added as records/risks/R485.yaml"),
        "{}",
        run.stdout
    );
}

#[test]
fn thousands_of_unresolved_ids_in_one_file_are_each_placed_at_their_line() {
    // The position of every finding was found by reading and parsing its file again, once per
    // finding: 8,000 ids took 21 s. Now each file is read once (the deadline guards a hang).
    let repo = pack_copy();
    let path = "records/actions/CCAG26-02.yaml";
    let text = std::fs::read_to_string(repo.path().join(path)).unwrap();
    assert!(!text.contains("related:"));
    let first_line = text.lines().count() + 2;
    let ids: String = (0..20_000).map(|i| format!("  - CP{i:05}\n")).collect();
    repo.write(path, format!("{text}related:\n{ids}"));
    let run = ccag(repo.path(), &["validate"], Duration::from_secs(120));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let unresolved: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("unresolved-related"))
        .collect();
    assert_eq!(unresolved.len(), 20_000);
    for (i, line) in unresolved.iter().enumerate().step_by(997) {
        assert!(
            line.starts_with(&format!(
                "{path}:{}:5: warning[unresolved-related]: related id `CP{i:05}`",
                first_line + i
            )),
            "{line}"
        );
    }
}

#[test]
fn every_file_under_records_that_is_not_loaded_is_a_finding() {
    let repo = pack_copy();
    let risk = std::fs::read_to_string(repo.path().join("records/risks/R485.yaml")).unwrap();
    for name in ["R901.YAML", "R902.YML", "R903.Yaml", "R904.yaml ", " R905.yml"] {
        repo.write(
            &format!("records/risks/{name}"),
            risk.replace("R485", name.trim().split('.').next().unwrap()),
        );
    }
    repo.write("records/risks/notes.txt", "not a record");
    let fifo = repo.path().join("records/risks/R906.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let run = ccag(repo.path(), &["validate"], LIMIT);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    for name in ["R901.YAML", "R902.YML", "R903.Yaml"] {
        assert!(
            run.stdout
                .contains(&format!("records/risks/{name}:1:1: error[file-name]")),
            "{name}:\n{}",
            run.stdout
        );
    }
    assert!(run.stdout.contains(
        "records/risks/R901.YAML:1:1: error[file-name]: record files end in `.yaml` (lower case), not `.YAML`"
    ));
    assert!(run.stdout.contains("hint: rename it to `R901.yaml`"), "{}", run.stdout);
    assert!(
        run.stdout.contains("`R904.yaml ` has spaces around it"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("` R905.yml` has spaces around it"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("records/risks/notes.txt:1:1: warning[not-a-record]"),
        "{}",
        run.stdout
    );
    if made {
        assert!(
            run.stdout.contains("records/risks/R906.yaml:1:1: error[not-a-file]"),
            "{}",
            run.stdout
        );
    }
    // A listing says so too, instead of silently showing fewer risks.
    let run = ccag(repo.path(), &["risks"], LIMIT);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("R901.YAML"), "{}", run.stderr);
}

#[test]
fn ids_are_portable_and_a_duplicate_is_never_picked_silently() {
    let repo = pack_copy();
    let risk = std::fs::read_to_string(repo.path().join("records/risks/R485.yaml")).unwrap();
    // Two files whose ids differ only in case: one file on macOS and Windows.
    repo.write("records/risks/r485.yaml", risk.replace("id: R485", "id: r485"));
    // A device name on Windows.
    repo.write("records/risks/CON.yaml", risk.replace("id: R485", "id: CON"));
    let run = ccag(repo.path(), &["validate"], LIMIT);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("records/risks/R485.yaml:2:5: error[duplicate-id]: id `R485` is also used by `records/risks/r485.yaml` (as `r485`)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("the same file on macOS and Windows"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("records/risks/CON.yaml:2:5: error[reserved-id]"),
        "{}",
        run.stdout
    );
    // `add` refuses a reserved id.
    let run = ccag(
        repo.path(),
        &[
            "add", "risk", "--id", "aux", "--title", "T", "--impact", "I", "--rag", "low",
        ],
        LIMIT,
    );
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("Windows reserves it as a device name"),
        "{}",
        run.stderr
    );
    assert!(!repo.path().join("records/risks/aux.yaml").exists());

    // The same id in two places (two branches filed one change under two bodies): `show` and
    // `update` name both files and change nothing.
    let cr = std::fs::read_to_string(repo.path().join("records/changes/REC/R0139.yaml")).unwrap();
    repo.write("records/changes/BSC/R0139.yaml", &cr);
    for args in [&["show", "R0139"][..], &["update", "R0139", "--status", "approved"]] {
        let run = ccag(repo.path(), args, LIMIT);
        assert_ne!(run.code, 0, "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.contains(
                "is used by 2 record files: `records/changes/BSC/R0139.yaml` and `records/changes/REC/R0139.yaml`"
            ),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(
        std::fs::read_to_string(repo.path().join("records/changes/REC/R0139.yaml")).unwrap(),
        cr
    );
    assert_eq!(
        std::fs::read_to_string(repo.path().join("records/changes/BSC/R0139.yaml")).unwrap(),
        cr
    );
}

#[test]
fn tags_control_characters_and_conflict_markers_are_findings_at_their_line() {
    let repo = pack_copy();
    let risk = std::fs::read_to_string(repo.path().join("records/risks/R485.yaml")).unwrap();
    // A custom tag was silently dropped: `status: !foo open` read as `open`.
    repo.write(
        "records/risks/R485.yaml",
        risk.replace("status: open", "status: !foo open"),
    );
    // A raw ESC (YAML allows none) and a raw C1 control.
    let r402 = std::fs::read_to_string(repo.path().join("records/risks/R402.yaml")).unwrap();
    let line = r402.lines().position(|l| l.starts_with("title:")).unwrap() + 1;
    repo.write(
        "records/risks/R402.yaml",
        r402.replacen("title: ", "title: \u{1b}[31m", 1),
    );
    // A merge left unresolved.
    let action = std::fs::read_to_string(repo.path().join("records/actions/CCAG26-02.yaml")).unwrap();
    let status_line = action.lines().position(|l| l.starts_with("status:")).unwrap() + 1;
    let conflicted = action.replace(
        "status: ongoing",
        "<<<<<<< HEAD\nstatus: ongoing\n=======\nstatus: closed\n>>>>>>> their-branch",
    );
    repo.write("records/actions/CCAG26-02.yaml", conflicted);
    // A record related to itself.
    let cr = std::fs::read_to_string(repo.path().join("records/changes/REC/R0139.yaml")).unwrap();
    repo.write("records/changes/REC/R0139.yaml", format!("{cr}related:\n  - R0139\n"));

    let run = ccag(repo.path(), &["validate"], LIMIT);
    assert_eq!(run.code, 1);
    let out = &run.stdout;
    let status = risk.lines().position(|l| l.starts_with("status:")).unwrap() + 1;
    assert!(
        out.contains(&format!(
            "records/risks/R485.yaml:{status}:9: error[unknown-tag]: the tag `!foo` means nothing to ccag"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "records/risks/R402.yaml:{line}:8: error[control-character]: raw control character U+001B"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "records/actions/CCAG26-02.yaml:{status_line}:1: error[merge-conflict]: merge conflict marker `<<<<<<<`"
        )),
        "{out}"
    );
    assert!(
        out.contains("warning[self-related]: `R0139` lists itself as related"),
        "{out}"
    );
    assert!(!out.chars().any(|c| c == '\u{1b}'), "the finding itself sent the ESC");
    // The core schema's tags are fine.
    repo.write(
        "records/risks/R485.yaml",
        risk.replace("status: open", "status: !!str open"),
    );
    let run = ccag(repo.path(), &["validate", "records/risks/R485.yaml"], LIMIT);
    assert!(!run.stdout.contains("R485.yaml:"), "{}", run.stdout);
}

#[test]
fn a_body_listed_twice_in_ccag_toml_is_an_error() {
    let repo = pack_copy();
    let toml = std::fs::read_to_string(repo.path().join("ccag.toml")).unwrap_or_default();
    repo.write(
        "ccag.toml",
        format!("{toml}\n[[body]]\nname = \"BSC\"\npattern = 'P\\d+'\n[[body]]\nname = \"BSC\"\npattern = 'CP\\d+'\n"),
    );
    let run = ccag(repo.path(), &["validate"], LIMIT);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("code body `BSC` is listed twice"), "{}", run.stderr);
}

fn update_args() -> [&'static str; 6] {
    ["update", "CCAG26-02", "--status", "closed", "--note", "Done"]
}

#[test]
fn a_read_only_record_is_refused_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let repo = pack_copy();
    let path = repo.path().join("records/actions/CCAG26-02.yaml");
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = ccag(repo.path(), &update_args(), LIMIT);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("is read-only, so ccag does not replace it"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o444);
}

#[test]
fn a_failed_commit_says_that_the_edit_was_kept() {
    use std::os::unix::fs::PermissionsExt;
    let repo = pack_copy();
    let hook = repo.write(".git/hooks/pre-commit", "#!/bin/sh\necho 'hook says no' >&2\nexit 1\n");
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut args = update_args().to_vec();
    args.push("--commit");
    let run = ccag(repo.path(), &args, LIMIT);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("the edit was written"), "{}", run.stderr);
    assert!(
        run.stderr.contains("and is kept, but it was not committed"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hook says no"),
        "git's own words are kept: {}",
        run.stderr
    );
    let text = std::fs::read_to_string(repo.path().join("records/actions/CCAG26-02.yaml")).unwrap();
    assert!(text.contains("status: closed"));
}

#[test]
fn a_writer_waiting_for_the_lock_says_who_holds_it_and_gives_up_in_time() {
    use std::io::Write;
    let repo = pack_copy();
    let path = repo.path().join("records/actions/CCAG26-02.yaml");
    let before = std::fs::read(&path).unwrap();
    std::fs::create_dir_all(repo.path().join(".ccag/tmp")).unwrap();
    let mut held = std::fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .open(repo.path().join(".ccag/lock"))
        .unwrap();
    held.lock().unwrap();
    held.write_all(b"ccag (process 4242: import crs.csv)").unwrap();
    let run = support::ccag_env(repo.path(), &update_args(), &[("CCAG_LOCK_TIMEOUT", "1")], LIMIT);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("waiting for the records lock, held by ccag (process 4242: import crs.csv)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("gave up after 1 s"), "{}", run.stderr);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Once it is free, the writer goes ahead.
    drop(held);
    let run = ccag(repo.path(), &update_args(), LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn stale_temporary_files_are_cleared_and_ccag_never_writes_through_a_symlinked_work_folder() {
    let repo = pack_copy();
    // A killed writer's leftovers (two hours old), and a file another writer is making now.
    let tmp = repo.path().join(".ccag/tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    for n in 0..3 {
        let stale = tmp.join(format!("4242-{n}.yaml"));
        std::fs::write(&stale, "stale").unwrap();
        let touched = std::process::Command::new("touch")
            .args(["-d", "2 hours ago"])
            .arg(&stale)
            .status()
            .unwrap();
        assert!(touched.success());
    }
    std::fs::write(tmp.join("4343-0.yaml"), "in progress").unwrap();
    let run = ccag(repo.path(), &update_args(), LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let left: Vec<String> = std::fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        ["4343-0.yaml"],
        "stale files cleared, the recent one kept, ccag's own removed"
    );

    // `.ccag` as a link to somewhere else: refused, nothing written there.
    let repo = pack_copy();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), repo.path().join(".ccag")).unwrap();
    let run = ccag(repo.path(), &update_args(), LIMIT);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains(".ccag` is a symbolic link"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn an_agenda_that_runs_past_midnight_is_a_warning() {
    let repo = pack_copy();
    let path = "records/meetings/CCAG27.yaml";
    let text = std::fs::read_to_string(repo.path().join(path)).unwrap();
    let late = text.replacen("minutes: 25", "minutes: 900", 1);
    assert_ne!(late, text);
    repo.write(path, late);
    let run = ccag(repo.path(), &["validate"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("warning[agenda-past-midnight]: the agenda runs past midnight: it starts at 10:00"),
        "{}",
        run.stdout
    );
}

/// The loose object file of blob `oid` in the repository at `dir`.
fn loose_object(dir: &std::path::Path, oid: &str) -> std::path::PathBuf {
    dir.join(".git/objects").join(&oid[..2]).join(&oid[2..])
}

#[test]
fn an_object_git_cannot_read_is_an_error_never_a_deleted_or_missing_record() {
    let repo = pack_copy();
    let path = "records/risks/R485.yaml";
    let first = support::git_as(
        repo.path(),
        "Sec",
        "2024-02-28",
        &["rev-parse", &format!("HEAD:{path}")],
    );
    let run = ccag(
        repo.path(),
        &["update", "R485", "--note", "Reviewed", "--commit"],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The first version's blob is lost (a damaged repository, a partial clone without it).
    let object = loose_object(repo.path(), first.trim());
    assert!(object.exists(), "{object:?}");
    std::fs::remove_file(&object).unwrap();
    for args in [
        &["log", "R485"][..],
        &["changes", "--since", "HEAD~1"],
        &["risks", "--at", "HEAD~1"],
    ] {
        let run = ccag(repo.path(), args, LIMIT);
        assert_eq!(run.code, 2, "ccag {args:?} must fail: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains("git cannot read"), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(&first.trim()[..7]),
            "{args:?} names the object: {}",
            run.stderr
        );
        assert!(run.stderr.contains("git fsck"), "{args:?}: {}", run.stderr);
        assert!(
            !run.stdout.contains("deleted") && !run.stdout.contains("added"),
            "{args:?}: {}",
            run.stdout
        );
    }
}

#[test]
fn records_in_history_get_the_loaders_limits() {
    let repo = pack_copy();
    let path = "records/risks/R485.yaml";
    let text = std::fs::read_to_string(repo.path().join(path)).unwrap();
    let huge = format!(
        "{text}updates:\n  - date: 2024-03-01\n    text: {}\n",
        "x".repeat(3 * 1024 * 1024)
    );
    repo.write(path, &huge);
    support::git_as(repo.path(), "Sec", "2024-03-01", &["commit", "-qam", "a huge record"]);
    repo.write(path, &text);
    support::git_as(repo.path(), "Sec", "2024-03-02", &["commit", "-qam", "back"]);
    let run = ccag(repo.path(), &["log", "R485"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.len() < 100_000,
        "log printed the whole value: {} bytes",
        run.stdout.len()
    );
    assert!(
        run.stdout.contains("record files are limited to 1048576"),
        "{}",
        run.stdout
    );
    let run = ccag(repo.path(), &["risks", "--at", "HEAD~1"], LIMIT);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("R485.yaml:1:1: error[file-too-large]"),
        "{}",
        run.stderr
    );
    let run = ccag(
        repo.path(),
        &["changes", "--since", "HEAD~2", "--until", "HEAD~1"],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.len() < 100_000, "{} bytes", run.stdout.len());
}

#[test]
fn markdown_keeps_every_record_value_inside_its_cell_or_line() {
    let repo = pack_copy();
    let path = "records/meetings/CCAG27.yaml";
    let text = std::fs::read_to_string(repo.path().join(path)).unwrap();
    let text = text
        .replace(
            "chair: Chris Welby",
            "chair: \"Chris Welby\\n# Forged heading\\n- forged item\"",
        )
        .replace(
            "  - title: Programme Updates",
            "  - title: \"Programme\\rUpdates <script>alert(1)</script> | forged cell\"",
        );
    repo.write(path, text);
    let run = ccag(repo.path(), &["agenda", "CCAG27", "--format", "markdown"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        !out.lines()
            .any(|l| l.starts_with("# Forged") || l.starts_with("- forged")),
        "{out}"
    );
    assert!(!out.contains('\r'), "a lone carriage return breaks a row: {out:?}");
    assert!(!out.contains("<script>"), "{out}");
    let row = out
        .lines()
        .find(|l| l.contains("Programme") && l.contains("forged cell"))
        .expect(out);
    assert_eq!(row.matches(" | ").count(), 5, "the row keeps its six cells: {row}");
    assert!(row.contains("\\| forged cell"), "{row}");
    let run = ccag(
        repo.path(),
        &["report", "--meeting", "CCAG27", "--format", "markdown"],
        LIMIT,
    );
    assert!(!run.stdout.lines().any(|l| l.starts_with("# Forged")), "{}", run.stdout);
}

#[test]
fn ids_added_on_two_branches_are_caught_and_add_allocates_past_upstream() {
    let origin = pack_copy();
    let git = |dir: &std::path::Path, args: &[&str]| support::git_as(dir, "Sec", "2024-02-28", args);
    git(origin.path(), &["branch", "-M", "main"]);
    let work = tempfile::tempdir().unwrap();
    let clone = work.path().join("clone");
    git(
        work.path(),
        &["clone", "-q", &origin.path().display().to_string(), "clone"],
    );
    let add = [
        "add",
        "action",
        "--meeting",
        "CCAG27",
        "--title",
        "Draft the note",
        "--owner",
        "BSC",
        "--due",
        "2024-03-20",
        "--commit",
    ];
    // The base branch adds CCAG27-01 after this branch left it...
    let run = ccag(origin.path(), &add, LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(origin.path().join("records/actions/CCAG27-01.yaml").exists());
    // ...and this branch, not yet knowing, adds CCAG27-01 too.
    git(&clone, &["checkout", "-q", "-b", "feature"]);
    let mut ours = add;
    ours[5] = "Review the draft";
    let run = ccag(&clone, &ours, LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(clone.join("records/actions/CCAG27-01.yaml").exists());
    git(&clone, &["fetch", "-q", "origin"]);
    // Plain validate cannot see it; --against the base can.
    let run = ccag(&clone, &["validate"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let run = ccag(&clone, &["validate", "--against", "origin/main"], LIMIT);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("records/actions/CCAG27-01.yaml:2:5: error[branch-id-clash]: id `CCAG27-01` was added on this branch and on `origin/main` too"),
        "{}",
        run.stdout
    );
    // A branch that tracks the base allocates past the base's ids, and says so.
    git(&clone, &["checkout", "-q", "-b", "second", "--track", "origin/main"]);
    git(&clone, &["reset", "-q", "--hard", "HEAD~1"]);
    assert!(!clone.join("records/actions/CCAG27-01.yaml").exists());
    let mut args = add.to_vec();
    args.pop();
    let run = ccag(&clone, &args, LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`CCAG27-01` is already taken on `origin/main`, so this action is `CCAG27-02`"),
        "{}",
        run.stderr
    );
    assert!(clone.join("records/actions/CCAG27-02.yaml").exists());
}

#[test]
fn log_in_a_repository_with_no_commits_shows_the_work_tree_not_a_git_error() {
    let repo = support::Repo::new();
    support::git_as(repo.path(), "Sec", "2024-02-28", &["init", "-q"]);
    repo.write(
        "records/risks/R1.yaml",
        "id: R1\ntitle: A risk\nimpact: Delay\nrag: low\nstatus: open\n",
    );
    let run = ccag(repo.path(), &["log", "R1"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("`R1` has no commits yet"), "{}", run.stdout);
    assert!(run.stdout.contains("added as records/risks/R1.yaml"), "{}", run.stdout);
}
