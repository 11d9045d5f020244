//! The record kinds as typed Rust values: one file per kind, no I/O.

mod action;
mod common;
mod cr;
pub mod date;
pub mod fields;
mod kind;
mod meeting;
mod milestone;
mod risk;

pub use action::{Action, ActionStatus};
pub use common::{Owner, Update};
pub use cr::{Cr, CrStatus, Impact};
pub use fields::{Field, FieldType, Fill};
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

/// Why a value is not a record.
#[derive(Debug)]
pub enum ModelError {
    /// The value breaks the kind's published schema (`ccag validate` says exactly how).
    Schema,
    /// The schema accepted it but the typed model did not: a bug in ccag.
    Model(serde_json::Error),
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::Schema => f.write_str("the record does not match its schema"),
            ModelError::Model(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ModelError {}

fn update_texts(updates: &[Update]) -> impl Iterator<Item = &str> {
    updates.iter().map(|u| u.text.as_str())
}

impl Record {
    /// A record of `kind` from its JSON form, accepted exactly when the published schema accepts it.
    ///
    /// The schema is the contract; serde alone is laxer (it would take `""` for text, or a
    /// list for a struct), so the schema is checked first.
    pub fn from_value(kind: Kind, value: serde_json::Value) -> Result<Self, ModelError> {
        if !ccag_jsonschema::is_valid(kind.name(), &value) {
            return Err(ModelError::Schema);
        }
        Self::from_checked_value(kind, value).map_err(ModelError::Model)
    }

    /// Deserialize a value that has already passed the schema.
    pub fn from_checked_value(kind: Kind, value: serde_json::Value) -> Result<Self, serde_json::Error> {
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

    /// What the trends count this record under, whether or not it is kept: an action's status,
    /// an open risk's RAG.
    pub fn tally_key(&self) -> Option<&'static str> {
        match self {
            Record::Action(a) => Some(a.status.as_str()),
            Record::Risk(r) if r.status == RiskStatus::Open => Some(r.rag.as_str()),
            _ => None,
        }
    }

    /// Drop the record's free text (titles, summaries, updates, mitigations), keeping what
    /// filters, sorts, groups and counts use: ids, dates, statuses, bodies, owners. A slim record
    /// is shown by reading its file again; meetings are small and stay whole.
    pub fn slim(&mut self) {
        match self {
            Record::Action(a) => {
                a.title = String::new();
                a.updates = Vec::new();
            }
            Record::Cr(c) => {
                c.title = String::new();
                c.summary = String::new();
                c.impact_note = None;
                c.decided_by = None;
                c.positions = None;
                c.link = None;
                c.updates = Vec::new();
            }
            Record::Risk(r) => {
                r.title = String::new();
                r.impact = String::new();
                r.mitigations = Vec::new();
                r.updates = Vec::new();
            }
            Record::Milestone(m) => {
                m.title = String::new();
                m.updates = Vec::new();
            }
            Record::Meeting(_) => {}
        }
    }

    /// The record's words a person might search for (`--grep`): its id, titles, summaries,
    /// owners, notes, updates and mitigations.
    pub fn texts(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        match self {
            Record::Action(a) => {
                out.extend([a.id.as_str(), &a.title, &a.owner.org]);
                out.extend(a.owner.person.as_deref());
                out.extend(update_texts(&a.updates));
            }
            Record::Cr(c) => {
                out.extend([c.id.as_str(), &c.body, &c.title, &c.summary]);
                out.extend(
                    [&c.impact_note, &c.decided_by, &c.positions]
                        .into_iter()
                        .flatten()
                        .map(String::as_str),
                );
                out.extend(update_texts(&c.updates));
            }
            Record::Risk(r) => {
                out.extend([r.id.as_str(), &r.title, &r.impact]);
                out.extend(r.mitigations.iter().map(String::as_str));
                out.extend(
                    r.owner
                        .iter()
                        .flat_map(|o| std::iter::once(o.org.as_str()).chain(o.person.as_deref())),
                );
                out.extend(update_texts(&r.updates));
            }
            Record::Milestone(m) => {
                out.extend([m.id.as_str(), &m.title]);
                out.extend(update_texts(&m.updates));
            }
            Record::Meeting(m) => {
                out.push(&m.id);
                out.extend(m.chair.as_deref());
                for item in &m.items {
                    out.push(&item.title);
                    out.extend(item.purpose.as_deref());
                    out.extend(item.lead.as_deref());
                }
            }
        }
        out
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

            /// Every value as written in YAML, in contract order.
            pub const NAMES: &'static [&'static str] = &[$($yaml),+];

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
