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

use crate::config::DateFormat;
use crate::model::Update;

/// How this run shows dates: set once from `ccag.toml` (`date_format`), ISO until then.
static DATE_FORMAT: std::sync::OnceLock<DateFormat> = std::sync::OnceLock::new();

/// Show dates in `format` from now on (the first call wins: one run, one format).
pub fn use_date_format(format: DateFormat) {
    let _ = DATE_FORMAT.set(format);
}

/// A date as tables, markdown and CSV show it (`date_format`); JSON keeps `YYYY-MM-DD`.
pub fn date(d: NaiveDate) -> String {
    DATE_FORMAT.get().copied().unwrap_or_default().show(d)
}

/// The latest update as the pack shows it: `2024-02-21: text`.
pub fn latest(updates: &[Update]) -> String {
    updates
        .last()
        .map(|u| format!("{}: {}", date(u.date), u.text))
        .unwrap_or_default()
}
