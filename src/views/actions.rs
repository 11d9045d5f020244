//! The "Review of outstanding actions" table.

use chrono::NaiveDate;
use serde_json::Value;

use super::{date, latest, record_json};
use crate::model::{Action, ActionStatus};
use crate::render::{Cell, Group, Listing, Tone};

pub fn actions<'a>(actions: impl IntoIterator<Item = &'a Action>, today: NaiveDate) -> Listing {
    let mut listing = Listing::new(vec!["Ref", "Raised", "Action", "Owner", "Due", "Status", "Update"]);
    let mut rows = Vec::new();
    for a in actions {
        let overdue = a.is_overdue(today);
        let tone = match a.status {
            ActionStatus::Closed => Tone::Dim,
            ActionStatus::RecommendClosed => Tone::Green,
            _ if overdue => Tone::Red,
            _ => Tone::Amber,
        };
        rows.push(vec![
            Cell::new(&a.id),
            Cell::new(date(a.raised)),
            Cell::new(&a.title),
            Cell::new(a.owner.to_string()),
            Cell::new(date(a.due)).tone(if overdue { Tone::Red } else { Tone::Plain }),
            Cell::new(a.status.label()).tone(tone),
            Cell::new(latest(&a.updates)),
        ]);
        listing.json.push(record_json(a, &[("overdue", Value::Bool(overdue))]));
    }
    listing.groups.push(Group { heading: None, rows });
    listing
}
