//! What the command layer promises: commands that need no repository run anywhere, `--help`
//! offers only what works, and `--at` is refused by the parser where it cannot apply.

mod support;

use std::time::Duration;

use support::ccag;

const LIMIT: Duration = Duration::from_secs(30);

#[test]
fn a_command_that_needs_no_repository_runs_in_an_empty_folder() {
    let empty = tempfile::tempdir().unwrap();
    let run = ccag(empty.path(), &["fields", "action", "--format", "csv"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Kind,Field,Type,Required,Flag,Add,About\r\n"),
        "{}",
        run.stdout
    );
    assert!(
        // `--owner` starts with `-`, so the CSV guards it against being run as a formula.
        run.stdout.contains("action,owner.org,text,yes,'--owner,asked,"),
        "{}",
        run.stdout
    );
    // A command that does need one says so, in the same folder.
    let run = ccag(empty.path(), &["actions"], LIMIT);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no ccag repository here"), "{}", run.stderr);
}

#[test]
fn documents_offer_only_the_formats_they_render() {
    let empty = tempfile::tempdir().unwrap();
    for command in ["agenda", "report"] {
        let run = ccag(empty.path(), &[command, "--help"], LIMIT);
        assert_eq!(run.code, 0);
        assert!(run.stdout.contains("markdown"), "{}", run.stdout);
        assert!(
            !run.stdout.contains("csv"),
            "{command} --help offers csv:\n{}",
            run.stdout
        );
        let run = ccag(empty.path(), &[command, "--format", "csv"], LIMIT);
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains("invalid value 'csv'"), "{}", run.stderr);
    }
    let run = ccag(empty.path(), &["actions", "--help"], LIMIT);
    assert!(run.stdout.contains("csv"), "{}", run.stdout);
}

#[test]
fn at_is_a_parser_error_on_commands_that_do_not_read_history() {
    let empty = tempfile::tempdir().unwrap();
    for args in [
        &["update", "CCAG1-01", "--status", "closed", "--at", "HEAD"][..],
        &["close", "CCAG1-01", "--at", "HEAD"],
        &["add", "risk", "--at", "HEAD"],
        &["validate", "--at", "HEAD"],
        &["changes", "--at", "HEAD"],
    ] {
        let run = ccag(empty.path(), args, LIMIT);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr.contains("unexpected argument '--at'"),
            "{args:?}: {}",
            run.stderr
        );
    }
    // Before the command's name it is refused as well, before any repository is looked for.
    let run = ccag(
        empty.path(),
        &["--at", "HEAD", "update", "CCAG1-01", "--note", "x"],
        LIMIT,
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`update` does not take it"), "{}", run.stderr);
    // Help offers it exactly where it works.
    let help = |command: &str| ccag(empty.path(), &[command, "--help"], LIMIT).stdout;
    assert!(!help("update").contains("--at"));
    assert!(!help("validate").contains("--at"));
    assert!(help("actions").contains("--at"));
    assert!(help("show").contains("--at"));
}

#[test]
fn add_help_lists_every_field_flag_with_its_kinds() {
    let empty = tempfile::tempdir().unwrap();
    let run = ccag(empty.path(), &["add", "--help"], LIMIT);
    assert_eq!(run.code, 0);
    for flag in [
        "--impact-note",
        "--decision-date",
        "--mitigation",
        "--item",
        "--baseline",
        "--chair",
    ] {
        assert!(run.stdout.contains(flag), "{flag} missing:\n{}", run.stdout);
    }
    assert!(
        run.stdout
            .contains("[possible values: action, cr, risk, milestone, meeting]")
    );
    let run = ccag(empty.path(), &["add", "issue"], LIMIT);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`issue` is not one of `action`, `cr`"),
        "{}",
        run.stderr
    );
}

