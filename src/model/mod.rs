//! The record kinds as typed Rust values: one file per kind, no I/O.

mod action;
mod common;
pub mod date;
mod cr;
mod kind;
mod meeting;
mod milestone;
mod risk;

pub use action::{Action, ActionStatus};
pub use common::{Owner, Update};
pub use cr::{Cr, CrStatus, Impact};
pub use kind::Kind;
pub use meeting::{AgendaItem, ItemType, ItemTypes, Meeting, Table, hhmm as meeting_hhmm};
pub use milestone::{Milestone, MilestoneStatus};
pub use risk::{Rag, Risk, RiskStatus};

use serde::Serialize;

/// One record of any kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Record {
    Action(Action),
    Cr(Cr),
    Risk(Risk),
    Milestone(Milestone),
    Meeting(Meeting),
}

impl Record {
    /// Deserialize a record of `kind` from its JSON form (as produced by the loader).
    pub fn from_value(kind: Kind, value: serde_json::Value) -> Result<Self, serde_json::Error> {
        Ok(match kind {
            Kind::Action => Record::Action(serde_json::from_value(value)?),
            Kind::Cr => Record::Cr(serde_json::from_value(value)?),
            Kind::Risk => Record::Risk(serde_json::from_value(value)?),
            Kind::Milestone => Record::Milestone(serde_json::from_value(value)?),
            Kind::Meeting => Record::Meeting(serde_json::from_value(value)?),
        })
    }

    pub fn id(&self) -> &str {
        match self {
            Record::Action(r) => &r.id,
            Record::Cr(r) => &r.id,
            Record::Risk(r) => &r.id,
            Record::Milestone(r) => &r.id,
            Record::Meeting(r) => &r.id,
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Record::Action(_) => Kind::Action,
            Record::Cr(_) => Kind::Cr,
            Record::Risk(_) => Kind::Risk,
            Record::Milestone(_) => Kind::Milestone,
            Record::Meeting(_) => Kind::Meeting,
        }
    }

    /// The ids this record refers to in `related`.
    pub fn related(&self) -> &[String] {
        match self {
            Record::Action(r) => &r.related,
            Record::Cr(r) => &r.related,
            _ => &[],
        }
    }
}

/// Implements `Display` (upper-case with spaces, as the pack prints it) and
/// `as_str` (the YAML spelling) for a kebab-case enum.
macro_rules! kebab_enum {
    ($name:ident { $($variant:ident => $yaml:literal),+ $(,)? }) => {
        impl $name {
            /// Every value, in contract order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in YAML.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $yaml),+ }
            }

            /// The value as the pack prints it: upper-case, words separated by spaces.
            pub fn label(self) -> String {
                self.as_str().replace('-', " ").to_uppercase()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($yaml => Ok($name::$variant),)+
                    _ => Err(format!(
                        "`{s}` is not one of {}",
                        [$($yaml),+].map(|v| format!("`{v}`")).join(", ")
                    )),
                }
            }
        }
    };
}
pub(crate) use kebab_enum;
