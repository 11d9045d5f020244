//! Spreadsheets both ways (issue 12): the workbook `export` writes, read back by independent
//! readers (the xlsx XML itself, and calamine); `import` of a hand-made workbook in the MHHS
//! layout; the round trip; formula-looking text.

mod support;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use calamine::{Data, Reader};
use support::{Repo, ccag, git_as, pack_copy};

const LIMIT: Duration = Duration::from_secs(60);

/// The horizon-scanning log's columns, as the MHHS pack and workbook lay them out.
const MHHS_HORIZON_LOG: [&str; 10] = [
    "Code Body",
    "Ref",
    "Change Title",
    "Change Summary",
    "Update",
    "Stakeholder positions",
    "Date raised",
    "Status",
    "Decision date",
    "MHHS Impact",
];

/// Every file under `records/`, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir.join("records"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// A part of the xlsx package (it is a zip of XML files).
fn part(xlsx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// The package part of the sheet called `name` (through workbook.xml and its relationships).
fn sheet_part(xlsx: &Path, name: &str) -> String {
    let book = part(xlsx, "xl/workbook.xml");
    let doc = roxmltree::Document::parse(&book).unwrap();
    let rid = doc
        .descendants()
        .find(|n| n.has_tag_name("sheet") && n.attribute("name") == Some(name))
        .and_then(|n| n.attributes().find(|a| a.name() == "id").map(|a| a.value().to_string()))
        .unwrap_or_else(|| panic!("no sheet {name}"));
    let rels = part(xlsx, "xl/_rels/workbook.xml.rels");
    let rels = roxmltree::Document::parse(&rels).unwrap();
    let target = rels
        .descendants()
        .find(|n| n.attribute("Id") == Some(rid.as_str()))
        .and_then(|n| n.attribute("Target"))
        .unwrap()
        .to_string();
    part(xlsx, &format!("xl/{}", target.trim_start_matches("/xl/")))
}

#[test]
fn an_exported_workbook_reads_back_with_sheets_headers_dates_drop_downs_and_colours() {
    let repo = pack_copy();
    let out = repo.path().join("logs.xlsx");
    let run = ccag(repo.path(), &["export", "-o", "logs.xlsx"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("wrote logs.xlsx (51 records)"), "{}", run.stderr);

    // The cells, as calamine reads them.
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Actions",
            "Horizon log",
            "Risks",
            "Milestones",
            "Meetings",
            "Agenda items",
            "Lists"
        ]
    );
    let actions = book.worksheet_range("Actions").unwrap();
    let header: Vec<String> = actions.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "Ref",
            "Date Raised",
            "Action",
            "Owner",
            "Due Date",
            "Status",
            "Update",
            "Closed"
        ]
    );
    let row = actions
        .rows()
        .find(|r| r[0] == Data::String("CCAG25-01".into()))
        .expect("CCAG25-01");
    match &row[1] {
        Data::DateTime(d) => assert_eq!(
            d.as_datetime().unwrap().date(),
            chrono::NaiveDate::from_ymd_opt(2023, 12, 20).unwrap()
        ),
        other => panic!("Date Raised is not a date cell: {other:?}"),
    }
    assert_eq!(row[3], Data::String("BSC (Lawrence Jones)".into()));
    assert_eq!(row[5], Data::String("OPEN".into()));
    let horizon = book.worksheet_range("Horizon log").unwrap();
    let head: Vec<String> = horizon.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(&head[..10], MHHS_HORIZON_LOG);
    let cp1589 = horizon.rows().find(|r| r[1] == Data::String("CP1589".into())).unwrap();
    assert_eq!(cp1589[8], Data::String("TBC".into()), "no decision date reads TBC");
    assert_eq!(cp1589[9], Data::String("CR NEEDED: Design impacted".into()));
    let milestones = book.worksheet_range("Milestones").unwrap();
    assert!(
        milestones
            .rows()
            .skip(1)
            .all(|r| matches!(r[4], Data::Float(_) | Data::Int(_))),
        "slip is a number"
    );

    // What calamine does not read: the sheet XML itself.
    let xml = sheet_part(&out, "Actions");
    assert!(
        xml.contains(r#"state="frozen""#) && xml.contains(r#"ySplit="1""#),
        "header frozen"
    );
    assert!(xml.contains(r#"<autoFilter ref="A1:H7"/>"#), "filters on every column");
    assert!(xml.contains("<formula1>Lists!$A$2:$A$5</formula1>"), "status drop-down");
    assert!(
        xml.contains(r#"<conditionalFormatting sqref="F2:F507">"#),
        "status colours"
    );
    assert!(xml.contains("TODAY()"), "overdue due dates");
    assert!(
        xml.contains(r#"<cols>"#) && xml.contains(r#"customWidth="1""#),
        "widths"
    );
    // The code bodies of ccag.toml (here the defaults) are the Code Body column's drop-down.
    let horizon_xml = sheet_part(&out, "Horizon log");
    assert!(horizon_xml.contains(r#"sqref="A2:A525""#), "no Code Body drop-down");
    let lists_range = book.worksheet_range("Lists").unwrap();
    let heads: Vec<String> = lists_range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let body_col = heads
        .iter()
        .position(|h| h == "Horizon log Code Body")
        .expect("a body list");
    let bodies: Vec<String> = lists_range
        .rows()
        .skip(1)
        .map(|r| r[body_col].to_string())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(bodies, ["BSC", "REC", "DCUSA", "CUSC", "SEC", "Grid Code", "MHHS"]);
    let styles = part(&out, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="dd/mm/yyyy""#), "dates shown DD/MM/YYYY");
    assert!(styles.contains(r#"wrapText="1""#), "wrapped text");
    let workbook = part(&out, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"<sheet name="Lists" sheetId="7" state="hidden""#),
        "{workbook}"
    );
    let lists = book.worksheet_range("Lists").unwrap();
    let status: Vec<String> = lists
        .rows()
        .skip(1)
        .map(|r| r[0].to_string())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(status, ["OPEN", "ONGOING", "RECOMMEND CLOSED", "CLOSED"]);

    // The listing filters narrow an export.
    let run = ccag(repo.path(), &["export", "actions", "--open", "-o", "open.xlsx"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut open = calamine::open_workbook_auto(repo.path().join("open.xlsx")).unwrap();
    assert_eq!(open.sheet_names(), ["Actions", "Lists"]);
    let listed = ccag(repo.path(), &["actions", "--open", "--format", "json"], LIMIT);
    let listed: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let rows = open.worksheet_range("Actions").unwrap().rows().count() - 1;
    assert_eq!(rows, listed.as_array().unwrap().len());
    // A filter of a kind left out is refused, not ignored.
    let run = ccag(repo.path(), &["export", "risks", "--open", "-o", "x.xlsx"], LIMIT);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`--open` filters actions"), "{}", run.stderr);
    assert!(!repo.path().join("x.xlsx").exists());
}

#[test]
fn the_round_trip_writes_nothing() {
    let repo = pack_copy();
    let before = snapshot(repo.path());
    for (file, format) in [
        ("logs.xlsx", None),
        ("crs.csv", Some("cr")),
        ("actions.csv", Some("action")),
    ] {
        let mut args = vec!["export"];
        args.extend(format);
        args.extend(["-o", file]);
        let run = ccag(repo.path(), &args, LIMIT);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let run = ccag(repo.path(), &["import", file, "--dry-run"], LIMIT);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            !run.stdout.contains("changed    ") && !run.stdout.contains("new        "),
            "{}",
            run.stdout
        );
        assert!(run.stdout.contains(" 0 new, 0 changed, "), "{}", run.stdout);
        let run = ccag(repo.path(), &["import", file, "--commit"], LIMIT);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.contains("nothing to change"), "{}", run.stdout);
    }
    let run = ccag(repo.path(), &["import", "logs.xlsx", "--dry-run"], LIMIT);
    assert!(
        run.stdout.contains("logs.xlsx: 0 new, 0 changed, 46 unchanged"),
        "{}",
        run.stdout
    );
    // Meetings are named as not imported, never dropped silently.
    assert!(run.stderr.contains("Meetings: not imported"), "{}", run.stderr);
    // `--sheet` takes one sheet (in any case); a sheet the workbook lacks is named with the rest.
    let run = ccag(
        repo.path(),
        &["import", "logs.xlsx", "--sheet", "risks", "--dry-run"],
        LIMIT,
    );
    assert!(
        run.stdout.contains("logs.xlsx: 0 new, 0 changed, 4 unchanged"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    assert!(
        run.stdout.contains("unchanged  R202") && !run.stdout.contains("CP1589"),
        "{}",
        run.stdout
    );
    let run = ccag(repo.path(), &["import", "logs.xlsx", "--sheet", "Plan"], LIMIT);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("has no sheet `Plan`; its sheets are `Actions`, `Horizon log`"),
        "{}",
        run.stderr
    );
    assert!(before == snapshot(repo.path()), "the round trip changed a record");
    let log = git_as(repo.path(), "Sec", "2024-02-28", &["log", "--oneline"]);
    assert_eq!(log.lines().count(), 1, "no commit was made: {log}");
}

#[test]
fn formula_looking_text_stays_text() {
    let repo = Repo::new();
    repo.write(
        "records/meetings/CCAG1.yaml",
        "id: CCAG1\ndate: 2024-01-10\nitems:\n  - title: Actions\n    minutes: 10\n",
    );
    let titles = [
        r#"=HYPERLINK("http://example.org","click")"#,
        "+44 20 7946 0000",
        "@SUM(A1:A9)",
        "-1 day slip",
    ];
    for (n, title) in titles.iter().enumerate() {
        repo.write(
            &format!("records/actions/CCAG1-0{}.yaml", n + 1),
            format!(
                "id: CCAG1-0{}\ntitle: '{}'\nraised: 2024-01-10\nowner:\n  org: BSC\ndue: 2024-02-10\nstatus: open\n",
                n + 1,
                title.replace('\'', "''")
            ),
        );
    }
    assert_eq!(ccag(repo.path(), &["validate"], LIMIT).code, 0);
    let run = ccag(repo.path(), &["export", "actions", "-o", "a.xlsx"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xml = sheet_part(&repo.path().join("a.xlsx"), "Actions");
    assert!(!xml.contains("<f>"), "a cell was written as a formula:\n{xml}");
    let mut book = calamine::open_workbook_auto(repo.path().join("a.xlsx")).unwrap();
    let cells: Vec<String> = book
        .worksheet_range("Actions")
        .unwrap()
        .rows()
        .skip(1)
        .map(|r| r[2].to_string())
        .collect();
    for title in titles {
        assert!(cells.iter().any(|c| c == title), "{title} is not in {cells:?}");
    }
    // CSV: a leading `'`, which import takes off again.
    let run = ccag(repo.path(), &["export", "actions", "--format", "csv"], LIMIT);
    assert!(
        run.stdout.contains(r#"'=HYPERLINK(""http://example.org"",""click"")"#),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(",'+44 20 7946 0000,") && run.stdout.contains(",'@SUM(A1:A9),"),
        "{}",
        run.stdout
    );
    // The listings' CSV too.
    let listed = ccag(repo.path(), &["actions", "--format", "csv"], LIMIT);
    assert!(listed.stdout.contains(",'-1 day slip,"), "{}", listed.stdout);
    std::fs::write(repo.path().join("a.csv"), &run.stdout).unwrap();
    let run = ccag(repo.path(), &["import", "a.csv", "--dry-run"], LIMIT);
    assert!(
        run.stdout.contains("0 new, 0 changed, 4 unchanged"),
        "{}{}",
        run.stdout,
        run.stderr
    );
}

/// A horizon-scanning log as a group keeps it by hand, in the MHHS layout.
fn mhhs_workbook(path: &Path, raised_dcp: &str) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Horizon Scanning Log").unwrap();
    let headers = MHHS_HORIZON_LOG.iter().chain(&["Comments"]);
    for (c, h) in headers.enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let rows: [[&str; 11]; 3] = [
        [
            "BSC",
            "P460",
            "Settlement of new roles",
            "Adds the roles MHHS needs.",
            "21/02/2024: Approved by the Panel",
            "Majority support",
            "",
            "Approved for implementation",
            "7 November 2023",
            "CR needed: Design impacted",
            "keep an eye on it",
        ],
        [
            "REC",
            "R0160",
            "Metering changes",
            "REC drafting for metering.",
            "",
            "",
            "28/02/22",
            "Decision pending",
            "TBC",
            "For awareness only",
            "",
        ],
        [
            "DCUSA",
            "DCP400",
            "Charging data",
            "Charging data items.",
            "",
            "",
            raised_dcp,
            "Raised",
            "n/a",
            "Direct impact",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, *text).unwrap();
            }
        }
    }
    // A real date cell in Date raised.
    sheet
        .write_date_with_format(1, 6, ExcelDateTime::from_ymd(2023, 10, 2).unwrap(), &date)
        .unwrap();
    // A sheet of notes beside the log, as real workbooks have.
    let notes = book.add_worksheet();
    notes.set_name("Read me").unwrap();
    notes.write_string(0, 0, "Colour key").unwrap();
    notes.write_string(1, 0, "Green: on track").unwrap();
    book.save(path).unwrap();
}

#[test]
fn an_mhhs_workbook_imports_with_its_messy_dates_and_labels_all_or_nothing() {
    let repo = Repo::new();
    git_as(repo.path(), "Sec", "2024-02-28", &["init", "-q"]);
    let file = repo.path().join("log.xlsx");
    mhhs_workbook(&file, "22/11//23");
    let run = ccag(repo.path(), &["import", "log.xlsx"], LIMIT);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("log.xlsx!Horizon Scanning Log!G4: error: `22/11//23` is not a date"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was imported"), "{}", run.stderr);
    assert!(
        run.stderr.contains("columns not imported (no cr field): `Comments`"),
        "{}",
        run.stderr
    );
    assert!(snapshot(repo.path()).is_empty(), "a record was written");

    // Fixed, it imports: three new records that validate.
    mhhs_workbook(&file, "22/11/23");
    let run = ccag(repo.path(), &["import", "log.xlsx", "--dry-run"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("new        P460") && run.stdout.contains("3 new, 0 changed, 0 unchanged"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("note: Read me: not imported (cannot tell which kind"),
        "{}",
        run.stderr
    );
    assert!(snapshot(repo.path()).is_empty(), "--dry-run wrote");
    let run = ccag(repo.path(), &["import", "log.xlsx", "--commit"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("3 new, 0 changed, 0 unchanged (commit "),
        "{}",
        run.stdout
    );
    let run = ccag(repo.path(), &["validate"], LIMIT);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("checked 3 record files: 0 errors"),
        "{}",
        run.stdout
    );
    let show = |id: &str| -> serde_json::Value {
        let run = ccag(repo.path(), &["show", id, "--format", "json"], LIMIT);
        serde_json::from_str(&run.stdout).unwrap()
    };
    let p460 = show("P460");
    assert_eq!(p460["status"], "approved");
    assert_eq!(p460["impact"], "cr-needed");
    assert_eq!(p460["impact_note"], "Design impacted");
    assert_eq!(p460["raised"], "2023-10-02");
    assert_eq!(p460["decision_date"], "2023-11-07");
    assert_eq!(p460["updates"][0]["date"], "2024-02-21");
    assert_eq!(p460["updates"][0]["text"], "Approved by the Panel");
    let r0160 = show("R0160");
    assert_eq!(r0160["raised"], "2022-02-28");
    assert_eq!(r0160["status"], "decision-pending");
    assert_eq!(r0160["impact"], "awareness");
    assert!(r0160.get("decision_date").is_none(), "TBC is no date");
    let dcp = show("DCP400");
    assert_eq!(dcp["raised"], "2023-11-22");
    assert_eq!(dcp["impact"], "direct");
    assert!(repo.path().join("records/changes/DCUSA/DCP400.yaml").is_file());
    let log = git_as(repo.path(), "Sec", "2024-02-28", &["log", "--format=%s", "--name-only"]);
    assert!(
        log.starts_with("ccag: import log.xlsx — 3 new, 0 changed, 0 unchanged"),
        "{log}"
    );
    assert_eq!(log.matches(".yaml").count(), 3, "one commit for the import: {log}");
}

#[test]
fn an_import_changes_a_record_in_place_keeping_its_comments() {
    let repo = pack_copy();
    let path = repo.path().join("records/changes/BSC/CP1589.yaml");
    let before = std::fs::read_to_string(&path).unwrap();
    let run = ccag(repo.path(), &["export", "cr", "-o", "crs.csv"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Edit the CSV as a spreadsheet would: CP1589 is withdrawn, with a new update.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(repo.path().join("crs.csv"))
        .unwrap();
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let header = rows[0].clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows.iter_mut().find(|r| r[1] == "CP1589").unwrap();
    row[col("Status")] = "Withdrawn".into();
    row[col("Update")] = "01/03/2024: Withdrawn by BSCCo".into();
    let mut writer = csv::Writer::from_path(repo.path().join("crs.csv")).unwrap();
    for r in &rows {
        writer.write_record(r).unwrap();
    }
    writer.flush().unwrap();

    let run = ccag(repo.path(), &["import", "crs.csv", "--dry-run"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("changed    CP1589\n    status: withdrawing → withdrawn\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("1 changed, 23 unchanged"), "{}", run.stdout);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before, "--dry-run wrote");

    let run = ccag(repo.path(), &["import", "crs.csv", "--commit"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.contains("status: withdrawn\n"), "{after}");
    assert!(after.contains("    text: Withdrawn by BSCCo"), "{after}");
    // Only those lines changed: every comment and every other line is as it was.
    let gone: Vec<&str> = before.lines().filter(|l| !after.lines().any(|a| a == *l)).collect();
    assert_eq!(gone, ["status: withdrawing"], "{after}");
    let stat = git_as(
        repo.path(),
        "Sec",
        "2024-02-28",
        &["show", "--stat", "--format=%s", "HEAD"],
    );
    assert!(
        stat.contains("records/changes/BSC/CP1589.yaml") && stat.contains("1 file changed"),
        "{stat}"
    );
    assert_eq!(ccag(repo.path(), &["validate"], LIMIT).code, 0);
}

#[test]
fn a_sheet_of_no_known_kind_is_named_and_nothing_is_written() {
    let repo = Repo::new();
    repo.write("notes.csv", "Colour,Size\nred,3\n");
    let run = ccag(repo.path(), &["import", "notes.csv"], LIMIT);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("cannot tell which kind of record this sheet holds"),
        "{}",
        run.stderr
    );
    let run = ccag(repo.path(), &["import", "notes.csv", "--kind", "risk"], LIMIT);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no id column"), "{}", run.stderr);
    assert!(snapshot(repo.path()).is_empty());
}

#[test]
fn a_missing_or_broken_file_is_one_clear_sentence() {
    let repo = Repo::new();
    let run = ccag(repo.path(), &["import", "nothere.xlsx"], LIMIT);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr.trim(),
        "error: `nothere.xlsx` does not exist (or is not a file)"
    );
    repo.write("broken.xlsx", "not a workbook");
    let run = ccag(repo.path(), &["import", "broken.xlsx"], LIMIT);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("cannot read `broken.xlsx` as a workbook: the file is not a zip archive"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    repo.write("notes.txt", "x");
    let run = ccag(repo.path(), &["import", "notes.txt"], LIMIT);
    assert!(run.stderr.contains("is neither a workbook"), "{}", run.stderr);
}

/// The whole resulting set is checked, not each record alone: a new action of a meeting that
/// has no record is refused (as `validate` would report it afterwards).
#[test]
fn an_import_is_checked_against_the_whole_record_set() {
    let repo = pack_copy();
    repo.write(
        "new.csv",
        "Ref,Date Raised,Action,Owner,Due Date,Status\r\n\
         CCAG27-09,28/02/2024,Circulate the plan,Programme,27/03/2024,Open\r\n\
         CCAG99-01,28/02/2024,Not a meeting we had,Programme,27/03/2024,Open\r\n",
    );
    let before = snapshot(repo.path());
    let run = ccag(repo.path(), &["import", "new.csv"], LIMIT);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("new.csv!new!A3: error: action `CCAG99-01` belongs to meeting `CCAG99`, which has no record"),
        "{}",
        run.stderr
    );
    assert!(before == snapshot(repo.path()), "a refused import wrote");
    // Without the stray row it lands, and the set still validates.
    repo.write(
        "new.csv",
        "Ref,Date Raised,Action,Owner,Due Date,Status\r\nCCAG27-09,28/02/2024,Circulate the plan,Programme,27/03/2024,Open\r\n",
    );
    let run = ccag(repo.path(), &["import", "new.csv"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("new.csv: 1 new, 0 changed, 0 unchanged"),
        "{}",
        run.stdout
    );
    let run = ccag(repo.path(), &["validate"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stdout);
}
