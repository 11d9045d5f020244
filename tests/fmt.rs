//! `ccag fmt`: one canonical layout, comments and blank-line groups kept, the data unchanged,
//! `--check` for CI (issue 14, item 13).

mod support;

use std::time::Duration;

use support::{Repo, ccag, pack_copy};

const LIMIT: Duration = Duration::from_secs(30);

/// A cr written by hand: fields out of order, four-space indent, no schema line, a long summary
/// on one line, a flow mapping, comments and blank lines, no final newline.
const MESSY: &str = "# Raised by BSC at CCAG27\n\nstatus: definition   # as of 21/02/2024\nid: P470\n\n\n# the pack's title\ntitle: Extend the window\nrelated:\n    - CR041\n    - CP1589\nbody: BSC\nsummary: A modification to extend the settlement window so that late reads are still counted within the Run in which they belong\nraised: 2024-02-21\nupdates:\n    # the first\n    -   text: \"Raised; #2 on the list\"   # the pack's words\n        date: 2024-02-21\nimpact: none\n# end of record";

const LAID: &str = concat!(
    "# yaml-language-server: $schema=../../../schemas/cr.schema.json\n",
    "# Raised by BSC at CCAG27\n",
    "\n",
    "id: P470\n",
    "body: BSC\n",
    "\n",
    "# the pack's title\n",
    "title: Extend the window\n",
    "summary: >-\n",
    "  A modification to extend the settlement window so that late reads are still counted within\n",
    "  the Run in which they belong\n",
    "raised: 2024-02-21\n",
    "status: definition  # as of 21/02/2024\n",
    "impact: none\n",
    "updates:\n",
    "  # the first\n",
    "  - date: 2024-02-21\n",
    "    text: 'Raised; #2 on the list'  # the pack's words\n",
    "related: [CR041, CP1589]\n",
    "# end of record\n",
);

fn messy_repo() -> Repo {
    let repo = pack_copy();
    repo.write("records/changes/BSC/P470.yaml", MESSY);
    repo
}

fn read(repo: &Repo, rel: &str) -> String {
    std::fs::read_to_string(repo.path().join(rel)).unwrap()
}

#[test]
fn the_repositorys_own_records_are_laid_out_canonically() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = ccag(root, &["fmt", "--check"], LIMIT);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("0 files would be reformatted, 51 files already formatted"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_lists_the_files_and_exits_1_writing_nothing() {
    let repo = messy_repo();
    let run = ccag(repo.path(), &["fmt", "--check"], LIMIT);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "records/changes/BSC/P470.yaml\n");
    assert!(
        run.stderr
            .contains("1 file would be reformatted, 51 files already formatted"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&repo, "records/changes/BSC/P470.yaml"), MESSY);

    let run = ccag(repo.path(), &["fmt", "--diff", "records/changes"], LIMIT);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("--- a/records/changes/BSC/P470.yaml\n+++ b/records/changes/BSC/P470.yaml\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("+status: definition  # as of 21/02/2024\n"),
        "{}",
        run.stdout
    );
    assert_eq!(read(&repo, "records/changes/BSC/P470.yaml"), MESSY);
}

#[test]
fn fmt_lays_a_file_out_keeping_its_comments_and_data() {
    let repo = messy_repo();
    let before = ccag(repo.path(), &["show", "P470", "--format", "json"], LIMIT);
    assert_eq!(before.code, 0, "{}", before.stderr);

    let run = ccag(repo.path(), &["fmt"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "formatted records/changes/BSC/P470.yaml\n");
    assert!(
        run.stderr.contains("1 file reformatted, 51 files already formatted"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&repo, "records/changes/BSC/P470.yaml"), LAID);

    let after = ccag(repo.path(), &["show", "P470", "--format", "json"], LIMIT);
    assert_eq!(after.stdout, before.stdout, "the data changed");
    // Idempotent: a second run finds nothing to do.
    let run = ccag(repo.path(), &["fmt", "--check"], LIMIT);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run = ccag(repo.path(), &["validate", "records/changes/BSC/P470.yaml"], LIMIT);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn the_schema_line_points_at_the_schemas_from_the_files_folder() {
    let repo = pack_copy();
    let rel = "records/changes/BSC/archive/P466.yaml";
    let text = read(&repo, "records/changes/BSC/P466.yaml").replace(
        "$schema=../../../schemas/cr.schema.json",
        "$schema=../../schemas/cr.schema.json",
    );
    std::fs::remove_file(repo.path().join("records/changes/BSC/P466.yaml")).unwrap();
    std::fs::create_dir_all(repo.path().join("records/changes/BSC/archive")).unwrap();
    repo.write(rel, &text);
    let run = ccag(repo.path(), &["fmt", rel], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let laid = read(&repo, rel);
    assert!(
        laid.starts_with("# yaml-language-server: $schema=../../../../schemas/cr.schema.json\n"),
        "{laid}"
    );
    assert_eq!(laid.matches("yaml-language-server").count(), 1);
}

#[test]
fn a_file_that_does_not_parse_is_named_and_left_alone_while_the_others_are_laid_out() {
    let repo = messy_repo();
    let broken = "id: R999\ntitle: [unclosed\n";
    repo.write("records/risks/R999.yaml", broken);
    let run = ccag(repo.path(), &["fmt"], LIMIT);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("records/risks/R999.yaml: error[cannot-format]: line "))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(line.contains("column"), "{line}");
    assert!(run.stderr.contains("1 file could not be formatted"), "{}", run.stderr);
    assert_eq!(read(&repo, "records/risks/R999.yaml"), broken);
    assert_eq!(read(&repo, "records/changes/BSC/P470.yaml"), LAID);
}

#[test]
fn a_hash_or_blank_line_inside_text_is_text_and_crlf_stays_crlf() {
    let repo = pack_copy();
    let rel = "records/risks/R900.yaml";
    let text = "id: R900\r\nstatus: open\r\nrag: red\r\nimpact: |\r\n  Line one\r\n  # not a comment\r\n\r\n  after a blank\r\ntitle: 'A risk # with a hash'   # a comment\r\n";
    repo.write(rel, text);
    let before = ccag(repo.path(), &["show", "R900", "--format", "json"], LIMIT);
    let run = ccag(repo.path(), &["fmt", rel], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let laid = read(&repo, rel);
    assert_eq!(
        laid,
        concat!(
            "# yaml-language-server: $schema=../../schemas/risk.schema.json\r\n",
            "id: R900\r\ntitle: 'A risk # with a hash'  # a comment\r\n",
            "impact: |\r\n  Line one\r\n  # not a comment\r\n\r\n  after a blank\r\n",
            "rag: red\r\nstatus: open\r\n",
        )
    );
    let after = ccag(repo.path(), &["show", "R900", "--format", "json"], LIMIT);
    assert_eq!(after.stdout, before.stdout);
}

#[test]
fn a_path_outside_the_records_is_a_usage_error() {
    let repo = pack_copy();
    let run = ccag(repo.path(), &["fmt", "Cargo.toml"], LIMIT);
    assert_eq!(run.code, 2, "{}", run.stderr);
    repo.write("notes.txt", "x");
    let run = ccag(repo.path(), &["fmt", "notes.txt"], LIMIT);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is not under"), "{}", run.stderr);
}