/// A repository with `n` actions of meeting CCAG1, with long titles and updates.
fn many_actions(n: usize) -> support::Repo {
    let repo = support::Repo::new();
    repo.write(
        "records/meetings/CCAG1.yaml",
        "id: CCAG1\ndate: 2024-01-10\nitems:\n  - title: Actions\n    minutes: 10\n",
    );
    for i in 1..=n {
        repo.write(
            &format!("records/actions/CCAG1-{i:02}.yaml"),
            format!(
                "id: CCAG1-{i:02}\ntitle: Programme to confirm the approach to baselining code number {i} against a point in time and circulate it\nraised: 2024-01-10\nowner:\n  org: Programme\n  person: Andrew Margan\ndue: 2024-02-21\nstatus: open\nupdates:\n  - date: 2024-01-20\n    text: Supercalifragilisticexpialidociousandthensome drafted for review by the Code Bodies\n"
            ),
        );
    }
    repo
}

#[test]
fn a_long_table_streams_at_one_width_without_losing_a_row() {
    let repo = many_actions(700);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ccag"))
        .args(["--today", "2024-02-28", "actions"])
        .current_dir(repo.path())
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // The table, without the note below it on what was left out to fit 80 columns.
    let text = &text[..text.rfind('┘').unwrap() + '┘'.len_utf8() + 1];
    let widths: std::collections::BTreeSet<usize> = text.lines().map(|l| l.chars().count()).collect();
    assert_eq!(widths.len(), 1, "every line is as wide as the table: {widths:?}");
    assert!(*widths.iter().next().unwrap() <= 80);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with('┌') && lines[2].starts_with('╞') && lines.last().unwrap().starts_with('└'));
    assert!(
        !text.contains("Supercalifragilistic"),
        "the Update column is left out at 80 columns"
    );
    assert_eq!(text.matches('┌').count(), 1, "one table, not one per chunk");
    for i in 1..=700 {
        // Every id appears, whole, in the first column (ids never wrap at this width).
        let id = format!("CCAG1-{i:02}");
        assert!(text.contains(&format!("│ {id} ")), "{id} missing or split");
    }
}

#[test]
fn records_kept_slim_print_exactly_as_records_kept_whole() {
    // The pack's own records, and a listing long enough to stream.
    let pack = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let long = many_actions(600);
    let cases: Vec<(&std::path::Path, Vec<&str>)> = vec![
        (pack, vec!["report", "--format", "json"]),
        (pack, vec!["report", "--format", "markdown"]),
        (pack, vec!["crs", "--format", "csv"]),
        (pack, vec!["risks"]),
        (pack, vec!["milestones", "--format", "json"]),
        (pack, vec!["actions", "--open", "--format", "markdown"]),
        (long.path(), vec!["actions", "--format", "json"]),
        (long.path(), vec!["actions"]),
    ];
    for (dir, args) in cases {
        // `kept`: the cell text a table keeps between measuring and drawing (the rest is
        // computed again); every split prints the same.
        let run = |budget: &str, kept: &str| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_ccag"))
                .args(["--today", "2024-02-28", "-C"])
                .arg(dir)
                .args(&args)
                .env("COLUMNS", "100")
                .env("CCAG_SHOWN_IN_FULL", budget)
                .env("CCAG_KEPT_CELLS", kept)
                .output()
                .unwrap();
            (out.status.code(), String::from_utf8(out.stdout).unwrap())
        };
        let whole = run("1000000000", "1000000000");
        assert!(!whole.1.is_empty(), "{args:?}");
        assert_eq!(
            whole,
            run("0", "1000000000"),
            "{args:?}: slim records print differently"
        );
        assert_eq!(whole, run("0", "0"), "{args:?}: cells computed twice print differently");
        assert_eq!(
            whole,
            run("1000000000", "5000"),
            "{args:?}: a part-kept table prints differently"
        );
    }
}

