//! `ccag import FILE.xlsx|FILE.csv [--sheet NAME] [--kind K] [--dry-run] [--commit]`: rows become
//! records. A row whose id exists updates that record in place (the edit engine: comments and
//! untouched lines kept); a new id creates one. All or nothing: every row is read and every
//! resulting record checked before anything is written, and one finding writes nothing.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Result, bail};
use serde_json::Value;

use super::options::checked_kind;
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::ImportArgs;
use crate::edit::pipeline::{ChangeSet, Plan, SetDone, WriteOptions};
use crate::edit::{self, new_record};
use crate::model::Kind;
use crate::sheets::import::{self as sheet_import, Problem, RowIn};
use crate::sheets::read::{self, Grid};
use crate::sheets::{Column, Sheet};
use crate::store::{RecordFile, yaml};

pub struct Import {
    file: PathBuf,
    sheet: Option<String>,
    kind: Option<Kind>,
    options: WriteOptions,
}

impl Import {
    pub fn new(args: ImportArgs) -> Result<Import> {
        Ok(Import {
            file: args.file,
            sheet: args.sheet,
            kind: args.kind.as_deref().map(checked_kind).transpose()?,
            options: WriteOptions {
                dry_run: args.dry_run,
                commit: args.commit,
            },
        })
    }
}

/// What an import does to one record.
enum Verdict {
    New,
    Changed(Vec<String>),
    Unchanged,
}

impl Run for Import {
    const NEEDS: Needs = Needs::WritableRecords;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let path = cx.cwd.join(&self.file);
        let shown = cx.show_path(&path);
        let grids = read::read(&path, &shown)?;
        if let Some(name) = &self.sheet
            && !grids.iter().any(|g| g.sheet.eq_ignore_ascii_case(name))
        {
            let names: Vec<String> = grids.iter().map(|g| format!("`{}`", g.sheet)).collect();
            bail!("`{shown}` has no sheet `{name}`; its sheets are {}", names.join(", "));
        }
        let mut problems: Vec<Problem> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        let mut rows: Vec<RowIn> = Vec::new();
        let mut unknown: Vec<String> = Vec::new();
        let mut read_any = false;
        for grid in &grids {
            if let Some(name) = &self.sheet
                && !grid.sheet.eq_ignore_ascii_case(name)
            {
                continue;
            }
            match self.sheet_kind(grid) {
                SheetKind::Rows(kind) => {
                    read_any = true;
                    let headers: Vec<String> = grid
                        .rows
                        .first()
                        .map(|r| r.iter().map(sheet_import::header_text).collect())
                        .unwrap_or_default();
                    let matched: Vec<Option<Column>> =
                        headers.iter().map(|h| sheet_import::column_for(kind, h)).collect();
                    let unmatched: Vec<String> = headers
                        .iter()
                        .zip(&matched)
                        .filter(|(h, m)| m.is_none() && !h.is_empty())
                        .map(|(h, _)| format!("`{h}`"))
                        .collect();
                    if !unmatched.is_empty() {
                        notes.push(format!(
                            "{}: columns not imported (no {kind} field): {}",
                            grid.sheet,
                            unmatched.join(", ")
                        ));
                    }
                    if !matched.iter().any(|c| c.is_some_and(|c| c.field() == Some("id"))) {
                        problems.push(Problem {
                            at: format!("{}!1", grid.sheet),
                            message: format!(
                                "no id column: a {kind} sheet needs one ({})",
                                crate::sheets::columns(kind)[id_index(kind)].heading
                            ),
                        });
                        continue;
                    }
                    rows.extend(sheet_import::rows(grid, kind, &matched, cx.today, &mut problems));
                }
                SheetKind::Skip(why) => notes.push(format!("{}: not imported ({why})", grid.sheet)),
                SheetKind::Unknown => unknown.push(grid.sheet.clone()),
            }
        }
        // A sheet of notes beside the logs is named and left; a file with no sheet ccag can
        // place is an error.
        for sheet in unknown {
            let why = "cannot tell which kind of record this sheet holds; pass `--kind` (and `--sheet`)";
            if read_any {
                notes.push(format!("{sheet}: not imported ({why})"));
            } else {
                problems.push(Problem {
                    at: sheet,
                    message: why.into(),
                });
            }
        }
        #[allow(clippy::print_stderr)]
        for note in &notes {
            eprintln!("note: {note}");
        }

        // Each id once.
        let mut seen: HashMap<String, String> = HashMap::new();
        for row in &rows {
            if let Some(first) = seen.insert(row.id.to_ascii_lowercase(), row.id_at.clone()) {
                problems.push(Problem {
                    at: row.id_at.clone(),
                    message: format!("`{}` is also on {first}", row.id),
                });
            }
            if crate::ids::check_safe(&row.id).is_err() {
                problems.push(Problem {
                    at: row.id_at.clone(),
                    message: format!(
                        "`{}` is not a safe id (letters and digits joined by single `-`)",
                        row.id
                    ),
                });
            }
        }

