//! What every listing can do after its own filters: search the text (`--grep`), order by a
//! field (`--sort`, `--desc`) and keep the first few (`--limit`).

use std::cmp::Ordering;

use chrono::NaiveDate;

use crate::model::fields::{self, FieldType};
use crate::model::{Action, Cr, Kind, Meeting, Milestone, Record, Risk};

/// `--grep`, `--sort`, `--desc` and `--limit`, checked.
#[derive(Debug, Clone, Default)]
pub struct Arrange {
    /// Lower-cased.
    grep: Option<String>,
    sort: Option<&'static str>,
    desc: bool,
    limit: Option<usize>,
}

/// A value to order records by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// Absent values sort last.
    Missing,
    Date(NaiveDate),
    /// A position in the contract's order (statuses, RAG, impact) or a count.
    Number(i64),
    /// Compared as people read ids: `CCAG9` before `CCAG10`.
    Id(String),
    Text(String),
}

impl Key {
    fn cmp(&self, other: &Key) -> Ordering {
        match (self, other) {
            (Key::Missing, Key::Missing) => Ordering::Equal,
            (Key::Missing, _) => Ordering::Greater,
            (_, Key::Missing) => Ordering::Less,
            (Key::Date(a), Key::Date(b)) => a.cmp(b),
            (Key::Number(a), Key::Number(b)) => a.cmp(b),
            (Key::Id(a), Key::Id(b)) => crate::ids::natural(a, b),
            (Key::Text(a), Key::Text(b)) => a.to_lowercase().cmp(&b.to_lowercase()),
            _ => Ordering::Equal,
        }
    }
}

/// Fields a listing can be ordered by: what every record keeps in memory (ids, dates,
/// statuses, bodies, owners, counts), not its prose.
fn sortable(kind: Kind) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = fields::fields(kind)
        .iter()
        .filter(|f| {
            matches!(
                f.ty,
                FieldType::Date | FieldType::Time | FieldType::Choice(_) | FieldType::Body | FieldType::Id
            ) || f.path.starts_with("owner.")
        })
        .map(|f| f.path)
        .collect();
    match kind {
        Kind::Milestone => names.push("slip"),
        Kind::Meeting => names.push("items"),
        _ => {}
    }
    names
}

impl Arrange {
    /// The options for a listing of `kind`; an unknown or unsortable `--sort` field is an error
    /// that names the fields that sort.
    pub fn new(
        kind: Kind,
        grep: Option<String>,
        sort: Option<String>,
        desc: bool,
        limit: Option<usize>,
    ) -> anyhow::Result<Arrange> {
        let sort = match sort {
            None => None,
            Some(given) => {
                let names = sortable(kind);
                let wanted = given.trim().replace('-', "_");
                let wanted = if wanted == "owner" {
                    "owner.org".to_string()
                } else {
                    wanted
                };
                match names.iter().find(|n| n.eq_ignore_ascii_case(&wanted)) {
                    Some(name) => Some(*name),
                    None => anyhow::bail!(
                        "{} cannot be sorted by `{given}`\n  hint: sort by one of {}",
                        kind.plural(),
                        names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                    ),
                }
            }
        };
        Ok(Arrange {
            grep: grep.map(|g| g.to_lowercase()).filter(|g| !g.is_empty()),
            sort,
            desc,
            limit,
        })
    }

    /// Whether `record`'s text holds the `--grep` text (any case); true without `--grep`.
    pub fn matches(&self, record: &Record) -> bool {
        let Some(needle) = &self.grep else { return true };
        record.texts().iter().any(|t| contains_lower(t, needle))
    }

    /// `items` ordered by `--sort` (stable: ties keep their order) and cut to `--limit`.
    pub fn apply<'a, T: Sorted>(&self, items: impl IntoIterator<Item = &'a T>) -> Vec<&'a T> {
        let mut items: Vec<&T> = items.into_iter().collect();
        if let Some(field) = self.sort {
            let mut keyed: Vec<(Key, &T)> = items.into_iter().map(|r| (r.key(field), r)).collect();
            keyed.sort_by(|(a, _), (b, _)| {
                let order = a.cmp(b);
                // Absent values stay last either way.
                if self.desc && !matches!((a, b), (Key::Missing, _) | (_, Key::Missing)) {
                    order.reverse()
                } else {
                    order
                }
            });
            items = keyed.into_iter().map(|(_, r)| r).collect();
        }
        if let Some(limit) = self.limit {
            items.truncate(limit);
        }
        items
    }
}

