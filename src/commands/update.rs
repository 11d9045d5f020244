//! `ccag update ID` and `ccag close ID`: in-place edits that keep comments, order and layout,
//! validated before writing; on any refusal the file stays byte-identical.

use anyhow::{Result, bail};
use serde_json::Value;

use super::Context;
use super::author;
use crate::Outcome;
use crate::cli::{CloseArgs, UpdateArgs, WriteArgs};
use crate::edit::{self, Change};
use crate::git;
use crate::model::{ActionStatus, Kind, RiskStatus};
use crate::query::RecordSet;
use crate::store::{RecordFile, load_file, write};
use crate::validate;

pub fn update(cx: &Context, args: UpdateArgs) -> Result<Outcome> {
    let set = cx.load(&Kind::ALL)?;
    let Some((file, value)) = locate(cx, &set, &args.id)? else {
        return Ok(not_found(cx, &set, &args.id));
    };
    let mut changes = Vec::new();
    let mut summary = Vec::new();
    for (path, new) in author::assign(file.kind, &args.fields).map_err(anyhow::Error::msg)? {
        summary.push(format!(
            "{} {}",
            path.replace('.', " "),
            new.as_str().unwrap_or_default()
        ));
        if file.kind == Kind::Action && path == "status" {
            changes.extend(closing_changes(cx, &value, new.as_str().unwrap_or_default()));
        }
        changes.push(Change::set(&path, new));
    }
    if let Some(note) = &args.note {
        if !matches!(file.kind, Kind::Action | Kind::Cr) {
            bail!(
                "--note adds to `updates`, which {} does not have",
                file.kind.with_article()
            );
        }
        changes.push(Change::AppendUpdate {
            date: cx.today,
            text: note.clone(),
        });
        summary.push(format!("note \"{note}\""));
    }
    if changes.is_empty() {
        bail!("nothing to change: pass a field flag (e.g. `--status`) or `--note`");
    }
    let id = value.get("id").and_then(Value::as_str).unwrap_or(&args.id).to_string();
    let message = format!("ccag: update {id} — {}", summary.join("; "));
    apply(cx, &file, &changes, args.write, &message)
}

pub fn close(cx: &Context, args: CloseArgs) -> Result<Outcome> {
    let set = cx.load(&Kind::ALL)?;
    let Some((file, value)) = locate(cx, &set, &args.id)? else {
        return Ok(not_found(cx, &set, &args.id));
    };
    let id = value.get("id").and_then(Value::as_str).unwrap_or(&args.id).to_string();
    let status = value.get("status").and_then(Value::as_str).unwrap_or_default();
    let mut changes = match file.kind {
        Kind::Action if status == ActionStatus::Closed.as_str() => bail!("action `{id}` is already closed"),
        Kind::Action => {
            let mut c = closing_changes(cx, &value, ActionStatus::Closed.as_str());
            c.insert(0, Change::set("status", ActionStatus::Closed.as_str()));
            c
        }
        Kind::Risk if status == RiskStatus::Closed.as_str() => bail!("risk `{id}` is already closed"),
        Kind::Risk => vec![Change::set("status", RiskStatus::Closed.as_str())],
        other => bail!(
            "only actions and risks close; for {} use `ccag update {id} --status …`",
            other.with_article()
        ),
    };
    if let Some(note) = &args.note {
        if file.kind != Kind::Action {
            bail!("--note adds to `updates`, which a risk does not have");
        }
        changes.push(Change::AppendUpdate {
            date: cx.today,
            text: note.clone(),
        });
    }
    let message = match &args.note {
        Some(note) => format!("ccag: close {id} — {note}"),
        None => format!("ccag: close {id}"),
    };
    apply(cx, &file, &changes, args.write, &message)
}

/// Closing an action sets `closed: today`; reopening one removes it.
fn closing_changes(cx: &Context, value: &Value, new_status: &str) -> Vec<Change> {
    let has_closed = value.get("closed").is_some();
    if new_status == ActionStatus::Closed.as_str() && !has_closed {
        vec![Change::set("closed", cx.today.format("%Y-%m-%d").to_string())]
    } else if new_status != ActionStatus::Closed.as_str() && has_closed {
        vec![Change::Remove { field: "closed".into() }]
    } else {
        Vec::new()
    }
}

/// The file of the record with `id` (any case), read fresh; `None` when no record has it.
fn locate(cx: &Context, set: &RecordSet, id: &str) -> Result<Option<(RecordFile, Value)>> {
    let loaded = set
        .paths
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(id))
        .map(|(_, p)| p);
    // The walk gives each file's kind; a record with errors is not in the set, but can still be
    // edited if its file loads, so fall back to the file named after the id.
    let (files, _) = crate::store::walk(&cx.root.records(), &Kind::ALL);
    let file = files.into_iter().find(|f| match loaded {
        Some(p) => &f.path == p,
        None => f
            .path
            .file_stem()
            .is_some_and(|s| s.to_string_lossy().eq_ignore_ascii_case(id)),
    });
    let Some(RecordFile { kind, path }) = file else {
        return Ok(None);
    };
    let doc = load_file(&path).map_err(|e| {
        anyhow::anyhow!(
            "cannot edit `{}`: {}:{}: {}",
            cx.show_path(&path),
            e.pos.line,
            e.pos.col,
            e.message
        )
    })?;
    Ok(Some((RecordFile { kind, path }, doc.value)))
}

fn not_found(cx: &Context, set: &RecordSet, id: &str) -> Outcome {
    cx.report_problems(set);
    #[allow(clippy::print_stderr)]
    {
        eprintln!("error: no record has id `{id}`");
    }
    Outcome::Findings
}

fn apply(cx: &Context, file: &RecordFile, changes: &[Change], opts: WriteArgs, message: &str) -> Result<Outcome> {
    let _lock = if opts.dry_run {
        None
    } else {
        Some(write::lock(&cx.root.dir)?)
    };
    // Read under the lock, so no other ccag writer can change the file between read and write.
    let before = std::fs::read_to_string(&file.path)?;
    let after = match edit::apply(&before, file.kind, changes) {
        Ok(after) => after,
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!(
                    "error: cannot edit `{}` safely: {e}; the file is unchanged",
                    cx.show_path(&file.path)
                );
            }
            return Ok(Outcome::Usage);
        }
    };
    let outcome = validate::check_text(file.clone(), &after, &cx.config, cx.today);
    let errors: Vec<_> = outcome.findings.iter().filter(|f| f.is_error()).cloned().collect();
    if !errors.is_empty() {
        author::print_refusal(cx, "the edited record would not be valid", &errors);
        return Ok(Outcome::Usage);
    }
    let label = cx.show_path(&file.path);
    if opts.dry_run {
        cx.emit(&author::diff(&label, &before, &after))?;
        return Ok(Outcome::Success);
    }
    if opts.commit {
        git::check_can_commit(&cx.root.dir, &file.path)?;
    }
    write::replace(&cx.root.dir, &file.path, after.as_bytes())?;
    cx.emit(&format!("{label}\n"))?;
    if opts.commit {
        let commit = git::commit_file(&cx.root.dir, &file.path, message)?;
        cx.emit(&format!("committed {commit}\n"))?;
    }
    Ok(Outcome::Success)
}