        // The record each row makes or changes.
        let repo = cx.repo()?;
        let set = cx.load(&Kind::ALL)?;
        // Ids are matched as `ids::same` compares them: without regard to ASCII case.
        let by_id: HashMap<String, (&String, &PathBuf)> = set
            .paths
            .iter()
            .map(|(id, p)| (id.to_ascii_lowercase(), (id, p)))
            .collect();
        // A plan for each new or changed record (none for an unchanged one), its verdict and id.
        let mut plans: Vec<(Option<Plan>, Verdict, String)> = Vec::new();
        for row in &rows {
            let existing = by_id
                .get(&row.id.to_ascii_lowercase())
                .map(|(id, p)| ((*id).clone(), (*p).clone()));
            match existing {
                Some((id, path)) => {
                    let kind = path
                        .strip_prefix(repo.root.records())
                        .ok()
                        .and_then(|p| p.components().next())
                        .and_then(|c| Kind::from_folder(&c.as_os_str().to_string_lossy()))
                        .unwrap_or(row.kind);
                    if kind != row.kind {
                        problems.push(Problem {
                            at: row.id_at.clone(),
                            message: format!(
                                "`{id}` is {} (`{}`), not {}",
                                kind.with_article(),
                                cx.show_path(&path),
                                row.kind.with_article()
                            ),
                        });
                        continue;
                    }
                    let text = std::fs::read_to_string(&path)?;
                    let value = match yaml::parse_value(&text) {
                        Ok(v) => v,
                        Err(_) => {
                            problems.push(Problem {
                                at: row.id_at.clone(),
                                message: format!(
                                    "`{id}` is in `{}`, but that file has errors (run `ccag validate`)",
                                    cx.show_path(&path)
                                ),
                            });
                            continue;
                        }
                    };
                    let changes = sheet_import::changes(&value, row);
                    if changes.is_empty() {
                        plans.push((None, Verdict::Unchanged, id));
                        continue;
                    }
                    match edit::apply(&text, kind, &changes) {
                        Ok(after) => {
                            let new_value = yaml::parse_value(&after).unwrap_or(Value::Null);
                            let fields: Vec<String> = crate::history::diff::diff(Some(&value), Some(&new_value))
                                .iter()
                                .map(ToString::to_string)
                                .collect();
                            let plan = Plan {
                                file: RecordFile { kind, path },
                                before: Some(text),
                                after,
                                message: String::new(),
                            };
                            plans.push((Some(plan), Verdict::Changed(fields), id));
                        }
                        Err(e) => problems.push(Problem {
                            at: row.at.clone(),
                            message: format!("`{id}` cannot be changed safely: {e}"),
                        }),
                    }
                }
                // A row with a cell that could not be read is reported already.
                None if row.unreadable > 0 => {}
                None => {
                    let missing = sheet_import::missing_for_new(row);
                    if !missing.is_empty() {
                        problems.push(Problem {
                            at: row.at.clone(),
                            message: format!(
                                "`{}` is a new {}, and a new one needs {}",
                                row.id,
                                row.kind,
                                missing.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
                            ),
                        });
                        continue;
                    }
                    let record = sheet_import::new_record(row);
                    let body = record.get("body").and_then(Value::as_str);
                    let path = match super::edits::new_record_path(cx, row.kind, &row.id, body) {
                        Ok(p) => p,
                        Err(e) => {
                            problems.push(Problem {
                                at: row.at.clone(),
                                message: e.to_string(),
                            });
                            continue;
                        }
                    };
                    let depth = path
                        .strip_prefix(&repo.root.dir)
                        .map(|p| p.components().count() - 1)
                        .unwrap_or(2);
                    match new_record::render(row.kind, &record, depth) {
                        Ok(text) => plans.push((
                            Some(Plan {
                                file: RecordFile { kind: row.kind, path },
                                before: None,
                                after: text,
                                message: String::new(),
                            }),
                            Verdict::New,
                            row.id.clone(),
                        )),
                        Err(e) => problems.push(Problem {
                            at: row.at.clone(),
                            message: e.to_string(),
                        }),
                    }
                }
            }
        }

        // What the record set asks across records: a new action's meeting must have a record,
        // where the repository keeps meetings (as `validate`'s `unknown-meeting`).
        if !set.meetings.is_empty() {
            let id_at: HashMap<&str, &str> = rows.iter().map(|r| (r.id.as_str(), r.id_at.as_str())).collect();
            for (plan, _, id) in &plans {
                if plan.as_ref().is_none_or(|p| p.file.kind != Kind::Action) {
                    continue;
                }
                if let Some((meeting, _)) = crate::ids::meeting_and_sequence(id)
                    && set.meeting(meeting).is_none()
                {
                    let at = id_at.get(id.as_str()).copied().unwrap_or("?");
                    problems.push(Problem {
                        at: at.to_string(),
                        message: format!(
                            "action `{id}` belongs to meeting `{meeting}`, which has no record (add it with `ccag add meeting`)"
                        ),
                    });
                }
            }
        }

