//! Validation: schema and semantic rules over a whole record set, producing findings (never printing).

pub mod finding;
mod modeline;
pub mod rules;
pub mod schema;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::Value;

pub use finding::{Finding, RULES, Severity};

use crate::config::Config;
use crate::model::{Kind, Record};
use crate::store::yaml::Pos;
use crate::store::{self, RecordFile, Root};

/// What one file yields: its record when it loaded cleanly, its findings, and what cross-record rules need.
#[derive(Debug)]
pub struct FileOutcome {
    pub file: RecordFile,
    /// Boxed: a set of 100,000 outcomes stays small when the records are not kept.
    pub record: Option<Box<Record>>,
    /// Whether the file loaded into a record (even when the record itself was not kept).
    pub loaded: bool,
    /// What the trends count the record under (`Record::tally_key`), kept when the record is not.
    pub tally: Option<&'static str>,
    /// The record was kept slim (`Record::slim`): its text is read again from the file when shown.
    pub slim: bool,
    pub findings: Vec<Finding>,
    summary: Option<Summary>,
}

impl FileOutcome {
    /// The ids the file's `related` names (read even when the record was not kept).
    pub fn related(&self) -> &[String] {
        self.summary.as_ref().map(|s| s.related.as_slice()).unwrap_or_default()
    }

    /// The file's `id`, when it has one.
    pub fn id(&self) -> Option<&str> {
        self.summary.as_ref().map(|s| s.id.as_str())
    }
}

/// The cross-record facts of one file (positions are found again only if a rule fires).
#[derive(Debug)]
struct Summary {
    id: String,
    meeting: Option<String>,
    related: Vec<String>,
    /// Where the id and each related id stand, when the file was read with its positions: its
    /// cross-record findings are then placed without reading it again.
    places: Option<Places>,
}

#[derive(Debug)]
struct Places {
    id: Pos,
    related: Vec<Pos>,
}

impl Summary {
    /// What the cross-record rules need of a file's `value`; with where its ids stand when its
    /// positions are `known` already (they are not computed for this).
    fn of(value: &Value, kind: Kind, known: Option<&store::yaml::Spans>) -> Option<Summary> {
        let id = value.get("id")?.as_str()?;
        let items = value.get("related").and_then(Value::as_array);
        let related: Vec<String> = items
            .map(|items| items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        // The N-th related id stands at `/related/N` only when every item is a string.
        let aligned = items.is_none_or(|items| items.len() == related.len());
        let places = known.filter(|_| aligned).map(|spans| Places {
            id: spans.value("/id"),
            related: (0..related.len())
                .map(|i| spans.value(&format!("/related/{i}")))
                .collect(),
        });
        Some(Summary {
            id: id.to_string(),
            meeting: (kind == Kind::Action)
                .then(|| crate::ids::meeting_and_sequence(id).map(|(m, _)| m.to_string()))
                .flatten(),
            related,
            places,
        })
    }

    /// The position of the value at `/id` or `/related/N`, when it is known.
    fn place(&self, pointer: &str) -> Option<Pos> {
        let places = self.places.as_ref()?;
        match pointer.strip_prefix("/related/") {
            Some(i) => places.related.get(i.parse::<usize>().ok()?).copied(),
            None => (pointer == "/id").then_some(places.id),
        }
    }
}

/// A cross-record finding's position before `placed` finds it.
const UNPLACED: Pos = Pos { line: 1, col: 1 };

/// Which findings a caller wants. Placing a finding (its line and column) costs a second pass
/// over its file, so a caller that drops warnings unread asks for errors only and never pays
/// for placing them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// Every finding, placed: `validate`, and the checks before a write.
    All,
    /// Errors only: the record set behind listings and the pack, which reports errors and
    /// nothing else.
    Errors,
}

impl Wanted {
    /// Whether a finding of this kind reaches the caller.
    pub fn keeps(self, finding: &Finding) -> bool {
        self == Wanted::All || finding.is_error()
    }
}

