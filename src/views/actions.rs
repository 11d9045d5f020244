//! The "Review of outstanding actions" table.

use chrono::NaiveDate;
use serde::Serialize;

use super::{date, latest};
use crate::model::fields::heading;
use crate::model::{Action, ActionStatus, Kind};
use crate::query::RecordSet;
use crate::render::layout::{ColumnFit, UPDATE_LINES};
use crate::render::{Cell, Listing, Row, Tone, pretty};

/// An action as a listing row; in JSON, the record plus `overdue`.
#[derive(Debug, Clone, Serialize)]
pub struct ActionRow<'a> {
    #[serde(flatten)]
    pub action: &'a Action,
    pub overdue: bool,
}

impl<'a> ActionRow<'a> {
    pub fn new(action: &'a Action, today: NaiveDate) -> ActionRow<'a> {
        ActionRow {
            action,
            overdue: action.is_overdue(today),
        }
    }
}

impl Row for ActionRow<'_> {
    fn cells(&self) -> Vec<Cell> {
        let a = self.action;
        let tone = match a.status {
            ActionStatus::Closed => Tone::Dim,
            ActionStatus::RecommendClosed => Tone::Green,
            _ if self.overdue => Tone::Red,
            _ => Tone::Amber,
        };
        vec![
            Cell::new(&a.id),
            Cell::new(date(a.raised)),
            Cell::new(&a.title),
            Cell::new(a.owner.to_string()),
            Cell::new(date(a.due)).tone(if self.overdue { Tone::Red } else { Tone::Plain }),
            Cell::new(a.status.label()).tone(tone),
            Cell::new(latest(&a.updates)),
        ]
    }

    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        pretty(self, out)
    }
}

pub fn columns() -> Vec<&'static str> {
    let h = |path| heading(Kind::Action, path);
    vec![
        h("id"),
        h("raised"),
        h("title"),
        h("owner.org"),
        h("due"),
        h("status"),
        "Update",
    ]
}

/// How the columns fit a terminal: the pack keeps Ref, Action, Owner, Due and Status; Raised
/// goes first, then the update, which is cut to a few lines.
pub fn fits() -> Vec<ColumnFit> {
    vec![
        ColumnFit::whole(),
        ColumnFit::whole().drop(2),
        ColumnFit::text(),
        ColumnFit::text(),
        ColumnFit::whole(),
        ColumnFit::whole(),
        ColumnFit::text().lines(UPDATE_LINES).drop(1),
    ]
}

/// A table of action rows.
pub fn listing<'a>(rows: Vec<Box<dyn Row + 'a>>) -> Listing<'a> {
    Listing::with_rows(columns(), rows).fit(fits())
}

/// The row for `a` of `set` (reading its file again if the set keeps it slim).
pub fn row<'a>(set: &'a RecordSet, a: &'a Action, today: NaiveDate) -> Box<dyn Row + 'a> {
    super::stored::row(set, Kind::Action, &a.id, today, Box::new(ActionRow::new(a, today)))
}

pub fn actions<'a>(set: &'a RecordSet, actions: impl IntoIterator<Item = &'a Action>, today: NaiveDate) -> Listing<'a> {
    let rows = actions.into_iter().map(|a| row(set, a, today)).collect();
    listing(rows)
}
