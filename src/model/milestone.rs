//! A milestone of the plan (`records/milestones/T2-RE-0100.yaml`): baseline against forecast.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Update, kebab_enum};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub id: String,
    pub title: String,
    #[serde(with = "super::date::strict")]
    pub baseline: NaiveDate,
    #[serde(with = "super::date::strict")]
    pub forecast: NaiveDate,
    pub status: MilestoneStatus,
    #[serde(default, with = "super::date::optional", skip_serializing_if = "Option::is_none")]
    pub actual: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<Update>,
}

impl Milestone {
    /// Slippage in days: forecast − baseline (positive is late).
    pub fn slip_days(&self) -> i64 {
        (self.forecast - self.baseline).num_days()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MilestoneStatus {
    Complete,
    Green,
    Amber,
    Red,
}

kebab_enum!(MilestoneStatus {
    Complete => "complete",
    Green => "green",
    Amber => "amber",
    Red => "red",
});
