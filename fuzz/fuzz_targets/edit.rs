//! The editor: a record and an edit give either a refusal (the caller keeps the file as it was)
//! or text that parses to exactly the original data plus the edit — never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

use ccag::edit::{self, Change};
use ccag::model::Kind;
use ccag::store::yaml;

const FIELDS: &[&str] = &[
    "title", "status", "due", "owner.org", "owner.person", "summary", "rag", "impact", "related",
    "mitigations", "updates", "items", "decision_date", "x_extra",
];

fuzz_target!(|data: &[u8]| {
    let [which, op, field, index, rest @ ..] = data else { return };
    let kind = Kind::ALL[usize::from(*which) % Kind::ALL.len()];
    let Ok(rest) = std::str::from_utf8(rest) else { return };
    // The record, then (after a NUL) the value the edit writes.
    let (record, value) = rest.split_once('\0').unwrap_or((rest, "x"));
    let Ok(original) = yaml::parse_value(record) else { return };
    let list = ["related", "mitigations", "items", "updates"][usize::from(*field) % 4];
    let field = FIELDS[usize::from(*field) % FIELDS.len()];
    let index = usize::from(*index % 8);
    let value = Value::from(value);
    let change = match op % 6 {
        0 => Change::set(field, value),
        1 => Change::Remove { field: field.split('.').next().unwrap_or(field).to_string() },
        2 => Change::AppendUpdate {
            date: chrono::NaiveDate::from_ymd_opt(2024, 2, 28).unwrap(),
            text: value.as_str().unwrap_or_default().to_string(),
        },
        3 => Change::AddItem { field: list.to_string(), value },
        4 => Change::RemoveItem { field: list.to_string(), index },
        _ => Change::ReplaceItem { field: list.to_string(), index, value },
    };
    let changes = [change];
    if let Ok(after) = edit::apply(record, kind, &changes) {
        let got = yaml::parse_value(&after).expect("an accepted edit parses");
        assert_eq!(got, edit::expected(&original, &changes), "an accepted edit changed other data");
    }
});
