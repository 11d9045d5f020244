//! A risk from the risk register (`records/risks/R485.yaml`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Owner, Update, kebab_enum};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: String,
    pub title: String,
    pub impact: String,
    pub rag: Rag,
    pub status: RiskStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mitigations: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
    #[serde(default, with = "super::date::optional", skip_serializing_if = "Option::is_none")]
    pub raised: Option<NaiveDate>,
    #[serde(default, with = "super::date::optional", skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<Update>,
}

/// Red/amber/green rating, in the pack's four levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rag {
    Critical,
    High,
    Medium,
    Low,
}

kebab_enum!(Rag {
    Critical => "critical",
    High => "high",
    Medium => "medium",
    Low => "low",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RiskStatus {
    Open,
    Closed,
}

kebab_enum!(RiskStatus {
    Open => "open",
    Closed => "closed",
});
