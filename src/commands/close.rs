//! `ccag close ID…` and `ccag reopen ID…`: close an action (setting `closed`) or a risk, or
//! open it again, optionally with a note. Several ids land together or not at all.

use anyhow::{Result, bail};
use serde_json::Value;

use super::edits::{Edit, apply_edits, closing_changes, locate_all};
use super::options::write_options;
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::CloseArgs;
use crate::edit::Change;
use crate::edit::pipeline::WriteOptions;
use crate::model::{ActionStatus, Kind, RiskStatus};

pub struct Close {
    ids: Vec<String>,
    note: Option<String>,
    write: WriteOptions,
    /// `reopen`: open again what was closed.
    reopen: bool,
}

impl Close {
    pub fn new(args: CloseArgs, reopen: bool) -> Result<Close> {
        Ok(Close {
            ids: args.ids,
            note: args.note,
            write: write_options(args.write),
            reopen,
        })
    }

    /// The status change for the record `id` of `kind`, now `status`.
    fn changes(&self, cx: &Context, id: &str, kind: Kind, value: &Value) -> Result<Vec<Change>> {
        let status = value.get("status").and_then(Value::as_str).unwrap_or_default();
        let (closed, open) = match kind {
            Kind::Action => (ActionStatus::Closed.as_str(), ActionStatus::Open.as_str()),
            Kind::Risk => (RiskStatus::Closed.as_str(), RiskStatus::Open.as_str()),
            Kind::Milestone => bail!(
                "only actions and risks close; a milestone is done when it is complete\n  \
                 hint: `ccag update {id} --status complete --actual {}`",
                cx.today
            ),
            Kind::Cr => bail!(
                "only actions and risks close; a cr ends with its decision\n  \
                 hint: `ccag update {id} --status approved` (or implemented, rejected, withdrawn)"
            ),
            Kind::Meeting => bail!("only actions and risks close; a meeting is not opened or closed"),
        };
        let target = if self.reopen {
            if status != closed {
                bail!("{kind} `{id}` is not closed (it is `{status}`)");
            }
            open
        } else {
            if status == closed {
                bail!("{kind} `{id}` is already closed");
            }
            closed
        };
        let mut changes = vec![Change::set("status", target)];
        if kind == Kind::Action {
            changes.extend(closing_changes(cx, value, target));
        }
        if let Some(note) = &self.note {
            changes.push(Change::AppendUpdate {
                date: cx.today,
                text: note.clone(),
            });
        }
        Ok(changes)
    }
}

impl Run for Close {
    const NEEDS: Needs = Needs::WritableRecords;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let found = match locate_all(cx, &self.ids)? {
            Ok(found) => found,
            Err(outcome) => return Ok(outcome),
        };
        let verb = if self.reopen { "reopen" } else { "close" };
        let mut edits = Vec::new();
        for (id, file, value) in found {
            let changes = self.changes(cx, &id, file.kind, &value)?;
            let message = match &self.note {
                Some(note) => format!("ccag: {verb} {id} — {note}"),
                None => format!("ccag: {verb} {id}"),
            };
            edits.push(Edit { file, changes, message });
        }
        apply_edits(cx, edits, self.write)
    }
}
