//! The milestone table: baseline against forecast, with slip in days.

use serde_json::Value;

use super::{date, record_json};
use crate::model::{Milestone, MilestoneStatus};
use crate::render::{Cell, Group, Listing, Tone};

pub fn milestones<'a>(milestones: impl IntoIterator<Item = &'a Milestone>) -> Listing {
    let mut listing = Listing::new(vec![
        "Ref",
        "Milestone",
        "Baseline",
        "Forecast",
        "Slip (days)",
        "Status",
    ]);
    let mut rows = Vec::new();
    for m in milestones {
        let slip = m.slip_days();
        let tone = match m.status {
            MilestoneStatus::Complete => Tone::Dim,
            MilestoneStatus::Green => Tone::Green,
            MilestoneStatus::Amber => Tone::Amber,
            MilestoneStatus::Red => Tone::Red,
        };
        rows.push(vec![
            Cell::new(&m.id),
            Cell::new(&m.title),
            Cell::new(date(m.baseline)),
            Cell::new(date(m.forecast)),
            Cell::new(format!("{slip:+}").replace("+0", "0")).tone(if slip > 0 { Tone::Red } else { Tone::Plain }),
            Cell::new(m.status.label()).tone(tone),
        ]);
        listing.json.push(record_json(m, &[("slip_days", Value::from(slip))]));
    }
    listing.groups.push(Group { heading: None, rows });
    listing
}
