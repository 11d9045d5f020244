//! The meeting pack as data: the timed agenda and the status report, each one serializable
//! value built from the records (JSON is its serialization; markdown and the terminal render a
//! `Document` built from it), and the trend counts read from git.

pub mod agenda;
pub mod report;
pub mod trend;

pub use agenda::Agenda;
pub use report::Report;
pub use trend::{TrendRow, TrendRows, Trends};

use serde::Serialize;

use crate::config::Config;
use crate::model::{Action, Cr, Milestone, Record, Risk, RiskStatus, Table};
use crate::query::RecordSet;
use crate::render::{Group, Listing, Row};
use crate::views::{self, ActionRow, CrRow, MilestoneRow, RiskRow};

/// Whether a record appears in the pack's tables: open actions, crs still on the horizon, open
/// risks, every milestone and meeting. The agenda and report load only these.
pub fn in_pack(record: &Record) -> bool {
    match record {
        Record::Action(a) => a.is_open(),
        Record::Cr(c) => c.is_live(),
        Record::Risk(r) => r.status == RiskStatus::Open,
        Record::Milestone(_) | Record::Meeting(_) => true,
    }
}

/// The rows of one of the pack's tables, as an agenda item's `shows` names it.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum TableRows<'a> {
    Actions(Vec<ActionRow<'a>>),
    Crs(Vec<CrRow<'a>>),
    Risks(Vec<RiskRow<'a>>),
    Milestones(Vec<MilestoneRow<'a>>),
}

impl<'a> TableRows<'a> {
    /// The pack's selection of `table` from `set`, in the pack's order.
    pub fn of(table: Table, set: &'a RecordSet, config: &Config, today: chrono::NaiveDate) -> TableRows<'a> {
        match table {
            Table::Actions => TableRows::Actions(open_actions(set).map(|a| ActionRow::new(a, today)).collect()),
            Table::Crs => TableRows::Crs(
                views::by_body(live_crs(set), config)
                    .into_iter()
                    .flat_map(|(_, crs)| crs.into_iter().map(CrRow))
                    .collect(),
            ),
            Table::Risks => TableRows::Risks(open_risks(set).map(RiskRow).collect()),
            Table::Milestones => TableRows::Milestones(set.milestones.iter().map(MilestoneRow::new).collect()),
        }
    }

    /// The table as a listing (crs grouped by body, in the order the rows already have).
    pub fn listing(&self) -> Listing<'_> {
        match self {
            TableRows::Actions(rows) => views::actions::listing(boxed(rows)),
            TableRows::Crs(rows) => crs_listing(rows.iter().map(|r| (r.0.body.as_str(), Box::new(r) as Box<dyn Row>))),
            TableRows::Risks(rows) => views::risks::listing(boxed(rows)),
            TableRows::Milestones(rows) => views::milestones::listing(boxed(rows)),
        }
    }
}

/// The horizon log listing of `rows` (each with its code body, already in body order), one
/// group per body.
pub fn crs_listing<'r>(rows: impl IntoIterator<Item = (&'r str, Box<dyn Row + 'r>)>) -> Listing<'r> {
    let mut listing = Listing::new(views::crs::columns()).fit(views::crs::fits());
    listing.group_column = Some("Body");
    for (body, row) in rows {
        match listing.groups.last_mut() {
            Some(g) if g.heading.as_deref() == Some(body) => g.rows.push(row),
            _ => listing.groups.push(Group {
                heading: Some(body.to_string()),
                rows: vec![row],
            }),
        }
    }
    listing
}

fn boxed<'r, R: Row + 'r>(rows: &'r [R]) -> Vec<Box<dyn Row + 'r>> {
    rows.iter().map(|r| Box::new(r) as Box<dyn Row + 'r>).collect()
}

pub fn open_actions(set: &RecordSet) -> impl Iterator<Item = &Action> {
    set.actions.iter().filter(|a| a.is_open())
}

pub fn live_crs(set: &RecordSet) -> impl Iterator<Item = &Cr> {
    set.crs.iter().filter(|c| c.is_live())
}

pub fn open_risks(set: &RecordSet) -> impl Iterator<Item = &Risk> {
    set.risks.iter().filter(|r| r.status == RiskStatus::Open)
}

pub fn milestones(set: &RecordSet) -> impl Iterator<Item = &Milestone> {
    set.milestones.iter()
}

/// The heading a table gets under an agenda item.
pub fn table_title(table: Table) -> &'static str {
    match table {
        Table::Actions => "outstanding actions",
        Table::Crs => "horizon scanning log",
        Table::Risks => "risks",
        Table::Milestones => "milestones",
    }
}