/// Load and check one file: parse, schema, typed model, single-record rules.
pub fn check_file(file: RecordFile, config: &Config, today: NaiveDate) -> FileOutcome {
    check_file_sized(file, config, today, Wanted::All).0
}

/// As `check_file`, with the file's size in bytes.
fn check_file_sized(file: RecordFile, config: &Config, today: NaiveDate, wanted: Wanted) -> (FileOutcome, usize) {
    match store::load::read_text(&file.path) {
        Ok(text) => {
            let bytes = text.len();
            (check_text_for(file, &text, config, today, wanted), bytes)
        }
        Err(e) => (not_loaded(file, e), 0),
    }
}

/// Check record text that is not (yet) on disk, as if it were the file `file`: for `ccag add`
/// and `ccag update`, before anything is written.
pub fn check_text(file: RecordFile, text: &str, config: &Config, today: NaiveDate) -> FileOutcome {
    check_text_for(file, text, config, today, Wanted::All)
}

/// As `check_text`, with only the findings `wanted` (a snapshot from history reports errors only).
///
/// A caller that wants every finding will place most of them (a warning is common: an overdue
/// action), so its text is read with positions in the same pass; an errors-only caller, whose
/// files are mostly clean, reads values alone and places the rare error by reading again.
pub fn check_text_for(file: RecordFile, text: &str, config: &Config, today: NaiveDate, wanted: Wanted) -> FileOutcome {
    let parsed = match wanted {
        Wanted::All => store::yaml::parse_value_placed(text),
        Wanted::Errors => store::yaml::parse_value(text).map(|value| (value, None)),
    };
    match parsed {
        Ok((value, spans)) => check_parsed(file, text, value, spans, config, today, wanted),
        Err(e) => not_loaded(file, e),
    }
}

/// A file that did not load: one finding, no record.
pub fn not_loaded(file: RecordFile, e: store::LoadError) -> FileOutcome {
    let finding = Finding::error(&file.path, e.pos, e.rule, e.message).with_hint(e.hint);
    FileOutcome {
        file,
        record: None,
        loaded: false,
        tally: None,
        slim: false,
        findings: vec![finding],
        summary: None,
    }
}

fn check_parsed(
    file: RecordFile,
    text: &str,
    value: Value,
    spans: Option<store::yaml::Spans>,
    config: &Config,
    today: NaiveDate,
    wanted: Wanted,
) -> FileOutcome {
    let lazy = store::yaml::LazySpans::with(text, spans);
    let spans = &lazy;
    let path = file.path.as_path();
    if !value.is_object() {
        let what = match value {
            Value::Array(_) => "a list",
            Value::Null => "an empty document",
            _ => "a single value",
        };
        let finding = Finding::error(
            path,
            spans.get().value(""),
            "not-a-mapping",
            format!("a record is a mapping of fields, but this file holds {what}"),
        )
        .hint(format!(
            "start the file with `id: …` and the other fields of {}",
            file.kind.with_article()
        ));
        return FileOutcome {
            file,
            record: None,
            loaded: false,
            tally: None,
            slim: false,
            findings: vec![finding],
            summary: None,
        };
    }

    let summary = Summary::of(&value, file.kind, spans.known());

    let mut findings = if ccag_jsonschema::is_valid(file.kind.name(), &value) {
        Vec::new()
    } else {
        schema::check(path, file.kind, &value, spans.get())
    };
    let run_rules = |r: &Record| {
        let mut cx = rules::RecordContext {
            path,
            spans,
            config,
            today,
            wanted,
            findings: Vec::new(),
        };
        rules::check(&mut cx, r);
        cx.findings
    };
    let mut record = None;
    if !findings.is_empty() {
        // Every finding of a file at once: when unknown fields are all that stop the schema, the
        // rules still run on the rest (an unknown field must not hide an unknown code body). The
        // record stays unloaded.
        let salvaged = findings
            .iter()
            .any(|f| f.rule == "unknown-field")
            .then(|| schema::without_unknown_fields(file.kind, &value))
            .flatten()
            .filter(|clean| ccag_jsonschema::is_valid(file.kind.name(), clean))
            .and_then(|clean| Record::from_checked_value(file.kind, clean).ok());
        if let Some(r) = salvaged {
            findings.extend(run_rules(&r));
        }
    } else {
        match Record::from_checked_value(file.kind, value) {
            Ok(r) => {
                findings = run_rules(&r);
                record = Some(Box::new(r));
            }
            // The schema accepted what the model rejects: a bug in ccag, reported, not hidden.
            Err(e) => findings.push(Finding::error(
                path,
                Pos { line: 1, col: 1 },
                "model",
                format!("the record passed its schema but not ccag's model: {e} (please report this)"),
            )),
        }
    }
    findings.extend(modeline::check(path, file.kind, text));
    // Warnings an errors-only caller drops were made unplaced (`RecordContext::warning`).
    findings.retain(|f| wanted.keeps(f));
    FileOutcome {
        file,
        loaded: record.is_some(),
        tally: record.as_ref().and_then(|r| r.tally_key()),
        slim: false,
        record,
        findings,
        summary,
    }
}

