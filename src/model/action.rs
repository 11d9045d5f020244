//! An action from the actions log (`records/actions/CCAG26-01.yaml`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Owner, Update, kebab_enum};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    pub title: String,
    #[serde(with = "super::date::strict")]
    pub raised: NaiveDate,
    pub owner: Owner,
    #[serde(with = "super::date::strict")]
    pub due: NaiveDate,
    pub status: ActionStatus,
    #[serde(default, with = "super::date::optional", skip_serializing_if = "Option::is_none")]
    pub closed: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<Update>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    Open,
    Ongoing,
    RecommendClosed,
    Closed,
}

kebab_enum!(ActionStatus {
    Open => "open",
    Ongoing => "ongoing",
    RecommendClosed => "recommend-closed",
    Closed => "closed",
});

impl Action {
    /// Every status but closed counts as open (`ccag actions --open`).
    pub fn is_open(&self) -> bool {
        self.status != ActionStatus::Closed
    }

    /// Open and due before `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due < today
    }

    /// The meeting the action was raised at, from its id: `CCAG26-01` → `CCAG26`.
    pub fn meeting(&self) -> Option<&str> {
        crate::ids::meeting_and_sequence(&self.id).map(|(m, _)| m)
    }
}
