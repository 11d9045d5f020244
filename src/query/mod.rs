//! The record set the query commands work on: loaded by kind, sorted, filtered.

mod arrange;
mod filters;

pub use arrange::{Arrange, Key, Sorted};
pub use filters::{ActionFilter, CrFilter, MilestoneFilter, RiskFilter};

use chrono::NaiveDate;

pub use crate::ids::natural;

use crate::config::Config;
use crate::history::Snapshot;
use crate::model::{Action, Cr, Kind, Meeting, Milestone, Record, Risk};
use crate::store::Root;
use crate::validate::{self, Finding, Keep};

/// Every record of the loaded kinds, each kind sorted by id (numbers compared as numbers).
#[derive(Debug, Default)]
pub struct RecordSet {
    pub actions: Vec<Action>,
    pub crs: Vec<Cr>,
    pub risks: Vec<Risk>,
    pub milestones: Vec<Milestone>,
    pub meetings: Vec<Meeting>,
    /// Errors of files that did not load; their records are missing from the set.
    pub problems: Vec<Finding>,
    /// Where each loaded record lives, by id.
    pub paths: std::collections::HashMap<String, std::path::PathBuf>,
    /// How many loaded records (kept or not) count under each trend key (`Record::tally_key`).
    tallies: std::collections::HashMap<(Kind, &'static str), usize>,
    /// Ids of the records kept slim (`Record::slim`): shown by reading their files again.
    slim: std::collections::HashSet<String>,
}

impl RecordSet {
    /// Load the records of `kinds` only; files that fail to load are listed in `problems`.
    pub fn load(root: &Root, config: &Config, today: NaiveDate, kinds: &[Kind]) -> RecordSet {
        Self::load_some(root, config, today, kinds, &validate::keep_all)
    }

    /// As `load`, keeping only the records `keep` accepts (the others are checked, counted in the
    /// tallies and dropped at once, so memory holds only what will be shown).
    pub fn load_some(root: &Root, config: &Config, today: NaiveDate, kinds: &[Kind], keep: &Keep<'_>) -> RecordSet {
        // A record set reports errors only (`problems`), so warnings are never placed.
        let checked = validate::check_all_within(root, config, today, kinds, keep, None, validate::Wanted::Errors);
        Self::from_checked(checked)
    }

    /// As `load_some`, holding at most about `budget` bytes of record files in full; the rest are
    /// kept slim and read again when shown (`Row`s made by `views` do that).
    pub fn load_within(
        root: &Root,
        config: &Config,
        today: NaiveDate,
        kinds: &[Kind],
        keep: &Keep<'_>,
        budget: usize,
    ) -> RecordSet {
        Self::from_checked(validate::check_all_within(
            root,
            config,
            today,
            kinds,
            keep,
            Some(budget),
            validate::Wanted::Errors,
        ))
    }

    /// Whether the record with `id` was kept slim, and where its file is.
    pub fn slim_path(&self, id: &str) -> Option<&std::path::Path> {
        if self.slim.is_empty() || !self.slim.contains(id) {
            return None;
        }
        self.paths.get(id).map(|p| p.as_path())
    }

    /// How many loaded records of `kind` count under `key` (an action's status, an open risk's RAG).
    pub fn tally(&self, kind: Kind, key: &str) -> usize {
        self.tallies
            .iter()
            .filter(|((k, name), _)| *k == kind && *name == key)
            .map(|(_, n)| *n)
            .sum()
    }

    /// The records of these files only (a command about one record reads just its file).
    pub fn from_files(files: Vec<crate::store::RecordFile>, config: &Config, today: NaiveDate) -> RecordSet {
        let outcomes = files
            .into_iter()
            .map(|file| validate::check_file(file, config, today))
            .collect();
        Self::from_checked(validate::Checked {
            outcomes,
            findings: Vec::new(),
        })
    }

    /// The records of a snapshot (e.g. from a git revision), checked the same way.
    pub fn from_snapshot(snapshot: Snapshot, config: &Config, today: NaiveDate, keep: &Keep<'_>) -> RecordSet {
        use rayon::prelude::*;
        let outcomes = snapshot
            .files
            .into_par_iter()
            .map(|(file, text)| {
                let mut outcome = match text {
                    Ok(text) => validate::check_text_for(file, &text, config, today, validate::Wanted::Errors),
                    Err(e) => validate::not_loaded(file, e),
                };
                if outcome.record.as_deref().is_some_and(|r| !keep(r)) {
                    outcome.record = None;
                }
                outcome
            })
            .collect();
        Self::from_checked(validate::Checked {
            outcomes,
            findings: Vec::new(),
        })
    }