/// Which checked records to keep in memory.
pub type Keep<'a> = dyn Fn(&Record) -> bool + Sync + 'a;

/// Keep every record.
pub fn keep_all(_: &Record) -> bool {
    true
}

/// Keep no record (only the findings).
pub fn keep_none(_: &Record) -> bool {
    false
}

/// The outcome of loading (and checking) every record file of some kinds.
#[derive(Debug, Default)]
pub struct Checked {
    pub outcomes: Vec<FileOutcome>,
    /// Problems that belong to no loaded file (skipped paths) and cross-record problems.
    pub findings: Vec<Finding>,
}

impl Checked {
    /// All findings, sorted by file and position.
    pub fn all_findings(&self) -> Vec<&Finding> {
        let mut all: Vec<&Finding> = self
            .findings
            .iter()
            .chain(self.outcomes.iter().flat_map(|o| &o.findings))
            .collect();
        all.par_sort();
        all
    }

    /// The records that loaded, in path order.
    pub fn records(&self) -> impl Iterator<Item = (&RecordFile, &Record)> {
        self.outcomes
            .iter()
            .filter_map(|o| o.record.as_deref().map(|r| (&o.file, r)))
    }
}

/// Load and check every record file of `kinds` under `root`, in parallel, then run the cross-record rules.
///
/// Records for which `keep` is false are dropped as soon as they are checked (validation needs
/// only the findings, a listing only the records it shows), which keeps memory flat on large
/// record sets.
pub fn check_all(root: &Root, config: &Config, today: NaiveDate, kinds: &[Kind], keep: &Keep<'_>) -> Checked {
    check_all_within(root, config, today, kinds, keep, None, Wanted::All)
}

