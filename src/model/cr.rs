//! A cr: a code body's change proposal on the horizon-scanning log, or a programme change request.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Update, kebab_enum};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cr {
    pub id: String,
    pub body: String,
    pub title: String,
    pub summary: String,
    #[serde(with = "super::date::strict")]
    pub raised: NaiveDate,
    pub status: CrStatus,
    pub impact: Impact,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact_note: Option<String>,
    #[serde(default, with = "super::date::optional", skip_serializing_if = "Option::is_none")]
    pub decision_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positions: Option<String>,
    #[serde(default, with = "super::date::optional", skip_serializing_if = "Option::is_none")]
    pub implementation: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<Update>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CrStatus {
    Raised,
    Definition,
    UnderDevelopment,
    Consultation,
    DecisionPending,
    Approved,
    Appeal,
    Implemented,
    Rejected,
    Withdrawing,
    Withdrawn,
}

kebab_enum!(CrStatus {
    Raised => "raised",
    Definition => "definition",
    UnderDevelopment => "under-development",
    Consultation => "consultation",
    DecisionPending => "decision-pending",
    Approved => "approved",
    Appeal => "appeal",
    Implemented => "implemented",
    Rejected => "rejected",
    Withdrawing => "withdrawing",
    Withdrawn => "withdrawn",
});

/// The programme impact of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Impact {
    Direct,
    CrNeeded,
    Consequential,
    OfInterest,
    Awareness,
    None,
}

kebab_enum!(Impact {
    Direct => "direct",
    CrNeeded => "cr-needed",
    Consequential => "consequential",
    OfInterest => "of-interest",
    Awareness => "awareness",
    None => "none",
});

impl Cr {
    /// Still on the horizon: not withdrawn, rejected or implemented.
    pub fn is_live(&self) -> bool {
        !matches!(
            self.status,
            CrStatus::Withdrawn | CrStatus::Rejected | CrStatus::Implemented
        )
    }
}