/// Issue 10, defect 8: help promises only what works — global options under their own heading,
/// `update` offers no `add` defaults, and every option a command has is listed once.
#[test]
fn help_keeps_global_options_apart_and_promises_no_defaults_on_update() {
    let empty = tempfile::tempdir().unwrap();
    let run = ccag(empty.path(), &["update", "--help"], LIMIT);
    assert_eq!(run.code, 0);
    let (own, global) = run
        .stdout
        .split_once("Global options:")
        .expect("a Global options heading");
    assert!(global.contains("--today") && global.contains("--dir") && global.contains("--color"));
    assert!(!own.contains("--today") && !own.contains("--color"), "{own}");
    assert!(!run.stdout.contains("default: today"), "{}", run.stdout);
    assert!(!run.stdout.contains("[default: from"), "{}", run.stdout);
    let (options, fields) = own.split_once("Fields:").expect("a Fields heading");
    assert!(
        options.contains("--dry-run") && options.contains("--commit"),
        "{options}"
    );
    assert!(
        !fields.contains("--dry-run") && !fields.contains("--commit"),
        "{fields}"
    );

    let run = ccag(empty.path(), &["add", "--help"], LIMIT);
    assert!(
        run.stdout.contains("[default: today (action, cr, risk)]"),
        "{}",
        run.stdout
    );
}

/// The pack's own records at `columns` (or piped without `COLUMNS` when `None`).
fn pack(args: &[&str], columns: Option<&str>) -> String {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ccag"));
    cmd.args(["--today", "2024-02-28", "-C", env!("CARGO_MANIFEST_DIR")])
        .args(args)
        .env_remove("COLUMNS");
    if let Some(c) = columns {
        cmd.env("COLUMNS", c);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Issue 10, defect 3: at 80 columns nothing is split inside an id, date or status; the least
/// useful columns are left out (and said to be); long updates end in `…`; every table fits.
#[test]
fn tables_at_80_columns_keep_ids_dates_and_statuses_whole() {
    for args in [
        &["actions", "--open"][..],
        &["crs"],
        &["agenda", "CCAG27", "--format", "table"],
        &["report", "--format", "table"],
    ] {
        let text = pack(args, Some("80"));
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{args:?}: {line}");
        }
        // Inside a table cell, nothing that is a status or an id is cut.
        for line in text.lines().filter(|l| l.starts_with('│')) {
            for cell in line.trim_matches('│').split('┆').map(str::trim) {
                for broken in ["RECOMMEN", "2023-12-2", "2024-0", "CCAG2", "T2-RE-0"] {
                    if cell.starts_with(broken) {
                        assert!(
                            cell.len() > broken.len() && !cell.ends_with('-'),
                            "{args:?}: `{cell}` is cut in\n{line}"
                        );
                    }
                }
                if cell.starts_with("RECOMMEND") {
                    assert_eq!(cell, "RECOMMEND CLOSED", "{args:?}: {line}");
                }
            }
        }
    }
    let actions = pack(&["actions", "--open"], Some("80"));
    assert!(
        actions.contains("(Raised, Update left out to fit 80 columns"),
        "{actions}"
    );
    assert!(!actions.contains("│ Raised"), "{actions}");
    let wide = pack(&["actions", "--open"], Some("200"));
    assert!(wide.contains("Raised") && wide.contains("Update"), "{wide}");
    assert!(!wide.contains('…'), "{wide}");
    let medium = pack(&["actions", "--open"], Some("120"));
    assert!(medium.contains('…'), "a long update is cut to a few lines: {medium}");
    assert!(medium.contains("long text cut at `…`"), "{medium}");
    // The agenda at 80 columns: about half the lines it took when words were split.
    let agenda = pack(&["agenda", "CCAG27", "--format", "table"], Some("80"));
    assert!(agenda.lines().count() < 500, "{} lines", agenda.lines().count());
}

/// Issue 10, defect 3: piped without `COLUMNS`, a table is as wide as its content: nothing is
/// wrapped, cut or left out (never a fixed 120).
#[test]
fn piped_tables_without_columns_are_not_wrapped() {
    let text = pack(&["actions", "--open"], None);
    let rows = text.lines().filter(|l| l.starts_with("│ CCAG")).count();
    let open = pack(&["actions", "--open", "--format", "csv"], None).lines().count() - 1;
    assert!(open > 3);
    // One line per action (the pack's updates are single lines), header and borders aside.
    assert_eq!(rows, open, "{text}");
    assert!(!text.contains('…'));
    assert!(
        text.lines().any(|l| l.chars().count() > 120),
        "wider than any fixed width"
    );
}

/// Issue 10, defect 13: `show` wraps long values to the width, under their own start.
#[test]
fn show_wraps_to_the_width() {
    let text = pack(&["show", "CCAG26-01"], Some("60"));
    assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
    assert!(
        text.contains("title    Programme to issue link to the latest Change\n         Control Log"),
        "{text}"
    );
    let text = pack(&["show", "CCAG26-01"], None);
    assert!(
        text.contains(
            "title    Programme to issue link to the latest Change Control Log to enable CCAG members to review\n"
        ),
        "{text}"
    );
}

/// Issue 10: `date_format = "DD/MM/YYYY"` in ccag.toml shows dates as the pack writes them in
/// tables, markdown and CSV; JSON and the files keep `YYYY-MM-DD`.
#[test]
fn dates_are_shown_in_the_groups_format() {
    let repo = support::Repo::new();
    repo.write("ccag.toml", "date_format = \"DD/MM/YYYY\"\n");
    repo.write(
        "records/actions/CCAG1-01.yaml",
        "id: CCAG1-01\ntitle: Circulate the log\nraised: 2024-01-10\nowner:\n  org: BSC\ndue: 2024-02-28\nstatus: open\nupdates:\n  - date: 2024-02-21\n    text: Sent\n",
    );
    let csv = ccag(repo.path(), &["actions", "--format", "csv"], LIMIT);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    assert!(
        csv.stdout
            .contains("CCAG1-01,10/01/2024,Circulate the log,BSC,28/02/2024,OPEN,21/02/2024: Sent"),
        "{}",
        csv.stdout
    );
    let json = ccag(repo.path(), &["actions", "--format", "json"], LIMIT);
    assert!(json.stdout.contains("\"due\": \"2024-02-28\""), "{}", json.stdout);
    let text = std::fs::read_to_string(repo.path().join("records/actions/CCAG1-01.yaml")).unwrap();
    assert!(text.contains("due: 2024-02-28"));
    repo.write("ccag.toml", "date_format = \"28 Feb\"\n");
    let bad = ccag(repo.path(), &["actions"], LIMIT);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("`date_format` must be `YYYY-MM-DD` or `DD/MM/YYYY`"),
        "{}",
        bad.stderr
    );
}