/// As `check_all`; with a `budget`, kept records hold their full text only until the files kept
/// so far add up to `budget` bytes, and are kept slim after that (`Record::slim`), so that memory
/// stays bounded however large the record set: a slim record's text is read again when shown.
pub fn check_all_within(
    root: &Root,
    config: &Config,
    today: NaiveDate,
    kinds: &[Kind],
    keep: &Keep<'_>,
    budget: Option<usize>,
    wanted: Wanted,
) -> Checked {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let (files, skipped) = store::walk(&root.records(), kinds);
    let kept_bytes = AtomicUsize::new(0);
    let outcomes: Vec<FileOutcome> = files
        .into_par_iter()
        .map(|f| {
            let (mut outcome, bytes) = check_file_sized(f, config, today, wanted);
            if outcome.record.as_deref().is_some_and(|r| !keep(r)) {
                outcome.record = None;
            }
            if let (Some(budget), Some(record)) = (budget, outcome.record.as_deref_mut())
                && kept_bytes.fetch_add(bytes, Ordering::Relaxed) + bytes > budget
            {
                record.slim();
                outcome.slim = true;
            }
            outcome
        })
        .collect();
    let mut findings: Vec<Finding> = skipped
        .into_iter()
        .map(|s| {
            let pos = Pos { line: 1, col: 1 };
            let f = if s.warning {
                Finding::warning(s.path, pos, s.rule, s.message)
            } else {
                Finding::error(s.path, pos, s.rule, s.message)
            };
            f.with_hint(s.hint)
        })
        .filter(|f| wanted.keeps(f))
        .collect();
    if kinds.len() == Kind::ALL.len() {
        cross_record(root, &outcomes, wanted, &mut findings);
    }
    Checked { outcomes, findings }
}

/// Rules that need the whole set: unique ids, an action's meeting, `related` resolving.
fn cross_record(root: &Root, outcomes: &[FileOutcome], wanted: Wanted, findings: &mut Vec<Finding>) {
    // Findings placed from the positions their file was read with, and those whose position is
    // found afterwards, in parallel, by reading their file again.
    let mut ready: Vec<Finding> = Vec::new();
    let mut pending: Vec<(Finding, String)> = Vec::new();
    let mut place = |mut finding: Finding, pointer: String, summary: &Summary| {
        if !wanted.keeps(&finding) {
            return;
        }
        match summary.place(&pointer) {
            Some(pos) => {
                finding.line = pos.line;
                finding.col = pos.col;
                ready.push(finding);
            }
            None => pending.push((finding, pointer)),
        }
    };
    // How many files use each id; the paths are gathered only for ids used twice.
    let mut by_id: foldhash::HashMap<&str, usize> =
        foldhash::HashMap::with_capacity_and_hasher(outcomes.len(), Default::default());
    let mut meetings = foldhash::HashSet::default();
    for o in outcomes {
        if let Some(s) = &o.summary {
            *by_id.entry(s.id.as_str()).or_default() += 1;
            if o.file.kind == Kind::Meeting {
                meetings.insert(s.id.as_str());
            }
        }
    }
    // Ids are the same id in any case (`R485`, `r485`): their files collide on macOS and Windows.
    // Each id folded once; counted by reference; the places gathered only for ids used twice.
    let folded: Vec<Option<String>> = outcomes
        .iter()
        .map(|o| o.summary.as_ref().map(|s| s.id.to_ascii_lowercase()))
        .collect();
    let mut uses: foldhash::HashMap<&str, usize> =
        foldhash::HashMap::with_capacity_and_hasher(outcomes.len(), Default::default());
    for id in folded.iter().flatten() {
        *uses.entry(id.as_str()).or_default() += 1;
    }
    let mut shared: HashMap<&str, Vec<(&str, &Path, &Summary)>> = HashMap::new();
    for (o, id) in outcomes.iter().zip(&folded) {
        if let (Some(s), Some(id)) = (&o.summary, id)
            && uses[id.as_str()] > 1
        {
            shared
                .entry(id.as_str())
                .or_default()
                .push((s.id.as_str(), &o.file.path, s));
        }
    }
    for places in shared.values() {
        for (i, (id, path, summary)) in places.iter().enumerate() {
            let others: Vec<String> = places
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, (other, p, _))| {
                    let shown = p.strip_prefix(&root.dir).unwrap_or(p).display();
                    if other == id {
                        format!("`{shown}`")
                    } else {
                        format!("`{shown}` (as `{other}`)")
                    }
                })
                .collect();
            let same_spelling = places.iter().all(|(other, _, _)| other == id);
            let mut finding = Finding::error(
                *path,
                UNPLACED,
                "duplicate-id",
                format!("id `{id}` is also used by {}", others.join(", ")),
            );
            if !same_spelling {
                finding = finding
                    .hint("ids that differ only in case are the same id (and the same file on macOS and Windows)");
            }
            place(finding, "/id".to_string(), summary);
        }
    }
    for o in outcomes {
        let Some(s) = &o.summary else { continue };
        let path: &PathBuf = &o.file.path;
        if crate::ids::is_reserved(&s.id) {
            place(
                Finding::error(
                    path,
                    UNPLACED,
                    "reserved-id",
                    format!(
                        "id `{}` is a device name on Windows, so `{}.yaml` cannot be checked out there",
                        s.id, s.id
                    ),
                )
                .hint("give the record another id with `ccag mv`"),
                "/id".to_string(),
                s,
            );
        }
        // "Where one exists": a repository that keeps no meeting records is not asked to.
        if let Some(meeting) = &s.meeting
            && !meetings.is_empty()
            && !meetings.contains(meeting.as_str())
        {
            place(
                Finding::error(
                    path,
                    UNPLACED,
                    "unknown-meeting",
                    format!("action `{}` belongs to meeting `{meeting}`, which has no record", s.id),
                )
                .hint(format!("add `records/meetings/{meeting}.yaml`, or correct the id")),
                "/id".to_string(),
                s,
            );
        }
        for (i, related) in s.related.iter().enumerate() {
            if crate::ids::same(related, &s.id) {
                place(
                    Finding::warning(
                        path,
                        UNPLACED,
                        "self-related",
                        format!("`{}` lists itself as related", s.id),
                    )
                    .hint("remove it from `related`, or name the record that was meant"),
                    format!("/related/{i}"),
                    s,
                );
            } else if !by_id.contains_key(related.as_str()) {
                place(
                    Finding::warning(
                        path,
                        UNPLACED,
                        "unresolved-related",
                        format!("related id `{related}` matches no record"),
                    ),
                    format!("/related/{i}"),
                    s,
                );
            }
        }
    }
    findings.extend(ready);
    findings.extend(placed(pending));
}

