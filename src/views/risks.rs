//! The risk register, with mitigations numbered as the pack numbers them.

use super::record_json;
use crate::model::{Rag, Risk, RiskStatus};
use crate::render::{Cell, Group, Listing, Tone};

pub fn risks<'a>(risks: impl IntoIterator<Item = &'a Risk>) -> Listing {
    let mut listing = Listing::new(vec!["ID", "Risk", "Impact", "RAG", "Status", "Mitigation"]);
    let mut rows = Vec::new();
    for r in risks {
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
        rows.push(vec![
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
        ]);
        listing.json.push(record_json(r, &[]));
    }
    listing.groups.push(Group { heading: None, rows });
    listing
}
