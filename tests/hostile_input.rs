//! Bad input of every kind ends quickly with a clear finding and exit 1 or 2: never a panic, a hang,
//! or a record that silently goes missing.

mod support;

use std::time::Duration;

use support::{Repo, ccag};

const LIMIT: Duration = Duration::from_secs(60);

const VALID_RISK: &str = "id: R1\ntitle: There is a risk\nimpact: Delay\nrag: low\nstatus: open\n";

/// Validate `repo` and assert exit 1 with a finding of `rule` at `file:line:col`.
fn assert_finding(repo: &Repo, location: &str, rule: &str) {
    let run = ccag(repo.path(), &["validate"], LIMIT);
    assert_eq!(run.code, 1, "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    let expected = format!("{location}: error[{rule}]");
    assert!(
        run.stdout.contains(&expected),
        "expected `{expected}` in:\n{}",
        run.stdout
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn non_utf8_is_an_encoding_finding_at_the_bad_byte() {
    let repo = Repo::new();
    repo.write("records/risks/R1.yaml", b"id: R1\ntitle: caf\xe9\n");
    assert_finding(&repo, "records/risks/R1.yaml:2:11", "encoding");
}

#[test]
fn a_bad_date_with_a_character_across_its_tenth_byte_is_a_finding() {
    // Found by the `load` fuzz target: the hint for a date written with a time sliced the
    // value at its tenth byte, which here falls inside `ƫ`, and panicked.
    let repo = Repo::new();
    repo.write(
        "records/actions/CCAG1-01.yaml",
        "id: CCAG1-01\ntitle: t\nraised: 2024-01-01\nowner:\n  org: BSC\ndue: +.INF03-0ƫ10:00:00\nstatus: open\n",
    );
    repo.write(
        "records/actions/CCAG1-02.yaml",
        "id: CCAG1-02\ntitle: t\nraised: 2024-01-01\nowner:\n  org: BSC\ndue: 2024-03-01 10:00\nstatus: open\n",
    );
    assert_finding(&repo, "records/actions/CCAG1-01.yaml:6:6", "bad-date");
    let run = ccag(repo.path(), &["validate"], LIMIT);
    assert!(
        run.stdout.contains("dates are written `YYYY-MM-DD`, without a time"),
        "{}",
        run.stdout
    );
}

#[test]
fn alias_bombs_are_stopped() {
    let repo = Repo::new();
    let mut text = String::from("id: R1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    repo.write("records/risks/R1.yaml", text);
    assert_finding(&repo, "records/risks/R1.yaml:5:45", "alias-limit");
}

#[test]
fn deep_flow_nesting_is_refused() {
    let repo = Repo::new();
    repo.write("records/risks/R1.yaml", format!("id: {}", "[".repeat(100_000)));
    assert_finding(&repo, "records/risks/R1.yaml:1:260", "too-deep");
}

#[test]
fn deep_block_nesting_is_refused() {
    let repo = Repo::new();
    // `- - - …` nests block sequences one level per two characters.
    repo.write("records/risks/R1.yaml", format!("{}x\n", "- ".repeat(100_000)));
    // The 65th `- ` opens the level past the limit.
    assert_finding(&repo, "records/risks/R1.yaml:1:129", "too-deep");
}

#[test]
fn very_long_lines_load_and_are_checked() {
    let repo = Repo::new();
    let long = "a".repeat(900_000);
    repo.write(
        "records/risks/R1.yaml",
        format!("id: R1\ntitle: {long}\nimpact: x\nrag: amber\nstatus: open\n"),
    );
    assert_finding(&repo, "records/risks/R1.yaml:4:6", "bad-value");
}

#[test]
fn oversized_files_are_refused_unread() {
    let repo = Repo::new();
    repo.write(
        "records/risks/R1.yaml",
        format!("id: R1\ntitle: {}\n", "a".repeat(2_000_000)),
    );
    assert_finding(&repo, "records/risks/R1.yaml:1:1", "file-too-large");
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_harmless_and_symlinks_out_are_reported() {
    let repo = Repo::new();
    repo.write("records/risks/R1.yaml", VALID_RISK);
    std::os::unix::fs::symlink("..", repo.path().join("records/risks/loop")).unwrap();
    let outside = repo.write("elsewhere/R2.yaml", VALID_RISK.replace("R1", "R2"));
    std::os::unix::fs::symlink(&outside, repo.path().join("records/risks/R2.yaml")).unwrap();
    // A symlink that stays inside records/ is an ordinary record file.
    std::os::unix::fs::symlink("R1.yaml", repo.path().join("records/risks/R3.yaml")).unwrap();
    let run = ccag(repo.path(), &["validate"], LIMIT);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("records/risks/loop:1:1: error[symlink]: symlinked folder is not followed"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("records/risks/R2.yaml:1:1: error[symlink]"),
        "{}",
        run.stdout
    );
    // R3 is loaded through its link: its id does not match its file name.
    assert!(
        run.stdout.contains("records/risks/R3.yaml:1:5: error[id-file-name]"),
        "{}",
        run.stdout
    );
}

#[test]
fn every_file_that_fails_to_load_is_counted_not_dropped() {
    let repo = Repo::new();
    repo.write("records/risks/R1.yaml", VALID_RISK);
    repo.write("records/risks/R2.yaml", "id: R2\n\ttitle: tab\n");
    repo.write("records/risks/R3.yaml", "");
    let run = ccag(repo.path(), &["validate", "--format", "json"], LIMIT);
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["files"], 3);
    assert_eq!(report["records"], 1);
    assert_eq!(report["errors"], 2);
}

#[test]
fn no_repository_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = ccag(dir.path(), &["validate"], LIMIT);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no ccag repository here"), "{}", run.stderr);
}

/// Run ccag in `repo` with `args`, read the first bytes of its output and close the pipe, as
/// `| head -1` does; its exit status and stderr.
fn cut_short(repo: &Repo, args: &[&str]) -> (Option<i32>, String) {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_ccag"))
        .args(args)
        .current_dir(repo.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    std::io::Read::read(&mut stdout, &mut buf).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe") && !stderr.contains("error:"),
        "{stderr}"
    );
    (output.status.code(), stderr)
}

/// `ccag validate | head -1` (issue 10, defect 5): a closed pipe stops the output, never the
/// verdict — exit 1 when the records have errors, and no error message about the pipe.
#[test]
fn a_closed_pipe_stops_the_output_not_the_verdict() {
    let repo = Repo::new();
    for i in 0..2000 {
        repo.write(&format!("records/risks/R{i}.yaml"), "id: bad\n");
    }
    // Over a megabyte of findings cannot fit in a pipe's buffer, so ccag met the closed pipe.
    let (code, stderr) = cut_short(&repo, &["validate"]);
    assert_eq!(code, Some(1), "{stderr}");
}

/// A listing cut short by `| head` still says which files it skipped and exits 1.
#[test]
fn a_listing_cut_by_a_closed_pipe_still_reports_skipped_files() {
    let repo = Repo::new();
    for i in 0..3000 {
        repo.write(
            &format!("records/actions/CCAG1-{i:02}.yaml"),
            format!("id: CCAG1-{i:02}\nraised: 2024-01-01\ntitle: Action number {i} with a longer title\nowner:\n  org: BSC\ndue: 2024-02-01\nstatus: open\n"),
        );
    }
    repo.write("records/actions/CCAG2-01.yaml", "id: CCAG2-01\nstatus: [\n");
    let (code, stderr) = cut_short(&repo, &["actions", "--format", "csv"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("CCAG2-01.yaml"), "{stderr}");
}

/// Issue 10, defect 11: every schema and rule finding of a file at once — an unknown field does
/// not hide an unknown code body, and each missing required field is named.
#[test]
fn every_finding_of_a_file_is_reported_in_one_round() {
    let repo = Repo::new();
    repo.write(
        "records/changes/P466.yaml",
        "id: P466\nbody: XYZ\ntitle: BSC Section N Modernisation\nsumary: Modernise Section N.\nsummary: Modernise.\nraised: 2024-01-05\nstatus: raised\nimpact: none\n",
    );
    repo.write(
        "records/actions/CCAG1-01.yaml",
        "id: CCAG1-01\ntitle: Half written\nstatus: open\n",
    );
    assert_finding(&repo, "records/changes/P466.yaml:4:1", "unknown-field");
    assert_finding(&repo, "records/changes/P466.yaml:2:7", "unknown-body");
    let run = ccag(repo.path(), &["validate"], LIMIT);
    for field in ["raised", "owner", "due"] {
        assert!(
            run.stdout.contains(&format!(
                "records/actions/CCAG1-01.yaml:1:1: error[missing-field]: this action is missing the required field `{field}`"
            )),
            "{field}: {}",
            run.stdout
        );
    }
    // The file still does not load: listings skip it and say so.
    let run = ccag(repo.path(), &["crs"], LIMIT);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("P466.yaml"), "{}", run.stderr);
}

/// Record text is escaped for where it lands: markdown tables and cards show a title
/// `<script>…` or `</td>` as text, never as HTML or markdown.
#[test]
fn markdown_shows_record_text_as_written() {
    let repo = Repo::new();
    repo.write(
        "records/changes/BSC/P999.yaml",
        "id: P999\nbody: BSC\ntitle: \"</td><script>alert(1)</script> **bold** [x](http://e.vil)\"\nsummary: \"# heading\\n<img src=x onerror=alert(1)>\"\nraised: 2024-01-05\nstatus: raised\nimpact: none\n",
    );
    for args in [
        &["crs", "--format", "markdown"][..],
        &["crs", "--cards", "--format", "markdown"],
    ] {
        let run = ccag(repo.path(), args, LIMIT);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(
            !run.stdout.contains("<script>") && !run.stdout.contains("</td>") && !run.stdout.contains("<img"),
            "{args:?}: {}",
            run.stdout
        );
        assert!(run.stdout.contains("&lt;script&gt;"), "{args:?}: {}", run.stdout);
    }
    let run = ccag(repo.path(), &["crs", "--cards", "--format", "markdown"], LIMIT);
    assert!(
        run.stdout.contains("\\*\\*bold\\*\\* \\[x\\](http://e.vil)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("- Summary: # heading<br>&lt;img"), "{}", run.stdout);
}
