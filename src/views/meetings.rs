//! Meetings and the timed agenda: start times from `start` plus each item's minutes.

use chrono::{NaiveTime, TimeDelta};
use serde::Serialize;

use super::{date, record_json};
use crate::model::{AgendaItem, Meeting};
use crate::render::{Cell, Group, Listing};

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

fn end_time(meeting: &Meeting, default_start: NaiveTime) -> String {
    agenda_lines(meeting, default_start)
        .last()
        .map(|l| l.end.clone())
        .unwrap_or_else(|| meeting.start.unwrap_or(default_start).format("%H:%M").to_string())
}

pub fn meetings<'a>(meetings: impl IntoIterator<Item = &'a Meeting>, default_start: NaiveTime) -> Listing {
    let mut listing = Listing::new(vec!["ID", "Date", "Start", "End", "Chair", "Items"]);
    let mut rows = Vec::new();
    for m in meetings {
        let start = m.start.unwrap_or(default_start).format("%H:%M").to_string();
        let end = end_time(m, default_start);
        rows.push(vec![
            Cell::new(&m.id),
            Cell::new(date(m.date)),
            Cell::new(&start),
            Cell::new(&end),
            Cell::new(m.chair.clone().unwrap_or_default()),
            Cell::new(m.items.len().to_string()),
        ]);
        listing
            .json
            .push(record_json(m, &[("end", serde_json::Value::from(end))]));
    }
    listing.groups.push(Group { heading: None, rows });
    listing
}
