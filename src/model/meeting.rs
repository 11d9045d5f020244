//! A meeting and its agenda items (`records/meetings/CCAG27.yaml`).

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::kebab_enum;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: String,
    #[serde(with = "super::date::strict")]
    pub date: NaiveDate,
    #[serde(default, with = "hhmm", skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<String>,
    pub items: Vec<AgendaItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<ItemTypes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    pub minutes: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shows: Vec<Table>,
}

/// An item's type: one of them, or a list (`[information, decision]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ItemTypes {
    One(ItemType),
    Many(Vec<ItemType>),
}

impl ItemTypes {
    pub fn as_slice(&self) -> &[ItemType] {
        match self {
            ItemTypes::One(t) => std::slice::from_ref(t),
            ItemTypes::Many(ts) => ts,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemType {
    Decision,
    Information,
    Discussion,
}

kebab_enum!(ItemType {
    Decision => "decision",
    Information => "information",
    Discussion => "discussion",
});

/// A table an agenda item carries when the agenda is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Table {
    Actions,
    Crs,
    Risks,
    Milestones,
}

kebab_enum!(Table {
    Actions => "actions",
    Crs => "crs",
    Risks => "risks",
    Milestones => "milestones",
});

/// `HH:MM` times, as the contract writes them.
pub mod hhmm {
    use super::*;

    pub fn parse(s: &str) -> Option<NaiveTime> {
        if s.len() != 5 {
            return None;
        }
        NaiveTime::parse_from_str(s, "%H:%M").ok()
    }

    pub fn serialize<S: Serializer>(t: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&t.format("%H:%M").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
        let s = Option::<String>::deserialize(d)?;
        s.map(|s| parse(&s).ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a time `HH:MM`"))))
            .transpose()
    }
}
