//! `ccag mv ID NEW-ID`: give a record a new id — the file renamed, its `id` set, and every
//! other record's `related` entry for it changed — as one change (one commit with `--commit`).

use anyhow::{Result, bail};
use serde_json::Value;

use super::edits::{Located, locate, referrers, report_set};
use super::options::write_options;
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::MvArgs;
use crate::edit::pipeline::{ChangeSet, Plan, Session, WriteOptions};
use crate::edit::{self, Change};
use crate::ids;
use crate::model::Kind;
use crate::store::{self, RecordFile};

pub struct Mv {
    id: String,
    new_id: String,
    write: WriteOptions,
}

impl Mv {
    pub fn new(args: MvArgs) -> Result<Mv> {
        Ok(Mv {
            id: args.id,
            new_id: args.new_id,
            write: write_options(args.write),
        })
    }
}

impl Run for Mv {
    const NEEDS: Needs = Needs::WritableRecords;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let repo = cx.repo()?;
        ids::check_safe(&self.new_id)?;
        let (file, value) = match locate(cx, &self.id)? {
            Located::Found(file, value) => (file, value),
            Located::Missing => return cx.no_record(&self.id),
            Located::Broken(outcome) => return Ok(outcome),
        };
        let old = value.get("id").and_then(Value::as_str).unwrap_or(&self.id).to_string();
        if old == self.new_id {
            bail!("`{old}` already has that id");
        }
        if file.kind == Kind::Meeting {
            let actions = cx.load_some(
                &[Kind::Action],
                &|r| matches!(r, crate::model::Record::Action(a) if a.meeting().is_some_and(|m| ids::same(m, &old))),
            )?;
            if let Some(a) = actions.actions.first() {
                bail!(
                    "the actions of `{old}` take their ids from it (`{}`…); a meeting with actions keeps its id",
                    a.id
                );
            }
        }
        let session = Session::begin(&repo.root, &repo.config, cx.today, self.write)?;
        let before = session.read(&file.path)?;
        let renamed = edit::apply(&before, file.kind, &[Change::set("id", self.new_id.as_str())]).map_err(|e| {
            anyhow::anyhow!(
                "cannot edit `{}` safely: {e}; nothing was changed",
                cx.show_path(&file.path)
            )
        })?;
        let new_path = file.path.with_file_name(format!("{}.yaml", self.new_id));
        let mut plans = vec![Plan {
            file: RecordFile {
                kind: file.kind,
                path: new_path,
            },
            before: None,
            after: renamed,
            message: String::new(),
        }];
        for (_, path) in referrers(cx, &old, &file.path) {
            let Some(found) = store::walk::find(&cx.records_dir()?, &store::walk::stem(&path))? else {
                continue;
            };
            let text = session.read(&path)?;
            let value =
                store::yaml::parse_value(&text).map_err(|e| anyhow::anyhow!("`{}`: {}", path.display(), e.message))?;
            let items = value
                .get("related")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let changes: Vec<Change> = items
                .iter()
                .enumerate()
                .filter(|(_, v)| v.as_str().is_some_and(|s| ids::same(s, &old)))
                .map(|(index, _)| Change::ReplaceItem {
                    field: "related".into(),
                    index,
                    value: Value::from(self.new_id.as_str()),
                })
                .collect();
            let after = edit::apply(&text, found.kind, &changes).map_err(|e| {
                anyhow::anyhow!("cannot edit `{}` safely: {e}; nothing was changed", cx.show_path(&path))
            })?;
            plans.push(Plan {
                file: found,
                before: Some(text),
                after,
                message: String::new(),
            });
        }
        let set = ChangeSet {
            plans,
            removed: vec![file],
            message: format!("ccag: rename {old} to {}", self.new_id),
        };
        report_set(cx, session.apply_set(set)?)
    }
}