/// Words of a shell command line (double quotes group; nothing else is special here).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for ch in line.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any || !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => word.push(c),
        }
    }
    if any || !word.is_empty() {
        out.push(word);
    }
    out
}

/// Issue 11: every subcommand's `--help` ends with real examples, and each one parses.
#[test]
fn every_subcommand_has_examples_that_parse() {
    let cmd = ccag::commands::args::command();
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    assert!(names.len() >= 20, "{names:?}");
    for name in names {
        let run = ccag(std::path::Path::new("/"), &[&name, "--help"], LIMIT);
        assert_eq!(run.code, 0, "{name}");
        let (_, examples) = run
            .stdout
            .split_once("Examples:\n")
            .unwrap_or_else(|| panic!("`{name} --help` has no examples"));
        let mut parsed = 0;
        for line in examples.lines().map(str::trim).filter(|l| !l.is_empty()) {
            // Keep the ccag command itself: no environment prefix, redirection, pipe or comment.
            let Some(start) = line.find("ccag ") else { continue };
            let line = &line[start..];
            let end = [" >", " |", " #", ")"]
                .iter()
                .filter_map(|s| line.find(s))
                .min()
                .unwrap_or(line.len());
            let args = words(&line[..end]);
            assert_eq!(args[1], name, "an example of `{name}` runs another command: {line}");
            if let Err(e) = ccag::commands::args::command().try_get_matches_from(&args) {
                panic!("`{line}` does not parse: {e}");
            }
            parsed += 1;
        }
        assert!(parsed >= 1, "`{name}`: no example parsed");
    }
}

