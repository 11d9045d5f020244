//! `ccag update ID`: in-place edits that keep comments, order and layout, validated and written
//! by the pipeline; on any refusal the file stays byte-identical.

use anyhow::{Result, bail};
use serde_json::Value;

use super::options::FieldValues;
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::UpdateArgs;
use crate::edit::pipeline::{self, Plan, Session, WriteOptions};
use crate::edit::{self, Change};
use crate::model::fields;
use crate::model::{ActionStatus, Kind};
use crate::store::{self, RecordFile, load_file};

pub struct Update {
    id: String,
    fields: FieldValues,
    note: Option<String>,
    write: WriteOptions,
}

impl Update {
    pub fn new(args: UpdateArgs, fields: FieldValues) -> Result<Update> {
        Ok(Update {
            id: args.id,
            fields,
            note: args.note,
            write: WriteOptions {
                dry_run: args.write.dry_run,
                commit: args.write.commit,
            },
        })
    }
}

impl Run for Update {
    const NEEDS: Needs = Needs::WritableRecords;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let Some((file, value)) = locate(cx, &self.id)? else {
            return Ok(cx.not_found(&self.id, &[]));
        };
        let mut changes = Vec::new();
        let mut summary = Vec::new();
        let mut wrong = Vec::new();
        for (flag, values) in &self.fields.0 {
            let Some(field) = fields::by_flag(file.kind, flag).filter(|f| f.ty.is_scalar()) else {
                wrong.push(format!("--{flag}"));
                continue;
            };
            let new = values.last().cloned().unwrap_or_default();
            summary.push(format!("{} {new}", field.path.replace('.', " ")));
            if file.kind == Kind::Action && field.path == "status" {
                changes.extend(closing_changes(cx, &value, &new));
            }
            changes.push(Change::set(field.path, new));
        }
        if !wrong.is_empty() {
            bail!(
                "{} {} not a field of {}",
                wrong.join(", "),
                if wrong.len() == 1 { "is" } else { "are" },
                file.kind.with_article()
            );
        }
        if let Some(note) = &self.note {
            if fields::field_of(file.kind, "updates").is_none() {
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
        let id = value.get("id").and_then(Value::as_str).unwrap_or(&self.id).to_string();
        let message = format!("ccag: update {id} — {}", summary.join("; "));
        apply_edit(cx, &file, &changes, self.write, &message)
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

/// The file of the record with `id` (any case), found by name and read fresh; `None` when no
/// record file has that name. Nothing else is parsed.
pub(super) fn locate(cx: &Context, id: &str) -> Result<Option<(RecordFile, Value)>> {
    let records = cx.records_dir()?;
    let Some(file) = store::walk::find(&records, id) else {
        return Ok(None);
    };
    let doc = load_file(&file.path).map_err(|e| {
        anyhow::anyhow!(
            "cannot edit `{}`: {}:{}: {}",
            cx.show_path(&file.path),
            e.pos.line,
            e.pos.col,
            e.message
        )
    })?;
    Ok(Some((file, doc.value)))
}

/// Make `changes` to the record in `file` through the write pipeline.
pub(super) fn apply_edit(
    cx: &Context,
    file: &RecordFile,
    changes: &[Change],
    options: WriteOptions,
    message: &str,
) -> Result<Outcome> {
    let repo = cx.repo()?;
    let session = Session::begin(&repo.root, &repo.config, cx.today, options)?;
    // Read under the lock, so no other ccag writer can change the file between read and write.
    let before = session.read(&file.path)?;
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
    let plan = Plan {
        file: file.clone(),
        before: Some(before),
        after,
        message: message.to_string(),
    };
    let label = cx.show_path(&file.path);
    cx.report_write(session.apply(plan)?, "the edited record", |before, after| {
        pipeline::diff(&label, before.as_deref().unwrap_or_default(), &after)
    })
}
