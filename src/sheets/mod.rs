//! Spreadsheets both ways: each kind's sheet — its columns in the pack's order and headings, and
//! how each column reads from and back into a record's fields. `export` writes these sheets
//! (`xlsx.rs`, and CSV); `import` reads a workbook or CSV file back through the same columns
//! (`read.rs`, `import.rs`), so what one writes the other reads as unchanged.
//!
//! Columns work on a record's JSON value (the same value `show --format json` prints), so one
//! description serves every kind.

pub mod import;
pub mod read;
pub mod xlsx;

use chrono::NaiveDate;
use serde_json::Value;

use crate::model::Kind;
use crate::model::fields::{self, FieldType};

/// How a column's cells relate to a record's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A text field (`title`, `body`, `id`); blank when absent.
    Text(&'static str),
    /// A date field, as a date cell; `TBC` when absent and `tbc` is set.
    Date { path: &'static str, tbc: bool },
    /// A field of fixed values, shown as the pack writes them (`RECOMMEND CLOSED`).
    Choice(&'static str),
    /// A choice with a note: `CR NEEDED: Design impacted` (`impact` and `impact_note`).
    ChoiceNote { path: &'static str, note: &'static str },
    /// `Org (Person)`.
    Owner(&'static str),
    /// The latest entry of `updates`, dated: `2024-02-21: text`.
    Latest,
    /// A list of text, numbered: `1) …` a line.
    Numbered(&'static str),
    /// A milestone's slip in days (forecast − baseline): written, never read back.
    Slip,
    /// An agenda item's position (the `Agenda items` sheet): written, never read back.
    Ordinal,
}

/// One column of a kind's sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub heading: &'static str,
    pub source: Source,
    /// Other headings that mean this column (besides the field name and the listing heading).
    pub aliases: &'static [&'static str],
    /// The width in characters that fits its usual content.
    pub width: f64,
}

const fn col(heading: &'static str, source: Source, width: f64) -> Column {
    Column {
        heading,
        source,
        aliases: &[],
        width,
    }
}

impl Column {
    const fn or(mut self, aliases: &'static [&'static str]) -> Column {
        self.aliases = aliases;
        self
    }

    /// The record field this column sets, if it is read back.
    pub fn field(&self) -> Option<&'static str> {
        match self.source {
            Source::Text(p) | Source::Choice(p) | Source::Owner(p) | Source::Numbered(p) => Some(p),
            Source::Date { path, .. } | Source::ChoiceNote { path, .. } => Some(path),
            Source::Latest => Some("updates"),
            Source::Slip | Source::Ordinal => None,
        }
    }

    /// The allowed values of a choice column, as the sheet writes them.
    pub fn choices(&self, kind: Kind) -> Option<Vec<String>> {
        let path = match self.source {
            Source::Choice(p) | Source::ChoiceNote { path: p, .. } => p,
            _ => return None,
        };
        match fields::field_of(kind, path).map(|f| f.ty) {
            Some(FieldType::Choice(values)) => Some(values.iter().map(|v| label(v)).collect()),
            _ => None,
        }
    }
}

/// The sheets `export` writes, in order: one per kind, and the meetings' agenda items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Kind(Kind),
    AgendaItems,
}

impl Sheet {
    pub fn name(self) -> &'static str {
        match self {
            Sheet::Kind(Kind::Cr) => "Horizon log",
            Sheet::Kind(Kind::Action) => "Actions",
            Sheet::Kind(Kind::Risk) => "Risks",
            Sheet::Kind(Kind::Milestone) => "Milestones",
            Sheet::Kind(Kind::Meeting) => "Meetings",
            Sheet::AgendaItems => "Agenda items",
        }
    }

    pub fn columns(self) -> Vec<Column> {
        use Source::*;
        match self {
            Sheet::Kind(kind) => columns(kind),
            Sheet::AgendaItems => vec![
                col("Meeting", Text("meeting"), 10.0),
                col("#", Ordinal, 4.0),
                col("Item", Text("title"), 40.0),
                col("Mins", Text("minutes"), 6.0),
                col("Type", Text("type"), 14.0),
                col("Lead", Text("lead"), 24.0),
                col("Purpose", Text("purpose"), 50.0),
                col("Shows", Text("shows"), 16.0),
            ],
        }
    }
}

