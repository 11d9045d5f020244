//! `ccag update ID…`: in-place edits that keep comments, order and layout, validated and written
//! by the pipeline; on any refusal every file stays byte-identical.

use anyhow::{Result, bail};
use serde_json::Value;

use super::edits::{Edit, apply_edits, closing_changes, locate_all};
use super::options::FieldValues;
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::UpdateArgs;
use crate::edit::Change;
use crate::edit::pipeline::WriteOptions;
use crate::model::Kind;
use crate::model::fields;
use crate::store::RecordFile;

pub struct Update {
    ids: Vec<String>,
    fields: FieldValues,
    note: Option<String>,
    write: WriteOptions,
}

impl Update {
    pub fn new(args: UpdateArgs, fields: FieldValues) -> Result<Update> {
        Ok(Update {
            ids: args.ids,
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
        let found = match locate_all(cx, &self.ids)? {
            Ok(found) => found,
            Err(outcome) => return Ok(outcome),
        };
        let mut edits = Vec::new();
        for (id, file, value) in found {
            let (changes, summary) = self.changes_for(cx, &file, &value)?;
            edits.push(Edit {
                file,
                changes,
                message: format!("ccag: update {id} — {}", summary.join("; ")),
            });
        }
        apply_edits(cx, edits, self.write)
    }
}

impl Update {
    /// The changes to make to the record in `file` (now `value`), and how to say them.
    fn changes_for(&self, cx: &Context, file: &RecordFile, value: &Value) -> Result<(Vec<Change>, Vec<String>)> {
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
                changes.extend(closing_changes(cx, value, &new));
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
        Ok((changes, summary))
    }
}
