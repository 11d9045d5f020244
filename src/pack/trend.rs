//! Counts then and now: open risks by RAG and actions by status, as the pack's previous/current
//! risk chart.

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use crate::model::{ActionStatus, Kind, Rag};
use crate::query::RecordSet;
use crate::render::layout::ColumnFit;
use crate::render::{Cell, Listing, PlainRow, Row};

/// One row of a trend: a category and its counts then and now.
#[derive(Debug, Clone)]
pub struct TrendRow {
    pub name: &'static str,
    pub previous: usize,
    pub current: usize,
}

/// A trend's rows, with the JSON key their category goes under (`rag`, `status`).
#[derive(Debug, Clone)]
pub struct TrendRows {
    pub key: &'static str,
    /// The category's column heading.
    pub label: &'static str,
    pub rows: Vec<TrendRow>,
}

struct KeyedRow<'a>(&'static str, &'a TrendRow);

impl Serialize for KeyedRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry(self.0, self.1.name)?;
        map.serialize_entry("previous", &self.1.previous)?;
        map.serialize_entry("current", &self.1.current)?;
        map.end()
    }
}

impl Serialize for TrendRows {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.rows.len()))?;
        for row in &self.rows {
            seq.serialize_element(&KeyedRow(self.key, row))?;
        }
        seq.end()
    }
}

impl TrendRows {
    /// Open risks by RAG.
    pub fn risks(then: &RecordSet, now: &RecordSet) -> TrendRows {
        let count = |set: &RecordSet, rag: Rag| set.tally(Kind::Risk, rag.as_str());
        TrendRows {
            key: "rag",
            label: "RAG",
            rows: Rag::ALL
                .iter()
                .map(|r| TrendRow {
                    name: r.as_str(),
                    previous: count(then, *r),
                    current: count(now, *r),
                })
                .collect(),
        }
    }

    /// Actions by status.
    pub fn actions(then: &RecordSet, now: &RecordSet) -> TrendRows {
        let count = |set: &RecordSet, s: ActionStatus| set.tally(Kind::Action, s.as_str());
        TrendRows {
            key: "status",
            label: "Status",
            rows: ActionStatus::ALL
                .iter()
                .map(|s| TrendRow {
                    name: s.as_str(),
                    previous: count(then, *s),
                    current: count(now, *s),
                })
                .collect(),
        }
    }

    pub fn listing(&self) -> Listing<'_> {
        let rows: Vec<Box<dyn Row + '_>> = self
            .rows
            .iter()
            .map(|r| {
                let change = r.current as i64 - r.previous as i64;
                Box::new(PlainRow {
                    cells: vec![
                        Cell::new(r.name.replace('-', " ").to_uppercase()),
                        Cell::new(r.previous.to_string()),
                        Cell::new(r.current.to_string()),
                        Cell::new(if change == 0 {
                            "0".to_string()
                        } else {
                            format!("{change:+}")
                        }),
                    ],
                    json: KeyedRow(self.key, r),
                }) as Box<dyn Row + '_>
            })
            .collect();
        Listing::with_rows(vec![self.label, "Previous", "Current", "Change"], rows).fit(vec![ColumnFit::whole(); 4])
    }
}

/// Risks and actions then (at `since`) and now.
#[derive(Debug, Clone, Serialize)]
pub struct Trends {
    pub since: String,
    pub risks: TrendRows,
    pub actions: TrendRows,
}

impl Trends {
    pub fn new(since: String, then: &RecordSet, now: &RecordSet) -> Trends {
        Trends {
            since,
            risks: TrendRows::risks(then, now),
            actions: TrendRows::actions(then, now),
        }
    }
}