        // Every resulting record is checked as a write would check it, before anything is written.
        let session = crate::edit::pipeline::Session::begin(
            &repo.root,
            &repo.config,
            cx.today,
            WriteOptions {
                dry_run: true,
                commit: false,
            },
        )?;
        let at_of: HashMap<&str, &str> = rows.iter().map(|r| (r.id.as_str(), r.at.as_str())).collect();
        let coming: Vec<String> = plans
            .iter()
            .filter(|(p, ..)| p.as_ref().is_some_and(|p| p.before.is_none()))
            .map(|(_, _, id)| id.clone())
            .collect();
        let checks = session.check_many(plans.iter().filter_map(|(p, ..)| p.as_ref()), &coming)?;
        drop(session);
        for (path, refusal) in checks {
            let id = crate::store::walk::stem(&path).into_owned();
            let at = at_of.get(id.as_str()).copied().unwrap_or("?").to_string();
            for message in refusal {
                problems.push(Problem {
                    at: at.clone(),
                    message: format!("`{id}`: {message}"),
                });
            }
        }

        if !problems.is_empty() {
            #[allow(clippy::print_stderr)]
            {
                for p in &problems {
                    eprintln!("{shown}!{}: error: {}", p.at, p.message);
                }
                eprintln!(
                    "{} {} in `{shown}`: nothing was imported",
                    problems.len(),
                    if problems.len() == 1 { "problem" } else { "problems" }
                );
            }
            return Ok(Outcome::Findings);
        }

        let (mut new, mut changed, mut unchanged) = (0, 0, 0);
        let mut report = String::new();
        for (_, verdict, id) in &plans {
            match verdict {
                Verdict::New => {
                    new += 1;
                    report.push_str(&format!("new        {id}\n"));
                }
                Verdict::Changed(fields) => {
                    changed += 1;
                    report.push_str(&format!("changed    {id}\n"));
                    for f in fields {
                        report.push_str(&format!("    {f}\n"));
                    }
                }
                Verdict::Unchanged => {
                    unchanged += 1;
                    if self.options.dry_run {
                        report.push_str(&format!("unchanged  {id}\n"));
                    }
                }
            }
        }
        let summary = format!("{new} new, {changed} changed, {unchanged} unchanged");
        let to_write: Vec<Plan> = plans.into_iter().filter_map(|(p, ..)| p).collect();
        if self.options.dry_run || to_write.is_empty() {
            let tail = if to_write.is_empty() {
                "nothing to change"
            } else {
                "nothing written (--dry-run)"
            };
            super::output::emit(&format!("{report}{shown}: {summary}; {tail}\n"))?;
            return Ok(Outcome::Success);
        }
        let session = crate::edit::pipeline::Session::begin(&repo.root, &repo.config, cx.today, self.options)?;
        let message = format!(
            "ccag: import {} — {summary}",
            path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
        );
        let (done, warnings) = session.apply_set(ChangeSet {
            plans: to_write,
            removed: Vec::new(),
            message,
        })?;
        #[allow(clippy::print_stderr)]
        for w in &warnings {
            eprintln!("warning: {w}");
        }
        match done {
            Ok(SetDone::Written { commit, .. }) => {
                let commit = commit.map(|c| format!(" (commit {c})")).unwrap_or_default();
                super::output::emit(&format!("{report}{shown}: {summary}{commit}\n"))?;
                Ok(Outcome::Success)
            }
            Ok(SetDone::Previewed { .. }) => Ok(Outcome::Success),
            Err((path, refused)) => {
                let refusal = format!("`{}` would not be valid", cx.show_path(&path));
                cx.report_write((Err(refused), Vec::new()), &refusal, |_, after| after)
            }
        }
    }
}

enum SheetKind {
    Rows(Kind),
    Skip(&'static str),
    Unknown,
}

impl Import {
    fn sheet_kind(&self, grid: &Grid) -> SheetKind {
        if let Some(kind) = self.kind {
            return SheetKind::Rows(kind);
        }
        if grid.hidden {
            return SheetKind::Skip(if grid.sheet == "Lists" {
                "the drop-down lists `ccag export` writes"
            } else {
                "a hidden sheet"
            });
        }
        if grid.rows.iter().all(|r| r.iter().all(|c| *c == read::CellIn::Blank)) {
            return SheetKind::Skip("empty");
        }
        match sheet_import::kind_of_sheet(&grid.sheet) {
            Some(Sheet::Kind(Kind::Meeting)) | Some(Sheet::AgendaItems) => {
                SheetKind::Skip("meetings are edited with `ccag add meeting` and `ccag update`")
            }
            Some(Sheet::Kind(kind)) => SheetKind::Rows(kind),
            None => {
                let headers: Vec<String> = grid
                    .rows
                    .first()
                    .map(|r| r.iter().map(sheet_import::header_text).collect())
                    .unwrap_or_default();
                match sheet_import::kind_of_headers(&headers) {
                    Some(kind) => SheetKind::Rows(kind),
                    None => SheetKind::Unknown,
                }
            }
        }
    }
}

fn id_index(kind: Kind) -> usize {
    crate::sheets::columns(kind)
        .iter()
        .position(|c| c.field() == Some("id"))
        .unwrap_or(0)
}
