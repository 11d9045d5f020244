//! The horizon-scanning log, grouped by code body in the order `ccag.toml` lists them.

use serde::Serialize;

use super::{date, latest};
use crate::config::Config;
use crate::model::fields::heading;
use chrono::NaiveDate;

use crate::model::{Cr, CrStatus, Impact, Kind};
use crate::query::RecordSet;
use crate::render::layout::{ColumnFit, UPDATE_LINES};
use crate::render::{Cell, Group, Listing, Row, Tone, pretty};

/// A cr as a listing row; in JSON, the record as it is.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct CrRow<'a>(pub &'a Cr);

impl Row for CrRow<'_> {
    fn cells(&self) -> Vec<Cell> {
        let c = self.0;
        let status_tone = match c.status {
            CrStatus::Approved | CrStatus::Implemented => Tone::Green,
            CrStatus::Rejected | CrStatus::Withdrawn | CrStatus::Withdrawing => Tone::Dim,
            CrStatus::DecisionPending | CrStatus::Appeal => Tone::Amber,
            _ => Tone::Plain,
        };
        let impact_tone = match c.impact {
            Impact::Direct | Impact::CrNeeded => Tone::Red,
            Impact::Consequential => Tone::Amber,
            _ => Tone::Plain,
        };
        let impact = match &c.impact_note {
            Some(note) => format!("{}: {note}", c.impact.label()),
            None => c.impact.label(),
        };
        vec![
            Cell::new(&c.id),
            Cell::new(&c.title),
            Cell::new(c.status.label()).tone(status_tone),
            Cell::new(date(c.raised)),
            Cell::new(c.decision_date.map(date).unwrap_or_else(|| "TBC".into())),
            Cell::new(impact).tone(impact_tone),
            Cell::new(latest(&c.updates)),
        ]
    }

    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        pretty(self, out)
    }
}

/// Crs grouped by body: configured bodies first, in their order; any other body after, by name.
/// Bodies without crs are left out.
pub fn by_body<'a>(crs: impl IntoIterator<Item = &'a Cr>, config: &Config) -> Vec<(String, Vec<&'a Cr>)> {
    let crs: Vec<&Cr> = crs.into_iter().collect();
    let mut bodies: Vec<String> = config.bodies.iter().map(|b| b.name.clone()).collect();
    let mut others: Vec<String> = crs
        .iter()
        .map(|c| c.body.clone())
        .filter(|b| !bodies.contains(b))
        .collect();
    others.sort();
    others.dedup();
    bodies.extend(others);
    let mut groups: Vec<(String, Vec<&Cr>)> = bodies.into_iter().map(|b| (b, Vec::new())).collect();
    for c in crs {
        if let Some((_, members)) = groups.iter_mut().find(|(b, _)| *b == c.body) {
            members.push(c);
        }
    }
    groups.retain(|(_, members)| !members.is_empty());
    groups
}

pub fn columns() -> Vec<&'static str> {
    let h = |path| heading(Kind::Cr, path);
    vec![
        h("id"),
        h("title"),
        h("status"),
        h("raised"),
        h("decision_date"),
        h("impact"),
        "Latest update",
    ]
}

/// How the columns fit a terminal: Ref, Title, Status and Impact (with its note) stay; Raised goes first,
/// then the decision date, then the latest update, which is cut to a few lines.
pub fn fits() -> Vec<ColumnFit> {
    vec![
        ColumnFit::whole(),
        ColumnFit::text(),
        ColumnFit::whole(),
        ColumnFit::whole().drop(3),
        ColumnFit::whole().drop(2),
        ColumnFit::text(),
        ColumnFit::text().lines(UPDATE_LINES).drop(1),
    ]
}

/// The row for `c` of `set` (reading its file again if the set keeps it slim).
pub fn row<'a>(set: &'a RecordSet, c: &'a Cr, today: NaiveDate) -> Box<dyn Row + 'a> {
    super::stored::row(set, Kind::Cr, &c.id, today, Box::new(CrRow(c)))
}

pub fn crs<'a>(
    set: &'a RecordSet,
    crs: impl IntoIterator<Item = &'a Cr>,
    config: &Config,
    today: NaiveDate,
) -> Listing<'a> {
    let mut listing = Listing::new(columns()).fit(fits());
    listing.group_column = Some("Body");
    for (body, members) in by_body(crs, config) {
        listing.groups.push(Group {
            heading: Some(body),
            rows: members.into_iter().map(|c| row(set, c, today)).collect(),
        });
    }
    listing
}

/// The horizon log as the pack lays it out: per code body, one card per change — its summary,
/// latest update, stakeholder positions, status, decision date and impact.
pub fn cards<'a>(crs: impl IntoIterator<Item = &'a Cr>, config: &Config) -> crate::render::Document<'a> {
    use crate::render::Block;
    let mut doc = crate::render::Document::default();
    doc.push(Block::Heading(1, "Horizon scanning log".into()));
    let groups = by_body(crs, config);
    if groups.is_empty() {
        doc.push(Block::Paragraph("No changes match.".into()));
    }
    for (body, members) in groups {
        doc.push(Block::Heading(2, body));
        for c in members {
            doc.push(Block::Heading(3, format!("{} — {}", c.id, c.title)));
            let mut lines = vec![format!("Summary: {}", c.summary)];
            if let Some(u) = c.updates.last() {
                lines.push(format!("Update {}: {}", date(u.date), u.text));
            }
            if let Some(p) = &c.positions {
                lines.push(format!("Stakeholder positions: {p}"));
            }
            lines.push(format!("Status: {}", c.status.label()));
            lines.push(format!(
                "Decision date: {}{}",
                c.decision_date.map(date).unwrap_or_else(|| "TBC".into()),
                c.decided_by.as_deref().map(|d| format!(" ({d})")).unwrap_or_default()
            ));
            lines.push(format!(
                "MHHS impact: {}{}",
                c.impact.label(),
                c.impact_note.as_deref().map(|n| format!(": {n}")).unwrap_or_default()
            ));
            doc.push(Block::Bullets(lines));
        }
    }
    doc
}