/// A kind's columns: the pack's, in its order, then what the pack leaves out but a record holds
/// (so that a workbook carries every field the log is edited by).
pub fn columns(kind: Kind) -> Vec<Column> {
    use Source::*;
    match kind {
        Kind::Cr => vec![
            col("Code Body", Text("body"), 10.0).or(&["body", "code"]),
            col("Ref", Text("id"), 10.0).or(&["reference", "change ref", "cp ref"]),
            col("Change Title", Text("title"), 30.0).or(&["title"]),
            col("Change Summary", Text("summary"), 60.0).or(&["summary"]),
            col("Update", Latest, 50.0).or(&["latest update", "updates"]),
            col("Stakeholder positions", Text("positions"), 30.0).or(&["positions", "stakeholder position"]),
            col(
                "Date raised",
                Date {
                    path: "raised",
                    tbc: false,
                },
                12.0,
            )
            .or(&["raised"]),
            col("Status", Choice("status"), 18.0),
            col(
                "Decision date",
                Date {
                    path: "decision_date",
                    tbc: true,
                },
                12.0,
            )
            .or(&["decision"]),
            col(
                "MHHS Impact",
                ChoiceNote {
                    path: "impact",
                    note: "impact_note",
                },
                40.0,
            )
            .or(&["impact", "programme impact", "mhhs programme impact"]),
            col("Decided by", Text("decided_by"), 16.0),
            col(
                "Implementation",
                Date {
                    path: "implementation",
                    tbc: false,
                },
                12.0,
            )
            .or(&["implementation date"]),
            col("Link", Text("link"), 30.0),
        ],
        Kind::Action => vec![
            col("Ref", Text("id"), 12.0).or(&["action ref", "action id", "reference"]),
            col(
                "Date Raised",
                Date {
                    path: "raised",
                    tbc: false,
                },
                12.0,
            )
            .or(&["raised"]),
            col("Action", Text("title"), 50.0).or(&["title", "description"]),
            col("Owner", Owner("owner"), 24.0).or(&["action owner"]),
            col(
                "Due Date",
                Date {
                    path: "due",
                    tbc: false,
                },
                12.0,
            )
            .or(&["due"]),
            col("Status", Choice("status"), 18.0),
            col("Update", Latest, 50.0).or(&["latest update", "updates"]),
            col(
                "Closed",
                Date {
                    path: "closed",
                    tbc: false,
                },
                12.0,
            )
            .or(&["date closed"]),
        ],
        Kind::Risk => vec![
            col("Risk/Issue ID", Text("id"), 10.0).or(&["risk id", "id", "ref"]),
            col("Risk description", Text("title"), 50.0).or(&["risk", "title", "description"]),
            col("Risk impact", Text("impact"), 40.0).or(&["impact"]),
            col("RAG", Choice("rag"), 10.0).or(&["rag status"]),
            col("Mitigation", Numbered("mitigations"), 60.0).or(&["mitigations"]),
            col("Status", Choice("status"), 10.0),
            col("Owner", Owner("owner"), 24.0),
        ],
        Kind::Milestone => vec![
            col("Mstn Ref", Text("id"), 12.0).or(&["milestone ref", "ref", "id"]),
            col("Drafting Milestones", Text("title"), 40.0).or(&["milestone", "title", "drafting milestone"]),
            col(
                "Baseline date",
                Date {
                    path: "baseline",
                    tbc: false,
                },
                12.0,
            )
            .or(&["baseline"]),
            col(
                "Forecast date",
                Date {
                    path: "forecast",
                    tbc: false,
                },
                12.0,
            )
            .or(&["forecast"]),
            col("Slip (days)", Slip, 8.0),
            col("Status", Choice("status"), 12.0),
            col(
                "Actual",
                Date {
                    path: "actual",
                    tbc: false,
                },
                12.0,
            )
            .or(&["actual date", "achieved"]),
        ],
        Kind::Meeting => vec![
            col("ID", Text("id"), 10.0).or(&["meeting", "ref"]),
            col(
                "Date",
                Date {
                    path: "date",
                    tbc: false,
                },
                12.0,
            ),
            col("Start", Text("start"), 8.0),
            col("Chair", Text("chair"), 20.0),
        ],
    }
}

/// A contract value as the pack writes it: `recommend-closed` → `RECOMMEND CLOSED`.
pub fn label(value: &str) -> String {
    value.replace('-', " ").to_uppercase()
}

/// A header as compared: lower case, letters and digits only (`Due Date`, `due_date` and
/// `DUE-DATE` all read `duedate`).
pub fn normal(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A cell's value as a sheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    Blank,
    Text(String),
    Date(NaiveDate),
    Number(f64),
}

