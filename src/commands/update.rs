//! `ccag update ID…`: in-place edits that keep comments, order and layout, validated and written
//! by the pipeline; on any refusal every file stays byte-identical.

use anyhow::{Result, bail};
use serde_json::Value;

use super::edits::{Edit, apply_edits, closing_changes, locate_all};
use super::options::{FieldValues, write_options};
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::UpdateArgs;
use crate::edit::Change;
use crate::edit::pipeline::WriteOptions;
use crate::model::Kind;
use crate::model::fields::{self, FieldType};
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
            write: write_options(args.write),
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
            let Some(field) = fields::by_flag(file.kind, flag) else {
                wrong.push(format!("--{flag}"));
                continue;
            };
            if !field.ty.is_scalar() {
                for v in values {
                    let entry = match field.ty {
                        FieldType::Items => super::options::parse_item(v)?,
                        _ => Value::from(v.as_str()),
                    };
                    summary.push(format!("{} + {v}", field.path));
                    changes.push(Change::AddItem {
                        field: field.path.to_string(),
                        value: entry,
                    });
                }
                continue;
            }
            let new = values.last().cloned().unwrap_or_default();
            summary.push(format!("{} {new}", field.path.replace('.', " ")));
            if file.kind == Kind::Action && field.path == "status" {
                changes.extend(closing_changes(cx, value, &new));
            }
            changes.push(Change::set(field.path, new));
        }
        // Removals name entries as they are now; count them off from the end, so that earlier
        // removals do not move later ones.
        let mut removals = Vec::new();
        for (flag, values) in &self.fields.1 {
            let Some(field) = fields::by_flag(file.kind, flag) else {
                wrong.push(format!("--remove-{flag}"));
                continue;
            };
            let items = value
                .get(field.path)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for v in values {
                let index = entry_index(&items, field.ty, v).ok_or_else(|| {
                    let have: Vec<String> = items
                        .iter()
                        .enumerate()
                        .map(|(n, i)| format!("{}. {}", n + 1, entry_name(i)))
                        .collect();
                    anyhow::anyhow!(
                        "`{}` has no entry `{v}`{}",
                        field.path,
                        if have.is_empty() {
                            " (it is empty)".to_string()
                        } else {
                            format!("; it has: {}", have.join(", "))
                        }
                    )
                })?;
                summary.push(format!("{} − {}", field.path, entry_name(&items[index])));
                removals.push((field.path, index));
            }
        }
        removals.sort_by(|a, b| a.0.cmp(b.0).then(b.1.cmp(&a.1)));
        removals.dedup();
        changes.extend(removals.into_iter().map(|(field, index)| Change::RemoveItem {
            field: field.to_string(),
            index,
        }));
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

/// Where `given` is in the list `items`: its number (1 is the first), or the entry itself (an
/// id in any case, a text as written, an agenda item by its title in any case).
fn entry_index(items: &[Value], ty: FieldType, given: &str) -> Option<usize> {
    if let Ok(n) = given.trim().parse::<usize>()
        && (1..=items.len()).contains(&n)
        && ty != FieldType::Ids
    {
        return Some(n - 1);
    }
    items.iter().position(|item| match (ty, item) {
        (FieldType::Items, Value::Object(m)) => m
            .get("title")
            .and_then(Value::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case(given.trim())),
        (FieldType::Ids, Value::String(s)) => crate::ids::same(s, given.trim()),
        (_, Value::String(s)) => s == given || s.trim() == given.trim(),
        _ => false,
    })
}

/// An entry as a person names it: an id or text, or an agenda item's title.
fn entry_name(item: &Value) -> String {
    match item {
        Value::String(s) => s.clone(),
        Value::Object(m) => m.get("title").and_then(Value::as_str).unwrap_or("?").to_string(),
        other => other.to_string(),
    }
}
