//! The timed agenda of one meeting, with the tables each item carries.

use chrono::{NaiveDate, NaiveTime};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{TableRows, table_title};
use crate::config::Config;
use crate::model::{Meeting, Table};
use crate::query::RecordSet;
use crate::render::layout::ColumnFit;
use crate::render::{Block, Cell, Document, Listing, PlainRow, Row};
use crate::views::{self, AgendaLine};

/// A meeting's agenda: its times, items and the tables the items show.
#[derive(Debug, serde::Serialize)]
pub struct Agenda<'a> {
    pub id: &'a str,
    pub date: chrono::NaiveDate,
    pub start: String,
    pub end: Option<String>,
    pub chair: &'a Option<String>,
    pub items: Vec<AgendaEntry<'a>>,
}

/// One agenda item with its times and, where it `shows` tables, their rows.
#[derive(Debug, serde::Serialize)]
pub struct AgendaEntry<'a> {
    #[serde(flatten)]
    pub line: AgendaLine<'a>,
    #[serde(skip_serializing_if = "Tables::is_empty")]
    pub tables: Tables<'a>,
}

/// The tables of one item, as a JSON object keyed by table name.
#[derive(Debug)]
pub struct Tables<'a>(pub Vec<(Table, TableRows<'a>)>);

impl Tables<'_> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Tables<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (table, rows) in &self.0 {
            map.serialize_entry(table.as_str(), rows)?;
        }
        map.end()
    }
}

impl<'a> Agenda<'a> {
    pub fn build(meeting: &'a Meeting, set: &'a RecordSet, config: &Config, today: NaiveDate) -> Agenda<'a> {
        Agenda::of(meeting, Some(set), config, today)
    }

    /// The agenda's times and items only, without the tables the items show (the site's page
    /// of every meeting: the tables are today's, and are on its front page once).
    pub fn times(meeting: &'a Meeting, config: &Config, today: NaiveDate) -> Agenda<'a> {
        Agenda::of(meeting, None, config, today)
    }

    fn of(meeting: &'a Meeting, set: Option<&'a RecordSet>, config: &Config, today: NaiveDate) -> Agenda<'a> {
        let default_start: NaiveTime = config.start;
        let lines = views::agenda_lines(meeting, default_start);
        let end = lines.last().map(|l| l.end.clone());
        let items = lines
            .into_iter()
            .map(|line| AgendaEntry {
                tables: Tables(match set {
                    Some(set) => line
                        .item
                        .shows
                        .iter()
                        .map(|t| (*t, TableRows::of(*t, set, config, today)))
                        .collect(),
                    None => Vec::new(),
                }),
                line,
            })
            .collect();
        Agenda {
            id: &meeting.id,
            date: meeting.date,
            start: meeting.start.unwrap_or(default_start).format("%H:%M").to_string(),
            end,
            chair: &meeting.chair,
            items,
        }
    }

    /// The agenda as headings and tables.
    pub fn document(&self) -> Document<'_> {
        let mut doc = Document::default();
        let end = self.end.clone().unwrap_or_else(|| self.start.clone());
        doc.push(Block::Heading(
            1,
            format!("{} agenda — {} {}–{end}", self.id, views::date(self.date), self.start),
        ));
        if let Some(chair) = self.chair {
            doc.push(Block::Paragraph(format!("Chair: {chair}")));
        }
        let rows: Vec<Box<dyn Row>> = self
            .items
            .iter()
            .map(|entry| {
                let line = &entry.line;
                let mut title = line.item.title.clone();
                if let Some(purpose) = &line.item.purpose {
                    title.push_str(&format!("\n{purpose}"));
                }
                let kind = line
                    .item
                    .kind
                    .as_ref()
                    .map(|k| k.as_slice().iter().map(|t| t.label()).collect::<Vec<_>>().join(" / "))
                    .unwrap_or_default();
                Box::new(PlainRow {
                    cells: vec![
                        Cell::new(line.number.to_string()),
                        Cell::new(line.start.clone()),
                        Cell::new(title),
                        Cell::new(kind),
                        Cell::new(line.item.lead.clone().unwrap_or_default()),
                        Cell::new(line.item.minutes.to_string()),
                    ],
                    json: (),
                }) as Box<dyn Row>
            })
            .collect();
        // Number, time and item stay; the lead goes first, then the type, then the minutes.
        doc.push(Block::Listing(
            Listing::with_rows(vec!["#", "Time", "Item", "Type", "Lead", "Mins"], rows).fit(vec![
                ColumnFit::whole(),
                ColumnFit::whole(),
                ColumnFit::text(),
                ColumnFit::text().drop(2),
                ColumnFit::text().drop(3),
                ColumnFit::whole().drop(1),
            ]),
        ));
        for entry in &self.items {
            for (table, rows) in &entry.tables.0 {
                doc.push(Block::Heading(
                    2,
                    format!(
                        "{}. {} — {}",
                        entry.line.number,
                        entry.line.item.title,
                        table_title(*table)
                    ),
                ));
                doc.push(Block::Listing(rows.listing()));
            }
        }
        doc
    }
}