/// What the column shows for `record` (its JSON value).
pub fn cell(record: &Value, column: &Column) -> Out {
    let text = |path: &str| match lookup(record, path) {
        Some(Value::String(s)) => Out::Text(s.clone()),
        Some(Value::Number(n)) => n.as_f64().map_or(Out::Blank, Out::Number),
        Some(Value::Array(items)) => Out::Text(
            items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(Value::Null) | None => Out::Blank,
        Some(other) => Out::Text(other.to_string()),
    };
    let date = |path: &str| {
        lookup(record, path)
            .and_then(Value::as_str)
            .and_then(crate::model::date::parse)
    };
    match column.source {
        Source::Text(path) => text(path),
        Source::Date { path, tbc } => match date(path) {
            Some(d) => Out::Date(d),
            None if tbc => Out::Text("TBC".into()),
            None => Out::Blank,
        },
        Source::Choice(path) => match lookup(record, path).and_then(Value::as_str) {
            Some(v) => Out::Text(label(v)),
            None => Out::Blank,
        },
        Source::ChoiceNote { path, note } => {
            let value = lookup(record, path)
                .and_then(Value::as_str)
                .map(label)
                .unwrap_or_default();
            match lookup(record, note).and_then(Value::as_str) {
                Some(n) if !n.is_empty() => Out::Text(format!("{value}: {n}")),
                _ if value.is_empty() => Out::Blank,
                _ => Out::Text(value),
            }
        }
        Source::Owner(path) => match lookup(record, path) {
            Some(owner) => {
                let org = owner.get("org").and_then(Value::as_str).unwrap_or_default();
                match owner.get("person").and_then(Value::as_str) {
                    Some(p) => Out::Text(format!("{org} ({p})")),
                    None => Out::Text(org.to_string()),
                }
            }
            None => Out::Blank,
        },
        Source::Latest => match record.get("updates").and_then(Value::as_array).and_then(|u| u.last()) {
            Some(u) => Out::Text(format!(
                "{}: {}",
                u.get("date").and_then(Value::as_str).unwrap_or_default(),
                u.get("text").and_then(Value::as_str).unwrap_or_default()
            )),
            None => Out::Blank,
        },
        Source::Numbered(path) => match lookup(record, path).and_then(Value::as_array) {
            Some(items) if !items.is_empty() => Out::Text(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, m)| format!("{}) {}", i + 1, m.as_str().unwrap_or_default()))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            _ => Out::Blank,
        },
        Source::Slip => match (date("baseline"), date("forecast")) {
            (Some(b), Some(f)) => Out::Number((f - b).num_days() as f64),
            _ => Out::Blank,
        },
        Source::Ordinal => text("ordinal"),
    }
}

/// The value at a dotted path (`owner.org`).
pub fn lookup<'v>(record: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(record, |v, key| v.get(key))
}

/// Text a spreadsheet would run as a formula — starting `=`, `+`, `-`, `@`, a tab or a carriage
/// return — unless it is a plain number (`-3`).
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.trim().parse::<f64>().is_err()
}

/// A CSV cell made safe to open in a spreadsheet: formula-looking text gets a leading `'`
/// (which spreadsheets show as text and `ccag import` takes off again).
pub fn csv_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if looks_like_formula(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_looking_text_is_marked_and_numbers_are_not() {
        for text in [
            "=1+1",
            "+44 20",
            "-x",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"http://x\")",
        ] {
            assert!(looks_like_formula(text), "{text:?}");
            assert_eq!(csv_safe(text), format!("'{text}"));
        }
        for text in ["-3", "12", "plain", "a=b", ""] {
            assert!(!looks_like_formula(text), "{text:?}");
            assert_eq!(csv_safe(text), text);
        }
    }

    #[test]
    fn every_read_column_names_a_field_of_its_kind() {
        for kind in Kind::ALL {
            for column in columns(kind) {
                if let Some(field) = column.field() {
                    assert!(
                        fields::field_of(kind, field).is_some() || field == "owner",
                        "{kind}: {}",
                        column.heading
                    );
                }
            }
            // Every required field is a column, so an import can create the record.
            for field in fields::fields(kind)
                .iter()
                .filter(|f| f.required && !f.path.contains('.'))
            {
                let held = columns(kind).iter().any(|c| {
                    c.field() == Some(field.path) || (matches!(c.source, Source::Owner(p) if p == field.path))
                });
                assert!(
                    held || kind == Kind::Meeting && field.path == "items",
                    "{kind}: {}",
                    field.path
                );
            }
        }
    }
}
