//! What `update`, `close` and `reopen` share: finding a record's file by id, and making a set
//! of edits through the write pipeline — every one checked before any is written, so a batch
//! over several ids lands whole or not at all.

use std::path::PathBuf;

use anyhow::{Result, bail};
use serde_json::Value;

use super::Context;
use crate::Outcome;
use crate::edit::pipeline::{self, Plan, Session, WriteOptions};
use crate::edit::{self, Change};
use crate::model::{ActionStatus, Kind};
use crate::store::{self, RecordFile, load_file};

/// What `locate` found.
pub(super) enum Located {
    Found(RecordFile, Value),
    Missing,
    /// The file is there but not valid YAML; the error was said (exit 1).
    Broken(Outcome),
}

/// The file of the record with `id` (any case), found by name and read fresh. Nothing else is
/// parsed.
pub(super) fn locate(cx: &Context, id: &str) -> Result<Located> {
    let records = cx.records_dir()?;
    let Some(file) = store::walk::find(&records, id)? else {
        return Ok(Located::Missing);
    };
    match load_file(&file.path) {
        Ok(doc) => Ok(Located::Found(file, doc.value)),
        Err(_) => {
            // The findings `validate` gives, with their hints.
            let outcome = crate::validate::check_file(file.clone(), cx.config()?, cx.today);
            Ok(Located::Broken(cx.broken(id, &file.path, "edited", &outcome.findings)))
        }
    }
}

/// A record found for editing: its id as the file has it, its file, its value now.
pub(super) type Found = (String, RecordFile, Value);

/// Every id's file and current value, or the outcome to end with when one is missing or broken
/// (said on stderr; nothing is written then).
pub(super) fn locate_all(cx: &Context, ids: &[String]) -> Result<Result<Vec<Found>, Outcome>> {
    let mut found = Vec::new();
    for id in ids {
        if found
            .iter()
            .any(|(_, f, _): &(String, RecordFile, Value)| crate::ids::same(&store::walk::stem(&f.path), id))
        {
            continue;
        }
        match locate(cx, id)? {
            Located::Found(file, value) => {
                let id = value.get("id").and_then(Value::as_str).unwrap_or(id).to_string();
                found.push((id, file, value));
            }
            Located::Missing => {
                let outcome = cx.no_record(id)?;
                nothing_written(ids.len());
                return Ok(Err(outcome));
            }
            Located::Broken(outcome) => {
                nothing_written(ids.len());
                return Ok(Err(outcome));
            }
        }
    }
    Ok(Ok(found))
}

fn nothing_written(ids: usize) {
    if ids > 1 {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("  none of the {ids} records was changed");
        }
    }
}

/// Closing an action sets `closed: today`; reopening one removes it.
pub(super) fn closing_changes(cx: &Context, value: &Value, new_status: &str) -> Vec<Change> {
    let has_closed = value.get("closed").is_some();
    if new_status == ActionStatus::Closed.as_str() && !has_closed {
        vec![Change::set("closed", cx.today.format("%Y-%m-%d").to_string())]
    } else if new_status != ActionStatus::Closed.as_str() && has_closed {
        vec![Change::Remove { field: "closed".into() }]
    } else {
        Vec::new()
    }
}

/// One record's planned edit.
pub(super) struct Edit {
    pub file: RecordFile,
    pub changes: Vec<Change>,
    /// The commit message, with `--commit`.
    pub message: String,
}

/// Make `edits` through the write pipeline under one lock. Each file is read under the lock
/// and edited in place; when there are several, every one is checked before any is written.
pub(super) fn apply_edits(cx: &Context, edits: Vec<Edit>, options: WriteOptions) -> Result<Outcome> {
    let repo = cx.repo()?;
    let session = Session::begin(&repo.root, &repo.config, cx.today, options)?;
    let many = edits.len() > 1;
    let mut plans = Vec::new();
    for e in edits {
        // Read under the lock, so no other ccag writer can change the file between read and write.
        let before = session.read(&e.file.path)?;
        let label = cx.show_path(&e.file.path);
        let after = match edit::apply(&before, e.file.kind, &e.changes) {
            Ok(after) => after,
            Err(err) => {
                #[allow(clippy::print_stderr)]
                {
                    eprintln!("error: cannot edit `{label}` safely: {err}; the file is unchanged");
                }
                nothing_written(usize::from(many) + 1);
                return Ok(Outcome::Usage);
            }
        };
        let broken_before = crate::validate::check_text(e.file.clone(), &before, &repo.config, cx.today)
            .findings
            .iter()
            .any(|f| f.is_error());
        let refusal = if broken_before {
            format!("`{label}` already has errors, and this edit does not fix them all")
        } else {
            format!("the edited record `{label}` would not be valid")
        };
        let plan = Plan {
            file: e.file,
            before: Some(before),
            after,
            message: e.message,
        };
        plans.push((plan, label, refusal));
    }
    // With several records, every one is checked before any is written; each is then written
    // with the warnings its check gave.
    let mut checked = Vec::with_capacity(plans.len());
    if many {
        let mut refused = false;
        for (plan, _, refusal) in &plans {
            match session.check(plan)? {
                Ok(warnings) => checked.push(Some(warnings)),
                Err(why) => {
                    cx.report_write((Err(why), Vec::new()), refusal, |_, after| after)?;
                    refused = true;
                }
            }
        }
        if refused {
            nothing_written(plans.len());
            return Ok(Outcome::Usage);
        }
    }
    let mut worst = Outcome::Success;
    for (n, (plan, label, refusal)) in plans.into_iter().enumerate() {
        let done = match checked.get_mut(n).and_then(Option::take) {
            Some(warnings) => session.write_checked(plan, warnings)?,
            None => session.apply(plan)?,
        };
        let outcome = cx.report_write(done, &refusal, |before, after| {
            pipeline::diff(&label, before.as_deref().unwrap_or_default(), &after)
        })?;
        if outcome.code() > worst.code() {
            worst = outcome;
        }
    }
    Ok(worst)
}