/// Issue 11: completions and man pages work outside a repository, and record ids complete.
#[test]
fn completions_and_man_pages_work_anywhere_and_ids_complete() {
    let root = std::path::Path::new("/");
    let run = ccag(root, &["completions", "bash"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The script loads in bash and registers ccag.
    let bash = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("{}\ncomplete -p ccag", run.stdout))
        .output()
        .unwrap();
    assert!(bash.status.success(), "{}", String::from_utf8_lossy(&bash.stderr));
    assert!(String::from_utf8_lossy(&bash.stdout).contains("_clap_complete_ccag ccag"));
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let run = ccag(root, &["completions", shell], LIMIT);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains("ccag"), "{shell}");
    }
    // What bash asks when `ccag show CCAG26-0<TAB>` is typed in the repository.
    let ask = |words: &[&str], index: usize| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ccag"))
            .arg("--")
            .args(words)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", index.to_string())
            .env("_CLAP_COMPLETE_COMP_TYPE", "9")
            .env("_CLAP_COMPLETE_SPACE", "true")
            .env("_CLAP_IFS", "\n")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let ids = ask(&["ccag", "show", "ccag26-0"], 2);
    assert_eq!(
        ids.lines().collect::<Vec<_>>(),
        ["CCAG26-01", "CCAG26-02", "CCAG26-03", "CCAG26-04", "CCAG26-05"]
    );
    assert!(
        ask(&["ccag", "close", "CCAG26-01", "R2"], 3)
            .lines()
            .any(|l| l == "R202")
    );
    assert!(ask(&["ccag", "act"], 1).lines().any(|l| l == "actions"));

    let pages = tempfile::tempdir().unwrap();
    let run = ccag(root, &["man", pages.path().to_str().unwrap()], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in ["ccag.1", "ccag-actions.1", "ccag-update.1", "ccag-completions.1"] {
        let text = std::fs::read_to_string(pages.path().join(page)).unwrap_or_else(|_| panic!("{page}"));
        assert!(text.contains(".TH"), "{page}");
    }
    let run = ccag(root, &["man"], LIMIT);
    assert!(run.stdout.contains(".TH ccag 1"), "{}", run.stdout);
}