/// Ids across branches (`validate --against REV`): each id a record of the work tree has that
/// the merge base of HEAD and `rev` did not (added on this branch) but `rev` has (added there
/// too since the branches parted, or held in another file) is an error naming `rev`'s file.
/// Only file names are read from git (`ls-tree`), never blobs.
pub fn against(git: &crate::git::Git, root: &Root, checked: &Checked, rev: &str) -> anyhow::Result<Vec<Finding>> {
    let target = git.resolve(rev)?;
    let base = git.merge_base("HEAD", &target)?;
    let prefix = crate::history::records_prefix(git, &root.dir)?;
    let ids_at = |commit: &str| -> anyhow::Result<HashMap<String, String>> {
        Ok(git
            .ids_at(commit, &prefix)?
            .into_iter()
            .map(|(id, path)| (id.to_ascii_lowercase(), path))
            .collect())
    };
    let at_base = ids_at(&base)?;
    let at_target = ids_at(&target)?;
    let mut pending = Vec::new();
    for o in &checked.outcomes {
        let Some(s) = &o.summary else { continue };
        let folded = s.id.to_ascii_lowercase();
        if at_base.contains_key(&folded) {
            continue;
        }
        let Some(there) = at_target.get(&folded) else { continue };
        let here = git.relative(&o.file.path).unwrap_or_default();
        let message = if *there == here {
            format!(
                "id `{}` was added on this branch and on `{rev}` too (both as `{there}`): the two records will conflict",
                s.id
            )
        } else {
            format!(
                "id `{}` was added on this branch, and `{rev}` holds it in `{there}`",
                s.id
            )
        };
        pending.push((
            Finding::error(&o.file.path, UNPLACED, "branch-id-clash", message)
                .hint(format!("give this record a free id with `ccag mv {} NEW-ID` (after `git merge {rev}`, `ccag add` allocates past it)", s.id)),
            "/id".to_string(),
        ));
    }
    Ok(placed(pending))
}

