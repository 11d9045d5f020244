//! The record set the query commands work on: loaded by kind, sorted, filtered.

mod filters;

pub use filters::{ActionFilter, CrFilter, MilestoneFilter, RiskFilter};

use std::cmp::Ordering;

use chrono::NaiveDate;

use crate::config::Config;
use crate::history::Snapshot;
use crate::model::{Action, Cr, Kind, Meeting, Milestone, Record, Risk};
use crate::store::Root;
use crate::validate::{self, Finding};

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
}

impl RecordSet {
    /// Load the records of `kinds` only; files that fail to load are listed in `problems`.
    pub fn load(root: &Root, config: &Config, today: NaiveDate, kinds: &[Kind]) -> RecordSet {
        let checked = validate::check_all(root, config, today, kinds, true);
        Self::from_checked(checked)
    }

    /// The records of a snapshot (e.g. from a git revision), checked the same way.
    pub fn from_snapshot(snapshot: Snapshot, config: &Config, today: NaiveDate) -> RecordSet {
        use rayon::prelude::*;
        let outcomes = snapshot
            .files
            .into_par_iter()
            .map(|(file, text)| validate::check_text(file, &text, config, today))
            .collect();
        Self::from_checked(validate::Checked {
            outcomes,
            findings: Vec::new(),
        })
    }

    fn from_checked(checked: validate::Checked) -> RecordSet {
        let mut set = RecordSet {
            problems: checked
                .all_findings()
                .into_iter()
                .filter(|f| f.is_error())
                .cloned()
                .collect(),
            ..RecordSet::default()
        };
        for outcome in checked.outcomes {
            // A record with errors is not shown: its data cannot be trusted.
            if outcome.findings.iter().any(Finding::is_error) {
                continue;
            }
            if let Some(record) = &outcome.record {
                set.paths.insert(record.id().to_string(), outcome.file.path.clone());
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
        set.actions.sort_by(|a, b| natural(&a.id, &b.id));
        set.crs.sort_by(|a, b| natural(&a.id, &b.id));
        set.risks.sort_by(|a, b| natural(&a.id, &b.id));
        // The plan reads in date order, as the pack's milestone table does.
        set.milestones
            .sort_by(|a, b| a.baseline.cmp(&b.baseline).then_with(|| natural(&a.id, &b.id)));
        set.meetings
            .sort_by(|a, b| a.date.cmp(&b.date).then_with(|| natural(&a.id, &b.id)));
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

/// Compare ids so that `CCAG9-01` < `CCAG10-01` and `P99` < `P466`.
pub fn natural(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, _) => return Ordering::Less,
            (_, None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let na = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let nb = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (da, db) = (trim_zeros(&a[..na]), trim_zeros(&b[..nb]));
                let ord = da
                    .len()
                    .cmp(&db.len())
                    .then_with(|| da.cmp(db))
                    .then_with(|| na.cmp(&nb));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[na..];
                b = &b[nb..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let start = digits.iter().position(|d| *d != b'0').unwrap_or(digits.len());
    &digits[start..]
}

#[cfg(test)]
mod tests {
    use super::natural;
    use std::cmp::Ordering;

    #[test]
    fn numbers_in_ids_sort_as_numbers() {
        assert_eq!(natural("CCAG9-01", "CCAG10-01"), Ordering::Less);
        assert_eq!(natural("P99", "P466"), Ordering::Less);
        assert_eq!(natural("CCAG26-02", "CCAG26-10"), Ordering::Less);
        assert_eq!(natural("R0062", "R0139"), Ordering::Less);
    }
}