    fn from_checked(checked: validate::Checked) -> RecordSet {
        use rayon::prelude::*;
        // Only errors are kept, so only they are sorted (the same order `all_findings` gives).
        let mut problems: Vec<Finding> = checked
            .findings
            .iter()
            .chain(checked.outcomes.iter().flat_map(|o| &o.findings))
            .filter(|f| f.is_error())
            .cloned()
            .collect();
        problems.par_sort();
        let mut set = RecordSet {
            problems,
            ..RecordSet::default()
        };
        // Sized once: on 100,000 records, growing these maps and lists was a fifth of the report's
        // time on one core (rehashing and fresh pages).
        let kept = |kind: Kind| {
            checked
                .outcomes
                .iter()
                .filter(|o| o.file.kind == kind && o.record.is_some())
                .count()
        };
        set.actions.reserve_exact(kept(Kind::Action));
        set.crs.reserve_exact(kept(Kind::Cr));
        set.risks.reserve_exact(kept(Kind::Risk));
        set.milestones.reserve_exact(kept(Kind::Milestone));
        set.meetings.reserve_exact(kept(Kind::Meeting));
        set.paths.reserve(checked.outcomes.len());
        for outcome in checked.outcomes {
            // A record with errors is not shown: its data cannot be trusted.
            if outcome.findings.iter().any(Finding::is_error) {
                continue;
            }
            if let Some(key) = outcome.tally {
                *set.tallies.entry((outcome.file.kind, key)).or_default() += 1;
            }
            if let Some(record) = &outcome.record {
                set.paths.insert(record.id().to_string(), outcome.file.path);
                if outcome.slim {
                    set.slim.insert(record.id().to_string());
                }
            }
            match outcome.record.map(|r| *r) {
                Some(Record::Action(r)) => set.actions.push(r),
                Some(Record::Cr(r)) => set.crs.push(r),
                Some(Record::Risk(r)) => set.risks.push(r),
                Some(Record::Milestone(r)) => set.milestones.push(r),
                Some(Record::Meeting(r)) => set.meetings.push(r),
                None => {}
            }
        }
        set.actions.par_sort_by(|a, b| natural(&a.id, &b.id));
        set.crs.par_sort_by(|a, b| natural(&a.id, &b.id));
        set.risks.par_sort_by(|a, b| natural(&a.id, &b.id));
        // The plan reads in date order, as the pack's milestone table does.
        set.milestones
            .par_sort_by(|a, b| a.baseline.cmp(&b.baseline).then_with(|| natural(&a.id, &b.id)));
        set.meetings
            .par_sort_by(|a, b| a.date.cmp(&b.date).then_with(|| natural(&a.id, &b.id)));
        set
    }

    /// The meeting before the next one on or after `today` ("since the last meeting").
    pub fn previous_meeting(&self, today: NaiveDate) -> Option<&Meeting> {
        match self.meetings.iter().position(|m| m.date >= today) {
            Some(0) => None,
            Some(i) => self.meetings.get(i - 1),
            None => self.meetings.last(),
        }
    }

    /// The named meeting, or the next one on or after `today`; an error that lists the meetings
    /// when there is no such meeting.
    pub fn pick_meeting(&self, id: Option<&str>, today: NaiveDate) -> anyhow::Result<&Meeting> {
        match id {
            Some(id) => self.meeting(id).ok_or_else(|| {
                let quote = |ids: Vec<&str>| ids.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
                let all: Vec<&str> = self.meetings.iter().map(|m| m.id.as_str()).collect();
                // A long list helps no one: past a dozen, the nearest ids.
                let hint = match all.len() {
                    0 => "there are no meeting records".to_string(),
                    1..=12 => format!("meetings are {}", quote(all)),
                    n => {
                        let near = crate::ids::nearest(id, all);
                        let near: Vec<&str> = near.iter().map(String::as_str).collect();
                        format!("the nearest of the {n} meetings are {}", quote(near))
                    }
                };
                anyhow::anyhow!("no meeting has id `{id}`\n  hint: {hint}")
            }),
            None => self
                .next_meeting(today)
                .ok_or_else(|| anyhow::anyhow!("there are no meeting records")),
        }
    }

    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id.eq_ignore_ascii_case(id))
    }

    /// The next meeting on or after `today`, else the latest one.
    pub fn next_meeting(&self, today: NaiveDate) -> Option<&Meeting> {
        self.meetings
            .iter()
            .find(|m| m.date >= today)
            .or_else(|| self.meetings.last())
    }

    /// Meetings after `meeting`, in date order (the forward plan).
    pub fn meetings_after(&self, meeting: &Meeting) -> impl Iterator<Item = &Meeting> {
        let date = meeting.date;
        self.meetings.iter().filter(move |m| m.date > date)
    }
}
