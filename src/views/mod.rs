//! The pack's tables built from records: one file per kind, each returning a `Listing`
//! that every output format can render (listings, the agenda and the report share them).

mod actions;
mod crs;
mod meetings;
mod milestones;
mod risks;

pub use actions::actions;
pub use crs::crs;
pub use meetings::{AgendaLine, agenda_lines, meetings};
pub use milestones::milestones;
pub use risks::risks;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::model::Update;

/// A record as JSON with its YAML field names, plus computed fields.
pub fn record_json(record: &impl Serialize, computed: &[(&str, Value)]) -> Value {
    let mut value = serde_json::to_value(record).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        for (k, v) in computed {
            map.insert((*k).to_string(), v.clone());
        }
    }
    value
}

pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The latest update as the pack shows it: `2024-02-21: text`.
pub fn latest(updates: &[Update]) -> String {
    updates
        .last()
        .map(|u| format!("{}: {}", date(u.date), u.text))
        .unwrap_or_default()
}
