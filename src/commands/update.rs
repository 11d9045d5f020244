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
        let (file, value) = match locate(cx, &self.id)? {
            Located::Found(file, value) => (file, value),
            Located::Missing => return cx.no_record(&self.id),
            Located::Broken(outcome) => return Ok(outcome),
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
    let Some(file) = store::walk::find(&records, id) else {
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
    let before_text = before.clone();
    let plan = Plan {
        file: file.clone(),
        before: Some(before),
        after,
        message: message.to_string(),
    };
    let label = cx.show_path(&file.path);
    let broken_before = crate::validate::check_text(file.clone(), &before_text, &repo.config, cx.today)
        .findings
        .iter()
        .any(|f| f.is_error());
    let what = if broken_before {
        format!("`{label}` already has errors, and this edit does not fix them all")
    } else {
        "the edited record would not be valid".to_string()
    };
    cx.report_write(session.apply(plan)?, &what, |before, after| {
        pipeline::diff(&label, before.as_deref().unwrap_or_default(), &after)
    })
}
