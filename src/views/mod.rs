//! The pack's tables built from records: one file per kind, each giving the kind's rows (cells
//! for the text formats, the record with its computed fields for JSON) and its `Listing`.
//! Listings, the agenda and the report share them.

pub mod actions;
pub mod crs;
pub mod meetings;
pub mod milestones;
pub mod risks;
pub mod stored;

pub use actions::{ActionRow, actions};
pub use crs::{CrRow, by_body, crs};
pub use meetings::{AgendaLine, MeetingRow, agenda_lines, meetings};
pub use milestones::{MilestoneRow, milestones};
pub use risks::{RiskRow, risks};

use chrono::NaiveDate;

use crate::model::Update;

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
