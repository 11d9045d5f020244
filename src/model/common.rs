//! Field types shared by several kinds: owners and dated updates.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who owns an action or risk: an organisation and, optionally, a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    pub org: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
}

impl std::fmt::Display for Owner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.person {
            Some(person) => write!(f, "{} ({person})", self.org),
            None => f.write_str(&self.org),
        }
    }
}

/// A dated progress note, as in the pack's "Update 21/02 – …" lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    #[serde(with = "super::date::strict")]
    pub date: NaiveDate,
    pub text: String,
}
