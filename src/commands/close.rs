//! `ccag close ID`: close an action (setting `closed`) or a risk, optionally with a note.

use anyhow::{Result, bail};
use serde_json::Value;

use super::update::{Located, apply_edit, closing_changes, locate};
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::CloseArgs;
use crate::edit::Change;
use crate::edit::pipeline::WriteOptions;
use crate::model::{ActionStatus, Kind, RiskStatus};

pub struct Close {
    id: String,
    note: Option<String>,
    write: WriteOptions,
}

impl Close {
    pub fn new(args: CloseArgs) -> Result<Close> {
        Ok(Close {
            id: args.id,
            note: args.note,
            write: WriteOptions {
                dry_run: args.write.dry_run,
                commit: args.write.commit,
            },
        })
    }
}

impl Run for Close {
    const NEEDS: Needs = Needs::WritableRecords;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let (file, value) = match locate(cx, &self.id)? {
            Located::Found(file, value) => (file, value),
            Located::Missing => return cx.no_record(&self.id),
            Located::Broken(outcome) => return Ok(outcome),
        };
        let id = value.get("id").and_then(Value::as_str).unwrap_or(&self.id).to_string();
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
        if let Some(note) = &self.note {
            changes.push(Change::AppendUpdate {
                date: cx.today,
                text: note.clone(),
            });
        }
        let message = match &self.note {
            Some(note) => format!("ccag: close {id} — {note}"),
            None => format!("ccag: close {id}"),
        };
        apply_edit(cx, &file, &changes, self.write, &message)
    }
}