/// Issue 11: `ccag schemas` writes the built-in schemas anywhere, and `--check` fails (exit 1,
/// naming the file) when a copy is missing or differs; this repository's own copy is current.
#[test]
fn schemas_are_written_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let run = ccag(dir.path(), &["schemas", "--check"], LIMIT);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = ccag(dir.path(), &["schemas", "--write"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for kind in ["action", "cr", "risk", "milestone", "meeting"] {
        let written = std::fs::read_to_string(dir.path().join(format!("schemas/{kind}.schema.json"))).unwrap();
        let ours = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("schemas/{kind}.schema.json")),
        )
        .unwrap();
        assert_eq!(written, ours, "{kind}");
    }
    assert_eq!(ccag(dir.path(), &["schemas", "--check"], LIMIT).code, 0);
    std::fs::write(dir.path().join("schemas/risk.schema.json"), "{}").unwrap();
    let run = ccag(dir.path(), &["schemas", "--check"], LIMIT);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("risk.schema.json in `schemas` is not what this ccag checks against"),
        "{}",
        run.stderr
    );
    let run = ccag(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["schemas", "--check"],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Issue 11: the pre-commit hooks this repository offers are valid YAML and run real commands.
#[test]
fn the_pre_commit_hooks_name_real_commands() {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"))
        .unwrap();
    let hooks = ccag::store::yaml::parse_value(&text).unwrap();
    let hooks = hooks.as_array().unwrap();
    assert!(hooks.len() >= 2);
    for hook in hooks {
        assert_eq!(hook["language"], "rust");
        assert_eq!(hook["pass_filenames"], false);
        let entry = hook["entry"].as_str().unwrap();
        let args: Vec<&str> = entry.split_whitespace().collect();
        assert_eq!(args[0], "ccag");
        ccag::commands::args::command()
            .try_get_matches_from(&args)
            .unwrap_or_else(|e| panic!("`{entry}`: {e}"));
        let files = hook["files"].as_str().unwrap();
        assert!(files.contains("schemas/"), "{files}");
    }
}

/// Every file under `dir` with its bytes (for "running it again changes nothing").
fn snapshot(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.path().components().any(|c| c.as_os_str() == ".git"))
        .map(|e| (e.path().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// Issue 11: `ccag init g && cd g && ccag add …` then `validate` passes; `init` again changes
/// nothing; what it writes is valid and names real commands.
#[test]
fn init_makes_a_repository_ready_to_use() {
    let dir = tempfile::tempdir().unwrap();
    let run = ccag(dir.path(), &["init", "g", "--dry-run"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("would write ccag.toml"), "{}", run.stdout);
    assert!(!dir.path().join("g").exists(), "--dry-run wrote nothing");

    let run = ccag(dir.path(), &["init", "g"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let g = dir.path().join("g");
    assert!(g.join(".git").is_dir(), "git init");
    let run = ccag(
        &g,
        &[
            "add",
            "meeting",
            "--date",
            "2024-02-28",
            "--item",
            "Minutes and Actions=10",
        ],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = ccag(
        &g,
        &[
            "add",
            "action",
            "--title",
            "Circulate the plan",
            "--owner",
            "Programme",
            "--due",
            "2024-03-27",
        ],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.trim(), "records/actions/CCAG1-01.yaml");
    let run = ccag(&g, &["validate"], LIMIT);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("checked 2 record files: 0 errors"),
        "{}",
        run.stdout
    );
    assert_eq!(ccag(&g, &["schemas", "--check"], LIMIT).code, 0);

    let before = snapshot(&g);
    let run = ccag(dir.path(), &["init", "g"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("kept ccag.toml (it exists)"), "{}", run.stdout);
    assert!(!run.stdout.contains("wrote"), "{}", run.stdout);
    assert!(before == snapshot(&g), "init again changed something");

    // The workflow and the pre-commit config are YAML, and every ccag command in them parses.
    for file in [".github/workflows/ccag.yml", ".pre-commit-config.yaml"] {
        let text = std::fs::read_to_string(g.join(file)).unwrap();
        ccag::store::yaml::parse_value(&text).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        let mut commands = 0;
        for line in text.lines() {
            let Some(at) = ["ccag validate", "ccag schemas", "ccag report", "ccag agenda"]
                .iter()
                .find_map(|c| line.find(c))
            else {
                continue;
            };
            // The command itself: no redirection, no workflow expression.
            let command = line[at..].split('>').next().unwrap();
            let command = match command.find("${{") {
                Some(i) => format!(
                    "{}{}",
                    &command[..i],
                    &command[command.find("}}").map_or(command.len(), |j| j + 2)..]
                ),
                None => command.to_string(),
            };
            let args: Vec<&str> = command.split_whitespace().collect();
            ccag::commands::args::command()
                .try_get_matches_from(&args)
                .unwrap_or_else(|e| panic!("{file}: `{command}`: {e}"));
            commands += 1;
        }
        assert!(commands >= 1, "{file} runs no ccag command");
    }
    let settings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(g.join(".vscode/settings.json")).unwrap()).unwrap();
    assert_eq!(
        settings["yaml.schemas"]["./schemas/action.schema.json"],
        "records/actions/**/*.yaml"
    );
}
