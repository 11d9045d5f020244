//! The risk register, with mitigations numbered as the pack numbers them.

use serde::Serialize;

use crate::model::fields::heading;
use chrono::NaiveDate;

use crate::model::{Kind, Rag, Risk, RiskStatus};
use crate::query::RecordSet;
use crate::render::layout::ColumnFit;
use crate::render::{Cell, Listing, Row, Tone, pretty};

/// A risk as a listing row; in JSON, the record as it is.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct RiskRow<'a>(pub &'a Risk);

impl Row for RiskRow<'_> {
    fn cells(&self) -> Vec<Cell> {
        let r = self.0;
        let tone = match r.rag {
            Rag::Critical | Rag::High => Tone::Red,
            Rag::Medium => Tone::Amber,
            Rag::Low => Tone::Green,
        };
        let mitigations: Vec<String> = r
            .mitigations
            .iter()
            .enumerate()
            .map(|(i, m)| format!("{}) {m}", i + 1))
            .collect();
        vec![
            Cell::new(&r.id),
            Cell::new(&r.title),
            Cell::new(&r.impact),
            Cell::new(r.rag.label()).tone(tone),
            Cell::new(r.status.label()).tone(if r.status == RiskStatus::Closed {
                Tone::Dim
            } else {
                Tone::Plain
            }),
            Cell::new(mitigations.join("\n")),
        ]
    }

    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        pretty(self, out)
    }
}

pub fn columns() -> Vec<&'static str> {
    let h = |path| heading(Kind::Risk, path);
    vec![
        h("id"),
        h("title"),
        h("impact"),
        h("rag"),
        h("status"),
        h("mitigations"),
    ]
}

/// How the columns fit a terminal: ID, Risk and RAG stay; Status goes first, then Impact,
/// then the mitigations.
pub fn fits() -> Vec<ColumnFit> {
    vec![
        ColumnFit::whole(),
        ColumnFit::text(),
        ColumnFit::text().drop(2),
        ColumnFit::whole(),
        ColumnFit::whole().drop(3),
        ColumnFit::text().drop(1),
    ]
}

/// A table of risk rows.
pub fn listing<'a>(rows: Vec<Box<dyn Row + 'a>>) -> Listing<'a> {
    Listing::with_rows(columns(), rows).fit(fits())
}

/// The row for `r` of `set` (reading its file again if the set keeps it slim).
pub fn row<'a>(set: &'a RecordSet, r: &'a Risk, today: NaiveDate) -> Box<dyn Row + 'a> {
    super::stored::row(set, Kind::Risk, &r.id, today, Box::new(RiskRow(r)))
}

pub fn risks<'a>(set: &'a RecordSet, risks: impl IntoIterator<Item = &'a Risk>, today: NaiveDate) -> Listing<'a> {
    let rows = risks.into_iter().map(|r| row(set, r, today)).collect();
    listing(rows)
}