fn contains_lower(text: &str, needle: &str) -> bool {
    if text.is_ascii() && needle.is_ascii() {
        let (h, n) = (text.as_bytes(), needle.as_bytes());
        return n.len() <= h.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    text.to_lowercase().contains(needle)
}

/// A record a listing can order by a field.
pub trait Sorted {
    fn key(&self, field: &str) -> Key;
}

fn date(d: Option<NaiveDate>) -> Key {
    d.map_or(Key::Missing, Key::Date)
}

fn text(t: Option<&str>) -> Key {
    t.map_or(Key::Missing, |t| Key::Text(t.to_string()))
}

fn rank<T: PartialEq>(all: &[T], value: &T) -> Key {
    Key::Number(all.iter().position(|v| v == value).unwrap_or(usize::MAX) as i64)
}

impl Sorted for Action {
    fn key(&self, field: &str) -> Key {
        match field {
            "id" => Key::Id(self.id.clone()),
            "raised" => Key::Date(self.raised),
            "due" => Key::Date(self.due),
            "closed" => date(self.closed),
            "status" => rank(crate::model::ActionStatus::ALL, &self.status),
            "owner.org" => text(Some(&self.owner.org)),
            "owner.person" => text(self.owner.person.as_deref()),
            _ => Key::Missing,
        }
    }
}

impl Sorted for Cr {
    fn key(&self, field: &str) -> Key {
        match field {
            "id" => Key::Id(self.id.clone()),
            "body" => text(Some(&self.body)),
            "raised" => Key::Date(self.raised),
            "status" => rank(crate::model::CrStatus::ALL, &self.status),
            "impact" => rank(crate::model::Impact::ALL, &self.impact),
            "decision_date" => date(self.decision_date),
            "implementation" => date(self.implementation),
            _ => Key::Missing,
        }
    }
}

impl Sorted for Risk {
    fn key(&self, field: &str) -> Key {
        match field {
            "id" => Key::Id(self.id.clone()),
            "rag" => rank(crate::model::Rag::ALL, &self.rag),
            "status" => rank(crate::model::RiskStatus::ALL, &self.status),
            "raised" => date(self.raised),
            "reviewed" => date(self.reviewed),
            "owner.org" => text(self.owner.as_ref().map(|o| o.org.as_str())),
            "owner.person" => text(self.owner.as_ref().and_then(|o| o.person.as_deref())),
            _ => Key::Missing,
        }
    }
}

impl Sorted for Milestone {
    fn key(&self, field: &str) -> Key {
        match field {
            "id" => Key::Id(self.id.clone()),
            "baseline" => Key::Date(self.baseline),
            "forecast" => Key::Date(self.forecast),
            "actual" => date(self.actual),
            "status" => rank(crate::model::MilestoneStatus::ALL, &self.status),
            "slip" => Key::Number(self.slip_days()),
            _ => Key::Missing,
        }
    }
}

impl Sorted for Meeting {
    fn key(&self, field: &str) -> Key {
        match field {
            "id" => Key::Id(self.id.clone()),
            "date" => Key::Date(self.date),
            "start" => self
                .start
                .map_or(Key::Missing, |t| Key::Text(t.format("%H:%M").to_string())),
            "items" => Key::Number(self.items.len() as i64),
            _ => Key::Missing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordering_puts_absent_values_last_and_ids_in_reading_order() {
        let mut keys = [Key::Id("CCAG10".into()), Key::Missing, Key::Id("CCAG9".into())];
        keys.sort_by(|a, b| a.cmp(b));
        assert_eq!(keys, [Key::Id("CCAG9".into()), Key::Id("CCAG10".into()), Key::Missing]);
        assert!(contains_lower("BSC to communicate", "communicate"));
        assert!(contains_lower("Ünïcode Text", "ünïcode"));
        assert!(!contains_lower("short", "longer needle"));
    }

    #[test]
    fn only_fields_kept_in_memory_sort() {
        assert!(Arrange::new(Kind::Action, None, Some("due".into()), false, None).is_ok());
        assert!(Arrange::new(Kind::Action, None, Some("owner".into()), false, None).is_ok());
        assert!(Arrange::new(Kind::Cr, None, Some("decision-date".into()), false, None).is_ok());
        assert!(Arrange::new(Kind::Milestone, None, Some("slip".into()), true, None).is_ok());
        let e = Arrange::new(Kind::Action, None, Some("title".into()), false, None).unwrap_err();
        assert!(e.to_string().contains("actions cannot be sorted by `title`"), "{e}");
        assert!(e.to_string().contains("`due`"), "{e}");
    }
}