/// Give each finding its position: every file named is read and its positions built once,
/// however many findings it has (8,000 unresolved ids in one file are one read, not 8,000).
fn placed(pending: Vec<(Finding, String)>) -> Vec<Finding> {
    let mut by_file: HashMap<PathBuf, Vec<(Finding, String)>> = HashMap::new();
    for (f, pointer) in pending {
        by_file.entry(f.path.clone()).or_default().push((f, pointer));
    }
    let mut files: Vec<(PathBuf, Vec<(Finding, String)>)> = by_file.into_iter().collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
        .into_par_iter()
        .flat_map_iter(|(path, list)| {
            let text = std::fs::read_to_string(&path).ok();
            let spans = text.as_deref().map(store::yaml::LazySpans::new);
            list.into_iter()
                .map(|(mut f, pointer)| {
                    let pos = spans
                        .as_ref()
                        .map(|s| s.get().value(&pointer))
                        .unwrap_or(Pos { line: 1, col: 1 });
                    f.line = pos.line;
                    f.col = pos.col;
                    f
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Keep only findings about files under one of `paths` (all when empty).
pub fn restrict<'a>(findings: Vec<&'a Finding>, paths: &[PathBuf]) -> Vec<&'a Finding> {
    if paths.is_empty() {
        return findings;
    }
    findings
        .into_iter()
        .filter(|f| paths.iter().any(|p| f.path.starts_with(p)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Every record under `dir` checked on 2024-06-01 with the default configuration.
    fn check_dir(dir: &Path, wanted: Wanted) -> Checked {
        let root = Root { dir: dir.to_path_buf() };
        let today = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        check_all_within(&root, &Config::default(), today, &Kind::ALL, &keep_all, None, wanted)
    }

    /// A record set asks for errors only: it must get exactly the errors a full check gives, at
    /// the same places, and no warning (whose placing it skipped).
    #[test]
    fn errors_only_gives_the_errors_of_a_full_check_and_no_warnings() {
        let dir = tempfile::tempdir().unwrap();
        let schema = "# yaml-language-server: $schema=../../schemas/action.schema.json\n";
        let action = |id: &str, due: &str, related: &str| {
            format!(
                "{schema}id: {id}\ntitle: Circulate the list\nraised: 2024-02-01\nowner:\n  org: BSC\n\
                 due: {due}\nstatus: open\nrelated: [{related}]\n"
            )
        };
        // Overdue (a warning on `due`, line 7) and related to nothing (a cross-record warning).
        write(
            dir.path(),
            "records/actions/CCAG1-01.yaml",
            &action("CCAG1-01", "2024-03-01", "CP9999"),
        );
        // Due before raised: an error on line 7.
        write(
            dir.path(),
            "records/actions/CCAG1-02.yaml",
            &action("CCAG1-02", "2024-01-01", "CCAG1-01"),
        );
        // A meeting that does not exist: a cross-record error.
        write(
            dir.path(),
            "records/actions/CCAG2-01.yaml",
            &action("CCAG2-01", "2024-03-01", "CCAG1-01"),
        );
        write(
            dir.path(),
            "records/meetings/CCAG1.yaml",
            "id: CCAG1\ndate: 2024-02-01\nitems:\n  - title: Welcome\n    minutes: 5\n",
        );
        let check = |wanted| {
            let checked = check_dir(dir.path(), wanted);
            let mut all: Vec<Finding> = checked.all_findings().into_iter().cloned().collect();
            all.sort();
            all
        };
        let full = check(Wanted::All);
        let errors_only = check(Wanted::Errors);

        let rules = |f: &[Finding]| f.iter().map(|f| (f.rule, f.line)).collect::<Vec<_>>();
        let warnings: Vec<&Finding> = full.iter().filter(|f| !f.is_error()).collect();
        assert!(
            warnings.iter().any(|f| f.rule == "overdue-action" && f.line == 7),
            "{:?}",
            rules(&full)
        );
        assert!(warnings.iter().any(|f| f.rule == "unresolved-related" && f.line == 9));
        let errors: Vec<Finding> = full.iter().filter(|f| f.is_error()).cloned().collect();
        assert!(
            errors.iter().any(|f| f.rule == "date-order" && f.line == 7),
            "{:?}",
            rules(&full)
        );
        assert!(errors.iter().any(|f| f.rule == "unknown-meeting" && f.line == 2));
        assert_eq!(errors_only, errors);
    }

    /// Cross-record findings are placed from the positions their file was read with, or, for a
    /// file the fast path left to saphyr, by reading it again: either way where saphyr puts the
    /// node they name.
    #[test]
    fn cross_record_findings_stand_where_saphyr_places_their_node() {
        let dir = tempfile::tempdir().unwrap();
        let head = "id: {id}\ntitle: Circulate the list\nraised: 2024-02-01\nowner:\n  org: BSC\n\
                    due: 2030-01-01\nstatus: open\n";
        let files = [
            // A block list: the fast path, positions read with the values.
            (
                "CCAG1-01",
                "related:\n  - CCAG1-02\n  - CP0001\n  # a comment\n  - CCAG1-01\n",
            ),
            // A flow list, after a comment line.
            ("CCAG1-02", "# see also\nrelated: [CCAG1-01,   P999, 'CP0002']\n"),
            // An anchor: saphyr's path, placed by reading the file again.
            ("CCAG1-03", "related: [&x CCAG1-01, CP0003]\n"),
            // The same id in a second file.
            ("CCAG1-04", "related:\n- CP0004\n"),
        ];
        let mut texts = Vec::new();
        for (i, (id, tail)) in files.iter().enumerate() {
            let text = format!("{}{tail}", head.replace("{id}", id));
            let rel = format!("records/actions/{id}.yaml");
            write(dir.path(), &rel, &text);
            texts.push((rel, text.clone()));
            if i == 3 {
                let rel = "records/actions/archive/CCAG1-04.yaml".to_string();
                write(dir.path(), &rel, &text);
                texts.push((rel, text));
            }
        }
        write(
            dir.path(),
            "records/meetings/CCAG1.yaml",
            "id: CCAG1\ndate: 2024-02-01\n",
        );
        let checked = check_dir(dir.path(), Wanted::All);
        let cross = ["duplicate-id", "self-related", "unresolved-related"];
        let found: Vec<&Finding> = checked.findings.iter().filter(|f| cross.contains(&f.rule)).collect();
        // CP0001, P999, CP0002, CP0003, CP0004 twice; CCAG1-01 names itself; CCAG1-04 twice.
        assert_eq!(found.len(), 9, "{found:#?}");
        for f in found {
            let (_, text) = texts.iter().find(|(rel, _)| f.path == dir.path().join(rel)).unwrap();
            let saphyr = crate::store::yaml::parse(text).unwrap().spans;
            let pointer = if f.rule == "duplicate-id" {
                "/id".to_string()
            } else {
                let items = saphyr
                    .entries()
                    .into_iter()
                    .filter(|(p, _)| p.starts_with("/related/"))
                    .map(|(p, span)| (p, span.value))
                    .collect::<Vec<_>>();
                let named = f.message.split('`').nth(1).unwrap();
                let value: Value = crate::store::yaml::parse(text).unwrap().value;
                let i = value["related"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .position(|v| v == named)
                    .unwrap();
                assert!(items.iter().any(|(p, _)| *p == format!("/related/{i}")));
                format!("/related/{i}")
            };
            let at = saphyr.value(&pointer);
            assert_eq!(
                (f.line, f.col),
                (at.line, at.col),
                "{} {pointer}: {}",
                f.rule,
                f.message
            );
        }
    }
}
