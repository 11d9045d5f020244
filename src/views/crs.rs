//! The horizon-scanning log, grouped by code body in the order `ccag.toml` lists them.

use super::{date, latest, record_json};
use crate::config::Config;
use crate::model::{Cr, CrStatus, Impact};
use crate::render::{Cell, Group, Listing, Tone};

pub fn crs<'a>(crs: impl IntoIterator<Item = &'a Cr>, config: &Config) -> Listing {
    let mut listing = Listing::new(vec![
        "Ref",
        "Title",
        "Status",
        "Raised",
        "Decision",
        "Impact",
        "Latest update",
    ]);
    listing.group_column = Some("Body");
    let crs: Vec<&Cr> = crs.into_iter().collect();
    // Configured bodies first, in their order; any other body after, by name.
    let mut bodies: Vec<String> = config.bodies.iter().map(|b| b.name.clone()).collect();
    let mut others: Vec<String> = crs
        .iter()
        .map(|c| c.body.clone())
        .filter(|b| !bodies.contains(b))
        .collect();
    others.sort();
    others.dedup();
    bodies.extend(others);
    for body in bodies {
        let rows: Vec<Vec<Cell>> = crs
            .iter()
            .filter(|c| c.body == body)
            .map(|c| {
                listing.json.push(record_json(*c, &[]));
                row(c)
            })
            .collect();
        if !rows.is_empty() {
            listing.groups.push(Group {
                heading: Some(body),
                rows,
            });
        }
    }
    listing
}

fn row(c: &Cr) -> Vec<Cell> {
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
