//! Issue 13: the meeting pack as a page and the site of the records. Structural checks read the
//! HTML as a browser's tokenizer does; the browser checks render it in headless Chromium and
//! print it to PDF (skipped, saying so, when there is no browser; CI always has one and sets
//! `CCAG_REQUIRE_BROWSER=1`, which turns the skip into a failure).

mod support;

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use html5gum::{Token, Tokenizer};
use support::{Repo, ccag, git_as, pack_copy};

const LIMIT: Duration = Duration::from_secs(60);

/// A start tag with its attributes, or text, in document order.
#[derive(Debug)]
enum Piece {
    Tag(String, Vec<(String, String)>),
    End,
    Text(String),
}

fn pieces(html: &str) -> Vec<Piece> {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    Tokenizer::new(html)
        .filter_map(Result::ok)
        .filter_map(|token| match token {
            Token::StartTag(tag) => Some(Piece::Tag(
                text(&tag.name),
                tag.attributes.iter().map(|(k, v)| (text(k), text(v))).collect(),
            )),
            Token::EndTag(_) => Some(Piece::End),
            Token::String(s) => Some(Piece::Text(text(&s))),
            _ => None,
        })
        .collect()
}

/// Every `(tag, attribute, value)` of an `href` or `src`.
fn references(html: &str) -> Vec<(String, String, String)> {
    pieces(html)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Tag(name, attrs) => Some(
                attrs
                    .into_iter()
                    .filter(|(k, _)| k == "href" || k == "src" || k == "xlink:href")
                    .map(|(k, v)| (name.clone(), k, v))
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .flatten()
        .collect()
}

fn all_text(html: &str) -> String {
    pieces(html)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Each table's first row is a row of `th` inside a `thead`.
fn assert_every_table_has_a_header_row(html: &str, page: &str) {
    let pieces = pieces(html);
    let mut tables = 0;
    for (i, piece) in pieces.iter().enumerate() {
        if !matches!(piece, Piece::Tag(name, _) if name == "table") {
            continue;
        }
        tables += 1;
        let first_cell = pieces[i + 1..].iter().find_map(|p| match p {
            Piece::Tag(name, _) if name == "th" || name == "td" => Some(name.as_str()),
            _ => None,
        });
        let thead = pieces[i + 1..]
            .iter()
            .take_while(|p| !matches!(p, Piece::Tag(name, _) if name == "tr"))
            .any(|p| matches!(p, Piece::Tag(name, _) if name == "thead"));
        assert!(
            thead && first_cell == Some("th"),
            "table {tables} of {page} has no header row"
        );
    }
    assert!(tables > 0, "{page} has no tables");
}

fn report_html(repo: &Repo, extra: &[&str]) -> String {
    let mut args = vec!["report", "--meeting", "CCAG27", "--format", "html"];
    args.extend(extra);
    let run = ccag(repo.path(), &args, LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

/// A copy of the pack with records whose text tries to break out of the page.
fn hostile_pack() -> Repo {
    let repo = pack_copy();
    repo.write(
        "records/actions/CCAG27-01.yaml",
        "id: CCAG27-01\n\
         title: \"<script>alert('t')</script></td></tr></table><img src=x onerror=alert(1)>\"\n\
         raised: 2024-02-28\n\
         owner:\n  org: \"</td><b>Evil</b>\"\n  person: \"\\\" onmouseover=\\\"alert(2)\"\n\
         due: 2024-03-27\n\
         status: open\n\
         updates:\n  - date: 2024-02-28\n    text: \"<iframe src='https://evil.example/'></iframe>\"\n",
    );
    repo.write(
        "records/changes/BSC/CP1600.yaml",
        "id: CP1600\nbody: BSC\ntitle: \"</td><script>x()</script>\"\nsummary: \"<style>body{display:none}</style>\"\n\
         raised: 2024-02-28\nstatus: raised\nimpact: none\n",
    );
    repo.write(
        "records/risks/R999.yaml",
        "id: R999\ntitle: \"<svg onload=alert(4)>\"\nimpact: \"]]></desc><script>y()</script>\"\nrag: high\nstatus: open\n\
         mitigations:\n  - \"</li></ol><a href='https://evil.example/'>click</a>\"\n",
    );
    git_as(repo.path(), "Sec", "2024-02-28", &["add", "-A"]);
    git_as(repo.path(), "Sec", "2024-02-28", &["commit", "-qm", "hostile"]);
    repo
}

#[test]
fn the_pack_page_refers_to_nothing_outside_itself_but_the_links_records_hold() {
    let repo = pack_copy();
    let html = report_html(&repo, &[]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    // The links the records themselves hold (a cr's `link`).
    let mut held: HashSet<String> = HashSet::new();
    for entry in walkdir::WalkDir::new(repo.path().join("records"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for line in text.lines() {
                if let Some(url) = line.trim().strip_prefix("link:") {
                    held.insert(url.trim().trim_matches('"').to_string());
                }
            }
        }
    }
    let refs = references(&html);
    for (tag, attr, value) in &refs {
        assert!(
            attr == "href" && (value.starts_with('#') || held.contains(value)),
            "<{tag} {attr}=\"{value}\"> points outside the page and is not a link a record holds"
        );
    }
    assert!(
        refs.iter().any(|(_, _, v)| held.contains(v)),
        "the records' links are shown as links"
    );
    // No script, no external style, no image, no font.
    for piece in pieces(&html) {
        if let Piece::Tag(name, _) = piece {
            assert!(
                !["script", "link", "img", "iframe", "object", "embed"].contains(&name.as_str()),
                "<{name}>"
            );
        }
    }
    assert!(html.contains("Content-Security-Policy"));
    assert_every_table_has_a_header_row(&html, "the pack");
}

#[test]
fn the_pack_is_laid_out_like_the_meeting_pack() {
    let repo = pack_copy();
    let html = report_html(&repo, &[]);
    let text = all_text(&html);
    // The agenda with its times, then each section in the pack's order.
    let order = [
        "CCAG meeting pack: CCAG27",
        "Agenda",
        "10:15–10:40",
        "Horizon Scanning Log",
        "Outstanding actions",
        "Horizon scanning log",
        "Risks",
        "Milestones",
        "Forward plan",
    ];
    let mut at = 0;
    for heading in order {
        let found = text[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("`{heading}` missing or out of order"));
        at += found + heading.len();
    }
    // Status badges, the overdue due date marked, the horizon log grouped by code body, risks
    // with numbered mitigations, milestones with their slip.
    assert!(html.contains(r#"<span class="badge s-recommend-closed">RECOMMEND CLOSED</span>"#));
    assert!(
        html.contains(r#"<td class="date overdue">2024-01-23</td>"#),
        "CCAG25-01 is overdue on 2024-02-28"
    );
    assert!(
        html.contains(r#"<td class="date">2024-02-28</td>"#),
        "an action due today is not overdue"
    );
    for body in ["BSC", "REC", "SEC", "DCUSA", "MHHS"] {
        assert!(html.contains(&format!("<h3>{body}</h3>")), "{body}");
    }
    assert!(html.contains(r#"<ol class="mitigations"><li>Monthly meeting in place between Test and Code"#));
    assert!(html.contains(r#"<td class="num">0</td><td><span class="badge s-complete">COMPLETE</span>"#));
    // Four charts, each an image with a title and description and its numbers beside it.
    let charts = [
        "chart-action-status",
        "chart-action-owners",
        "chart-risks",
        "chart-plan",
    ];
    for id in charts {
        let start = html
            .find(&format!("<figure class=\"chart\" id=\"{id}\">"))
            .unwrap_or_else(|| panic!("{id}"));
        let figure = &html[start..start + html[start..].find("</figure>").unwrap()];
        assert!(
            figure.contains(&format!("role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"")),
            "{id}"
        );
        assert!(figure.contains(&format!("<title id=\"{id}-title\">")), "{id}");
        assert!(figure.contains(&format!("<desc id=\"{id}-desc\">")), "{id}");
        assert!(
            figure.contains("<thead><tr><th scope=\"col\">"),
            "{id} has its numbers as a table"
        );
    }
    // The numbers are the records': 2 medium and 2 low open risks; Programme owns 3 actions.
    let risks = &html[html.find("id=\"chart-risks\"").unwrap()..];
    assert!(
        risks.contains("<tr><td>MEDIUM</td><td class=\"num\">2</td></tr>"),
        "{}",
        &risks[..3000]
    );
    assert!(risks.contains("<tr><td>LOW</td><td class=\"num\">2</td></tr>"));
    assert!(html.contains("<tr><td>Programme</td><td class=\"num\">0</td><td class=\"num\">3</td></tr>"));
    // Today's line is on the plan (2024-02-28 lies between its first and last dates).
    assert!(html.contains("Today 2024-02-28</text>"));
}

#[test]
fn record_text_cannot_break_out_of_its_cell() {
    let repo = hostile_pack();
    for (what, html) in [
        ("report", report_html(&repo, &[])),
        ("agenda", {
            let run = ccag(repo.path(), &["agenda", "CCAG27", "--format", "html"], LIMIT);
            assert_eq!(run.code, 0, "{}", run.stderr);
            run.stdout
        }),
    ] {
        for piece in pieces(&html) {
            if let Piece::Tag(name, attrs) = piece {
                assert!(
                    !["script", "img", "iframe", "b", "style"].contains(&name.as_str())
                        || name == "style" && attrs.is_empty(),
                    "{what}: a record made a <{name}> element"
                );
                for (k, v) in attrs {
                    assert!(!k.starts_with("on"), "{what}: a record made an `{k}` attribute");
                    assert!(!v.to_lowercase().starts_with("javascript:"), "{what}: {k}={v}");
                    assert!(!v.contains("evil.example"), "{what}: {k}={v}");
                }
            }
        }
        let styles = html.matches("<style>").count();
        assert_eq!(styles, 1, "{what}: only the page's own stylesheet");
        assert_every_table_has_a_header_row(&html, what);
        if what == "report" {
            let text = all_text(&html);
            assert!(text.contains("<script>alert('t')</script></td></tr></table><img src=x onerror=alert(1)>"));
            assert!(
                text.contains("</td><script>x()</script>"),
                "the cr's title is shown as text"
            );
            assert!(text.contains("</li></ol><a href='https://evil.example/'>click</a>"));
            assert!(text.contains("</td><b>Evil</b>"));
        }
    }
}

#[test]
fn a_pack_is_written_whole_to_a_file_and_its_format_follows_the_name() {
    let repo = pack_copy();
    let run = ccag(
        repo.path(),
        &["report", "--meeting", "CCAG27", "-o", "pack.html"],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing on stdout when writing a file");
    assert!(run.stderr.contains("wrote pack.html ("), "{}", run.stderr);
    let page = std::fs::read_to_string(repo.path().join("pack.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(repo.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(".tmp")), "{names:?}");
    let run = ccag(repo.path(), &["agenda", "CCAG27", "-o", "agenda.md"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(repo.path().join("agenda.md")).unwrap();
    assert!(md.starts_with("# "), "{md}");
    // A folder that is not there is an error, and nothing is written.
    let run = ccag(
        repo.path(),
        &["report", "--meeting", "CCAG27", "-o", "no/such/pack.html"],
        LIMIT,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no/such/pack.html"), "{}", run.stderr);
}

#[test]
fn a_group_can_use_its_own_templates_and_falls_back_to_the_built_in_ones() {
    let repo = pack_copy();
    repo.write(
        "tpl/report.html",
        "{% extends \"_layout.html\" %}{% import \"_macros.html\" as m %}{% block main %}\
         <h1>Our own pack for {{ report.meeting }}</h1>{{ m.risks_table(report.risks) }}{% endblock %}",
    );
    repo.write("tpl/_style.css", "body { font-family: serif; } /* ours */");
    let html = report_html(&repo, &["--template", "tpl"]);
    assert!(html.contains("<h1>Our own pack for CCAG27</h1>"));
    assert!(
        html.contains("/* ours */"),
        "the group's stylesheet replaces the built-in one"
    );
    assert!(
        html.contains("<table class=\"risks\">"),
        "the built-in macros are there to use"
    );
    // The folder has no agenda.html: the built-in one is used.
    let run = ccag(
        repo.path(),
        &["agenda", "CCAG27", "--format", "html", "--template", "tpl"],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("<h1>CCAG agenda: CCAG27</h1>"),
        "{}",
        &run.stdout[..500.min(run.stdout.len())]
    );
    // A template with a mistake: exit 2, naming the file and line; nothing on stdout.
    repo.write("bad/report.html", "<h1>{{ report.meeting }}</h1>\n{% for x in %}\n");
    let run = ccag(
        repo.path(),
        &["report", "--meeting", "CCAG27", "--format", "html", "--template", "bad"],
        LIMIT,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("bad/report.html:2"), "{}", run.stderr);
    let run = ccag(
        repo.path(),
        &["report", "--format", "html", "--template", "missing"],
        LIMIT,
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the template folder `missing` does not exist"),
        "{}",
        run.stderr
    );
}

#[test]
fn templates_copies_the_built_in_set_out_and_never_replaces_a_groups_edit() {
    // Needs no repository: a member can start a layout anywhere.
    let empty = tempfile::tempdir().unwrap();
    let run = ccag(empty.path(), &["templates", "my pack"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("--template \"my pack\""), "{}", run.stdout);
    let dir = empty.path().join("my pack");
    for name in [
        "report.html",
        "agenda.html",
        "_layout.html",
        "_macros.html",
        "_style.css",
    ] {
        assert!(dir.join(name).is_file(), "{name} was not written");
    }
    let built_in_style = std::fs::read_to_string(dir.join("_style.css")).unwrap();
    assert!(
        built_in_style.contains("@media print"),
        "the copy is the real stylesheet"
    );

    // The group edits the stylesheet, then runs the command again: its edit stays.
    let repo = pack_copy();
    let run = ccag(repo.path(), &["templates", "tpl"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ours = format!("{built_in_style}\n/* ours: serif */ body {{ font-family: serif; }}\n");
    repo.write("tpl/_style.css", &ours);
    let run = ccag(repo.path(), &["templates", "tpl"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("kept "), "{}", run.stdout);
    assert!(run.stdout.contains("_style.css"), "{}", run.stdout);
    assert_eq!(
        std::fs::read_to_string(repo.path().join("tpl/_style.css")).unwrap(),
        ours
    );
    // And the copied set renders the same pack, with the group's stylesheet.
    let html = report_html(&repo, &["--template", "tpl"]);
    assert!(html.contains("/* ours: serif */"));
    assert_eq!(
        html.replace("\n/* ours: serif */ body { font-family: serif; }\n", ""),
        report_html(&repo, &[]),
        "the copied templates are exactly the built-in ones"
    );
}

#[test]
fn the_risk_chart_compares_the_previous_meeting_with_now_and_slips_are_drawn() {
    let repo = pack_copy();
    // After CCAG27 (the last meeting before 2024-03-20): R202 becomes high, a milestone slips.
    let r202 = repo.path().join("records/risks/R202.yaml");
    let text = std::fs::read_to_string(&r202)
        .unwrap()
        .replace("rag: medium", "rag: high");
    std::fs::write(&r202, text).unwrap();
    let m = repo.path().join("records/milestones/T3-RE-0550.yaml");
    let text = std::fs::read_to_string(&m)
        .unwrap()
        .replace("forecast: 2024-08-23", "forecast: 2024-10-04");
    assert!(text.contains("2024-10-04"));
    std::fs::write(&m, text.replace("status: green", "status: amber")).unwrap();
    // The pack as it stood before CCAG27's day began, then the changes after it.
    git_as(
        repo.path(),
        "Sec",
        "2024-02-20",
        &["commit", "-q", "--amend", "--no-edit", "--reset-author"],
    );
    git_as(
        repo.path(),
        "Sec",
        "2024-03-05",
        &["commit", "-qam", "R202 up, T3-RE-0550 late"],
    );
    let run = ccag(
        repo.path(),
        &[
            "--today",
            "2024-03-20",
            "report",
            "--meeting",
            "CCAG28",
            "--format",
            "html",
        ],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = run.stdout;
    let risks = &html[html.find("id=\"chart-risks\"").unwrap()..];
    let risks = &risks[..risks.find("</figure>").unwrap()];
    assert!(
        risks.contains("<th scope=\"col\">Previous (2024-02-28)</th><th scope=\"col\">Current</th>"),
        "{risks}"
    );
    assert!(
        risks.contains("<tr><td>HIGH</td><td class=\"num\">0</td><td class=\"num\">1</td></tr>"),
        "{risks}"
    );
    assert!(risks.contains("<tr><td>MEDIUM</td><td class=\"num\">2</td><td class=\"num\">1</td></tr>"));
    assert!(
        risks.contains("url(#chart-risks-hatch)"),
        "the previous counts are hatched, for greyscale"
    );
    // The slip: a line in the milestone's status colour from baseline to forecast, 42 days.
    let plan = &html[html.find("id=\"chart-plan\"").unwrap()..];
    assert!(plan.contains("<g class=\"s-amber\"><line "), "the slip is drawn");
    assert!(plan.contains(r#"<td>T3-RE-0550</td><td>Finalise and consistency check approved at CCAG</td><td>2024-08-23</td><td>2024-10-04</td><td></td><td class="num">42</td><td>AMBER</td>"#));
}

/// Follow every relative link from `index.html`; every one must resolve to a file, and the
/// pages reached are returned.
fn walk_site(site: &Path) -> BTreeSet<PathBuf> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([site.join("index.html")]);
    while let Some(page) = queue.pop_front() {
        let page = page
            .canonicalize()
            .unwrap_or_else(|_| panic!("a link leads to `{}`, which is missing", page.display()));
        if !seen.insert(page.clone()) {
            continue;
        }
        let html = std::fs::read_to_string(&page).unwrap();
        for (tag, attr, value) in references(&html) {
            if value.starts_with("http://") || value.starts_with("https://") || value.starts_with("mailto:") {
                continue;
            }
            assert!(
                !value.starts_with('/'),
                "{}: <{tag} {attr}=\"{value}\"> is not relative",
                page.display()
            );
            let (file, _) = value.split_once('#').unwrap_or((&value, ""));
            if file.is_empty() {
                continue;
            }
            queue.push_back(page.parent().unwrap().join(file));
        }
    }
    seen
}

#[test]
fn the_site_reaches_every_record_from_the_index_and_back() {
    let repo = pack_copy();
    // A second commit, so a record has a history of field changes.
    let run = ccag(
        repo.path(),
        &[
            "update",
            "CCAG26-02",
            "--status",
            "recommend-closed",
            "--note",
            "Confirmed by email",
            "--commit",
        ],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = ccag(repo.path(), &["site", "public"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("open public/index.html"), "{}", run.stderr);
    let site = repo.path().join("public");
    let reached = walk_site(&site);
    let records: Vec<PathBuf> = walkdir::WalkDir::new(repo.path().join("records"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| {
            let id = e.path().file_stem().unwrap().to_string_lossy().into_owned();
            site.join("records").join(format!("{id}.html")).canonicalize().unwrap()
        })
        .collect();
    assert_eq!(records.len(), 51);
    for page in &records {
        assert!(
            reached.contains(page),
            "{} is not reached from the index",
            page.display()
        );
        let html = std::fs::read_to_string(page).unwrap();
        assert!(
            html.contains("<a href=\"../index.html\">Current pack</a>"),
            "{} links back",
            page.display()
        );
        assert_every_table_has_a_header_row(&html, &page.display().to_string());
    }
    for body in ["BSC", "REC", "SEC", "DCUSA", "MHHS"] {
        assert!(
            reached.contains(&site.join(format!("bodies/{body}.html")).canonicalize().unwrap()),
            "{body}"
        );
    }
    // A record's page: every field, its updates, its history, related records both ways.
    let action = std::fs::read_to_string(site.join("records/CCAG26-02.html")).unwrap();
    let text = all_text(&action);
    assert!(text.contains("CCAG26-02: BSC Representative to confirm"), "{text}");
    assert!(text.contains("Confirmed by email"), "the update");
    assert!(
        text.contains("status: ongoing → recommend-closed"),
        "the field change from git: {text}"
    );
    assert!(text.contains("Secretariat"), "who made it");
    assert!(text.contains("added"), "the first version");
    let cp = std::fs::read_to_string(site.join("records/CP1589.html")).unwrap();
    assert!(
        cp.contains("Named by</td><td><a href=\"../records/CCAG25-01.html\">CCAG25-01</a>"),
        "related, read backwards"
    );
    assert!(cp.contains("<a href=\"../bodies/BSC.html\">BSC</a>"));
    // A meeting's page has its agenda.
    let meeting = std::fs::read_to_string(site.join("records/CCAG27.html")).unwrap();
    assert!(meeting.contains("<table class=\"agenda\">"));
    assert!(all_text(&meeting).contains("Horizon Scanning Log"));
}

#[test]
fn the_site_replaces_its_own_folder_and_leaves_any_other_alone() {
    let repo = pack_copy();
    assert_eq!(ccag(repo.path(), &["site", "out"], LIMIT).code, 0);
    assert!(repo.path().join("out/records/R485.html").is_file());
    // A record removed: the next site has no page for it.
    std::fs::remove_file(repo.path().join("records/risks/R485.yaml")).unwrap();
    let run = ccag(repo.path(), &["site", "out"], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !repo.path().join("out/records/R485.html").exists(),
        "a stale page is gone"
    );
    assert!(repo.path().join("out/records/R202.html").is_file());
    // A folder of someone else's files is refused, untouched.
    repo.write("docs/notes.txt", "mine");
    let run = ccag(repo.path(), &["site", "docs"], LIMIT);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is not a site ccag wrote"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(repo.path().join("docs/notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_dir(repo.path().join("docs")).unwrap().count(), 1);
    // Nor is a folder among the records.
    let run = ccag(repo.path(), &["site", "records/site"], LIMIT);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!repo.path().join("records/site").exists());
}

// ---- In a real browser -------------------------------------------------------------------

fn browser() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|p| p.join(name))
                    .find(|p| p.is_file())
            })
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CCAG_REQUIRE_BROWSER").is_none(),
            "CCAG_REQUIRE_BROWSER is set and there is no chromium on PATH"
        );
        eprintln!(
            "SKIPPED: no chromium on PATH, so the pack was not checked in a browser (install Debian's `chromium`)"
        );
    }
    found
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Run a program to its end within `limit`; its stdout and stderr.
fn run(program: &Path, args: &[String], limit: Duration) -> (String, String) {
    let start = Instant::now();
    let out_file = tempfile::NamedTempFile::new().unwrap();
    let err_file = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new(program)
        .args(args)
        .stdout(out_file.reopen().unwrap())
        .stderr(err_file.reopen().unwrap())
        .spawn()
        .unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > limit {
            child.kill().ok();
            panic!("{} {args:?} did not finish within {limit:?}", program.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    (
        std::fs::read_to_string(out_file.path()).unwrap(),
        std::fs::read_to_string(err_file.path()).unwrap(),
    )
}

/// Chromium headless, as root in a container, with nothing reaching for the network.
fn chromium_args(profile: &Path, extra: &[String]) -> Vec<String> {
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-logging=stderr",
        "--v=0",
    ]
    .map(String::from)
    .to_vec();
    args.push(format!("--user-data-dir={}", profile.display()));
    args.extend(extra.iter().cloned());
    args
}

#[test]
fn the_pack_renders_and_prints_in_a_real_browser() {
    let Some(chromium) = browser() else { return };
    let repo = pack_copy();
    let run_ = ccag(
        repo.path(),
        &["report", "--meeting", "CCAG27", "-o", "pack.html"],
        LIMIT,
    );
    assert_eq!(run_.code, 0, "{}", run_.stderr);
    let page = repo.path().join("pack.html");
    let url = format!("file://{}", page.display());
    let profile = tempfile::tempdir().unwrap();
    let limit = Duration::from_secs(120);

    // The page as it is: no console message (a blocked fetch, a CSS error) at all.
    let (_, log) = run(
        &chromium,
        &chromium_args(profile.path(), &["--dump-dom".into(), url.clone()]),
        limit,
    );
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");

    // Every chart laid out with a size: measured by a probe added to a copy of the page.
    let html = std::fs::read_to_string(&page).unwrap();
    let probe = html
        .replace("default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';")
        .replace(
            "</body>",
            "<script>document.body.insertAdjacentHTML('beforeend', '<pre id=\"probe\">' + JSON.stringify(\
             [...document.querySelectorAll('svg.chart')].map(s => { const r = s.getBoundingClientRect(); \
             return [s.closest('figure').id, r.width, r.height]; })) + '</pre>');</script></body>",
        );
    let probed = repo.path().join("probe.html");
    std::fs::write(&probed, probe).unwrap();
    let (dom, _) = run(
        &chromium,
        &chromium_args(
            profile.path(),
            &[
                "--window-size=1400,1000".into(),
                "--dump-dom".into(),
                format!("file://{}", probed.display()),
            ],
        ),
        limit,
    );
    let json = dom
        .rsplit_once("<pre id=\"probe\">")
        .and_then(|(_, rest)| rest.split_once("</pre>"))
        .map(|(j, _)| j)
        .unwrap_or_else(|| panic!("the probe did not run: {dom}"));
    let sizes: Vec<(String, f64, f64)> = serde_json::from_str(json).unwrap();
    let ids: Vec<&str> = sizes.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "chart-action-status",
            "chart-action-owners",
            "chart-risks",
            "chart-plan"
        ]
    );
    for (id, w, h) in &sizes {
        assert!(*w > 100.0 && *h > 50.0, "{id} is {w}×{h}");
    }

    // Printed: A4 landscape, each section starting a page, in the pack's order.
    if !have("pdfinfo") || !have("pdftotext") {
        assert!(
            std::env::var_os("CCAG_REQUIRE_BROWSER").is_none(),
            "poppler-utils are missing"
        );
        eprintln!("SKIPPED: no pdfinfo/pdftotext (Debian's poppler-utils), so the printed pack was not checked");
        return;
    }
    let pdf = repo.path().join("pack.pdf");
    run(
        &chromium,
        &chromium_args(
            profile.path(),
            &[
                "--no-pdf-header-footer".into(),
                format!("--print-to-pdf={}", pdf.display()),
                url,
            ],
        ),
        limit,
    );
    let (info, _) = run(Path::new("pdfinfo"), &[pdf.display().to_string()], limit);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{info}"));
    let size: Vec<f64> = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .map(|s| s.split_whitespace().filter_map(|w| w.parse().ok()).collect())
        .unwrap_or_default();
    assert!(
        matches!(size.as_slice(), [w, h] if (w - 842.0).abs() < 1.0 && (h - 595.0).abs() < 1.0),
        "A4 landscape: {info}"
    );
    let first_lines: Vec<String> = (1..=pages)
        .map(|n| {
            let (text, _) = run(
                Path::new("pdftotext"),
                &[
                    "-f".into(),
                    n.to_string(),
                    "-l".into(),
                    n.to_string(),
                    pdf.display().to_string(),
                    "-".into(),
                ],
                limit,
            );
            text.lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let sections = [
        "CCAG meeting pack: CCAG27",
        "Outstanding actions",
        "Horizon scanning log",
        "Risks",
        "Milestones",
        "Forward plan",
    ];
    let starts: Vec<usize> = sections
        .iter()
        .map(|s| {
            first_lines
                .iter()
                .position(|l| l == s)
                .unwrap_or_else(|| panic!("no page starts with `{s}`: {first_lines:#?}"))
        })
        .collect();
    assert!(
        starts.windows(2).all(|w| w[0] < w[1]),
        "sections out of order: {first_lines:#?}"
    );
    assert_eq!(starts[0], 0, "the pack starts with its cover and agenda");
    // One page per section at least, and a pack that can be circulated (the seed's is 30 slides).
    assert!(
        (sections.len()..=30).contains(&pages),
        "{pages} pages: {first_lines:#?}"
    );
    // Table headers repeat on a page a table runs on to.
    let continued = first_lines.iter().filter(|l| l.starts_with("Ref")).count();
    assert!(continued > 0, "no page repeats a table header: {first_lines:#?}");
}
