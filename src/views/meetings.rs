//! Meetings and the timed agenda: start times from `start` plus each item's minutes.

use chrono::{NaiveTime, TimeDelta};
use serde::Serialize;

use super::date;
use crate::model::fields::heading;
use crate::model::{AgendaItem, Kind, Meeting};
use crate::render::layout::ColumnFit;
use crate::render::{Cell, Listing, Row, pretty};

/// One agenda item with its number and computed times.
#[derive(Debug, Clone, Serialize)]
pub struct AgendaLine<'a> {
    pub number: usize,
    pub start: String,
    pub end: String,
    #[serde(flatten)]
    pub item: &'a AgendaItem,
}

pub fn agenda_lines(meeting: &Meeting, default_start: NaiveTime) -> Vec<AgendaLine<'_>> {
    let mut at = meeting.start.unwrap_or(default_start);
    meeting
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let start = at;
            at += TimeDelta::minutes(i64::from(item.minutes));
            AgendaLine {
                number: i + 1,
                start: start.format("%H:%M").to_string(),
                end: at.format("%H:%M").to_string(),
                item,
            }
        })
        .collect()
}

/// When a meeting ends: its start plus every item's minutes.
pub fn end_time(meeting: &Meeting, default_start: NaiveTime) -> String {
    agenda_lines(meeting, default_start)
        .last()
        .map(|l| l.end.clone())
        .unwrap_or_else(|| meeting.start.unwrap_or(default_start).format("%H:%M").to_string())
}

/// A meeting as a listing row; in JSON, the record plus `end`.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingRow<'a> {
    #[serde(flatten)]
    pub meeting: &'a Meeting,
    pub end: String,
    #[serde(skip)]
    start: String,
}

impl Row for MeetingRow<'_> {
    fn cells(&self) -> Vec<Cell> {
        let m = self.meeting;
        vec![
            Cell::new(&m.id),
            Cell::new(date(m.date)),
            Cell::new(&self.start),
            Cell::new(&self.end),
            Cell::new(m.chair.clone().unwrap_or_default()),
            Cell::new(m.items.len().to_string()),
        ]
    }

    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        pretty(self, out)
    }
}

pub fn meetings<'a>(meetings: impl IntoIterator<Item = &'a Meeting>, default_start: NaiveTime) -> Listing<'a> {
    let h = |path| heading(Kind::Meeting, path);
    let columns = vec![h("id"), h("date"), h("start"), "End", h("chair"), "Items"];
    let rows: Vec<Box<dyn Row + 'a>> = meetings
        .into_iter()
        .map(|m| {
            Box::new(MeetingRow {
                meeting: m,
                end: end_time(m, default_start),
                start: m.start.unwrap_or(default_start).format("%H:%M").to_string(),
            }) as Box<dyn Row + 'a>
        })
        .collect();
    // ID and Date stay; the chair goes first, then the end time, then the item count.
    Listing::with_rows(columns, rows).fit(vec![
        ColumnFit::whole(),
        ColumnFit::whole(),
        ColumnFit::whole(),
        ColumnFit::whole().drop(2),
        ColumnFit::text().drop(3),
        ColumnFit::whole().drop(1),
    ])
}
