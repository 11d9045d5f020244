//! `ccag rm ID`: delete a record's file. Refused while other records' `related` name it (the
//! refusal lists them), unless `--force`.

use anyhow::{Result, bail};

use super::edits::{referrers, report_set};
use super::options::write_options;
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::RmArgs;
use crate::edit::pipeline::{ChangeSet, Session, WriteOptions};
use crate::store;

pub struct Rm {
    id: String,
    force: bool,
    write: WriteOptions,
}

impl Rm {
    pub fn new(args: RmArgs) -> Result<Rm> {
        Ok(Rm {
            id: args.id,
            force: args.force,
            write: write_options(args.write),
        })
    }
}

impl Run for Rm {
    const NEEDS: Needs = Needs::WritableRecords;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let repo = cx.repo()?;
        // A broken file can be removed too: it is found by name, not parsed.
        let Some(file) = store::walk::find(&cx.records_dir()?, &self.id)? else {
            return cx.no_record(&self.id);
        };
        let id = store::walk::stem(&file.path).into_owned();
        let session = Session::begin(&repo.root, &repo.config, cx.today, self.write)?;
        let pointing = referrers(cx, &id, &file.path);
        if !pointing.is_empty() && !self.force {
            bail!(
                "{} other record{} name{} `{id}` in `related`: {}; nothing was removed\n  \
                 hint: take the reference out first (`ccag update {} --remove-related {id}`), or pass `--force` to leave {} pointing nowhere",
                pointing.len(),
                if pointing.len() == 1 { "" } else { "s" },
                if pointing.len() == 1 { "s" } else { "" },
                pointing
                    .iter()
                    .map(|(r, _)| format!("`{r}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                pointing[0].0,
                if pointing.len() == 1 { "it" } else { "them" },
            );
        }
        let set = ChangeSet {
            plans: Vec::new(),
            removed: vec![file],
            message: format!("ccag: remove {id}"),
        };
        report_set(cx, session.apply_set(set)?)
    }
}
