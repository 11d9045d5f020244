//! The risk register, with mitigations numbered as the pack numbers them.

use serde::Serialize;

use crate::model::fields::heading;
use crate::model::{Kind, Rag, Risk, RiskStatus};
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

pub fn risks<'a>(risks: impl IntoIterator<Item = &'a Risk>) -> Listing<'a> {
    let rows: Vec<Box<dyn Row + 'a>> = risks
        .into_iter()
        .map(|r| Box::new(RiskRow(r)) as Box<dyn Row + 'a>)
        .collect();
    Listing::with_rows(columns(), rows)
}