/// The records (id, path) other than the one at `path` whose `related` names `id`. Every
/// record file is read for it (a light pass: nothing is kept).
pub(super) fn referrers(cx: &Context, id: &str, path: &std::path::Path) -> Vec<(String, std::path::PathBuf)> {
    let Ok(repo) = cx.repo() else { return Vec::new() };
    let checked = crate::validate::check_all(
        &repo.root,
        &repo.config,
        cx.today,
        &crate::model::Kind::ALL,
        &crate::validate::keep_none,
    );
    checked
        .outcomes
        .iter()
        .filter(|o| o.file.path != path && o.related().iter().any(|r| crate::ids::same(r, id)))
        .map(|o| {
            let who = o
                .id()
                .map(str::to_string)
                .unwrap_or_else(|| store::walk::stem(&o.file.path).into_owned());
            (who, o.file.path.clone())
        })
        .collect()
}

/// Say what a change set did: warnings, a refusal (exit 2), the preview of a dry run, or the
/// files written and removed and the commit.
pub(super) fn report_set(
    cx: &Context,
    (done, warnings): (
        Result<pipeline::SetDone, (std::path::PathBuf, pipeline::Refused)>,
        Vec<String>,
    ),
) -> Result<Outcome> {
    #[allow(clippy::print_stderr)]
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let emit = |text: String| super::output::emit(&text);
    match done {
        Err((path, refused)) => {
            let refusal = format!("`{}` would not be valid", cx.show_path(&path));
            cx.report_write((Err(refused), Vec::new()), &refusal, |_, after| after)
        }
        Ok(pipeline::SetDone::Previewed { plans, removed }) => {
            let mut text = String::new();
            // A new file that replaces the one removed (a rename) is shown against it.
            let renamed_from = match (removed.as_slice(), plans.iter().filter(|p| p.before.is_none()).count()) {
                ([old], 1) => Some(old),
                _ => None,
            };
            for plan in &plans {
                let label = cx.show_path(&plan.file.path);
                match (plan.before.as_deref(), renamed_from) {
                    (None, Some(old)) => {
                        let before = std::fs::read_to_string(old).unwrap_or_default();
                        let diff = similar::TextDiff::from_lines(before.as_str(), plan.after.as_str())
                            .unified_diff()
                            .context_radius(2)
                            .header(&format!("a/{}", cx.show_path(old)), &format!("b/{label}"))
                            .to_string();
                        text.push_str(&format!("# would rename {} to {label}\n{diff}", cx.show_path(old)));
                    }
                    (before, _) => text.push_str(&pipeline::diff(&label, before.unwrap_or_default(), &plan.after)),
                }
            }
            if renamed_from.is_none() {
                for path in &removed {
                    text.push_str(&format!("# would remove {}\n", cx.show_path(path)));
                }
            }
            emit(text)?;
            Ok(Outcome::Success)
        }
        Ok(pipeline::SetDone::Written {
            written,
            removed,
            commit,
        }) => {
            let mut text = String::new();
            for path in &written {
                text.push_str(&format!("{}\n", cx.show_path(path)));
            }
            for path in &removed {
                text.push_str(&format!("removed {}\n", cx.show_path(path)));
            }
            if let Some(commit) = commit {
                text.push_str(&format!("committed {commit}\n"));
            }
            emit(text)?;
            Ok(Outcome::Success)
        }
    }
}

/// Where a new record of `kind` goes: `records/<kind>/<id>.yaml`, a cr under its body's folder.
pub(super) fn new_record_path(cx: &Context, kind: Kind, id: &str, body: Option<&str>) -> Result<PathBuf> {
    let mut folder = cx.root()?.records().join(kind.folder());
    if kind == Kind::Cr {
        let body = body.unwrap_or_default();
        if body.is_empty() || body.contains(['/', '\\']) || body.starts_with('.') {
            bail!("`{body}` cannot be a folder name");
        }
        folder = folder.join(body);
    }
    Ok(folder.join(format!("{id}.yaml")))
}
