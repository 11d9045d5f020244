//! The milestone table: baseline against forecast, with slip in days.

use serde::Serialize;

use super::date;
use crate::model::fields::heading;
use chrono::NaiveDate;

use crate::model::{Kind, Milestone, MilestoneStatus};
use crate::query::RecordSet;
use crate::render::layout::ColumnFit;
use crate::render::{Cell, Listing, Row, Tone, pretty};

/// A milestone as a listing row; in JSON, the record plus `slip_days`.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneRow<'a> {
    #[serde(flatten)]
    pub milestone: &'a Milestone,
    pub slip_days: i64,
}

impl<'a> MilestoneRow<'a> {
    pub fn new(milestone: &'a Milestone) -> MilestoneRow<'a> {
        MilestoneRow {
            milestone,
            slip_days: milestone.slip_days(),
        }
    }
}

impl Row for MilestoneRow<'_> {
    fn cells(&self) -> Vec<Cell> {
        let m = self.milestone;
        let slip = self.slip_days;
        let tone = match m.status {
            MilestoneStatus::Complete => Tone::Dim,
            MilestoneStatus::Green => Tone::Green,
            MilestoneStatus::Amber => Tone::Amber,
            MilestoneStatus::Red => Tone::Red,
        };
        vec![
            Cell::new(&m.id),
            Cell::new(&m.title),
            Cell::new(date(m.baseline)),
            Cell::new(date(m.forecast)),
            Cell::new(format!("{slip:+}").replace("+0", "0")).tone(if slip > 0 { Tone::Red } else { Tone::Plain }),
            Cell::new(m.status.label()).tone(tone),
        ]
    }

    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        pretty(self, out)
    }
}

pub fn columns() -> Vec<&'static str> {
    let h = |path| heading(Kind::Milestone, path);
    vec![
        h("id"),
        h("title"),
        h("baseline"),
        h("forecast"),
        "Slip (days)",
        h("status"),
    ]
}

/// How the columns fit a terminal: Ref, Milestone, Forecast and Status stay; Baseline goes
/// first, then the slip.
pub fn fits() -> Vec<ColumnFit> {
    vec![
        ColumnFit::whole(),
        ColumnFit::text(),
        ColumnFit::whole().drop(2),
        ColumnFit::whole(),
        ColumnFit::whole().drop(1),
        ColumnFit::whole(),
    ]
}

/// A table of milestone rows.
pub fn listing<'a>(rows: Vec<Box<dyn Row + 'a>>) -> Listing<'a> {
    Listing::with_rows(columns(), rows).fit(fits())
}

/// The row for `m` of `set` (reading its file again if the set keeps it slim).
pub fn row<'a>(set: &'a RecordSet, m: &'a Milestone, today: NaiveDate) -> Box<dyn Row + 'a> {
    super::stored::row(set, Kind::Milestone, &m.id, today, Box::new(MilestoneRow::new(m)))
}

pub fn milestones<'a>(
    set: &'a RecordSet,
    milestones: impl IntoIterator<Item = &'a Milestone>,
    today: NaiveDate,
) -> Listing<'a> {
    let rows = milestones.into_iter().map(|m| row(set, m, today)).collect();
    listing(rows)
}
