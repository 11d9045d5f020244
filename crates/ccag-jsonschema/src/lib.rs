//! The JSON Schemas of ccag's record kinds, embedded, compiled once, and checked through a small non-generic interface.
//!
//! This crate exists so that `jsonschema`'s heavily generic code is compiled here,
//! once, and not re-instantiated in the `ccag` crate on every incremental build.

use std::sync::OnceLock;

use jsonschema::Validator;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

/// The record kinds with a published schema, in contract order.
pub const KINDS: [&str; 5] = ["action", "cr", "risk", "milestone", "meeting"];

const SOURCES: [&str; 5] = [
    include_str!("../../../schemas/action.schema.json"),
    include_str!("../../../schemas/cr.schema.json"),
    include_str!("../../../schemas/risk.schema.json"),
    include_str!("../../../schemas/milestone.schema.json"),
    include_str!("../../../schemas/meeting.schema.json"),
];

/// What a schema violation is about, with what a caller needs to explain it.
#[derive(Debug, Clone, PartialEq)]
pub enum Violation {
    /// Properties the schema does not define.
    UnknownFields { fields: Vec<String> },
    /// A required property is absent.
    MissingField { field: String },
    /// A value outside an `enum`.
    NotAllowed { allowed: Vec<String> },
    /// A value of the wrong JSON type.
    WrongType,
    /// A string that does not match a `pattern` or `format`.
    BadFormat { format: String },
    /// Anything else (lengths, bounds, uniqueness…).
    Other,
}

/// One schema violation at one place in the instance.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaError {
    /// JSON pointer of the offending value in the instance (`/owner/org`).
    pub pointer: String,
    /// The schema keyword that failed (`enum`, `required`, …).
    pub keyword: String,
    pub violation: Violation,
    /// The validator's own message.
    pub message: String,
}

/// The schema text for `kind`, as published under `schemas/`.
pub fn source(kind: &str) -> Option<&'static str> {
    KINDS.iter().position(|k| *k == kind).map(|i| SOURCES[i])
}

/// The schema for `kind` as a JSON value.
pub fn schema(kind: &str) -> Option<Value> {
    parsed(kind).cloned()
}

/// Every schema parsed once, in `KINDS` order.
fn parsed(kind: &str) -> Option<&'static Value> {
    static PARSED: OnceLock<Vec<Value>> = OnceLock::new();
    let all = PARSED.get_or_init(|| {
        SOURCES
            .iter()
            .map(|src| serde_json::from_str(src).expect("embedded schemas are valid JSON"))
            .collect()
    });
    KINDS.iter().position(|k| *k == kind).map(|i| &all[i])
}

fn validator(kind: &str) -> Option<&'static Validator> {
    static VALIDATORS: OnceLock<Vec<Validator>> = OnceLock::new();
    let all = VALIDATORS.get_or_init(|| {
        KINDS
            .iter()
            .filter_map(|kind| parsed(kind))
            .map(|schema| {
                jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .should_validate_formats(true)
                    .build(schema)
                    .expect("embedded schemas compile")
            })
            .collect()
    });
    KINDS.iter().position(|k| *k == kind).map(|i| &all[i])
}

/// The top-level properties of `kind`'s schema, in the order the schema lists them (contract order).
pub fn top_level_properties(kind: &str) -> Vec<String> {
    parsed(kind)
        .and_then(|s| {
            s.get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
        })
        .unwrap_or_default()
}

/// Every property name defined anywhere in `kind`'s schema, sorted: candidates for "did you
/// mean" (gathered once per kind; a set with thousands of misspelt fields asks for each).
pub fn property_names(kind: &str) -> &'static [String] {
    static NAMES: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    let all = NAMES.get_or_init(|| KINDS.iter().map(|k| gather_property_names(k)).collect());
    KINDS
        .iter()
        .position(|k| *k == kind)
        .map(|i| all[i].as_slice())
        .unwrap_or_default()
}

fn gather_property_names(kind: &str) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    out.extend(props.keys().cloned());
                }
                map.values().for_each(|v| walk(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(s) = parsed(kind) {
        walk(s, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

/// Whether `instance` satisfies `kind`'s schema (fast path: no error collection).
pub fn is_valid(kind: &str, instance: &Value) -> bool {
    validator(kind).is_some_and(|v| v.is_valid(instance))
}

/// Every violation of `kind`'s schema by `instance`. Unknown kinds yield nothing.
pub fn check(kind: &str, instance: &Value) -> Vec<SchemaError> {
    let Some(validator) = validator(kind) else {
        return Vec::new();
    };
    if validator.is_valid(instance) {
        return Vec::new();
    }
    validator
        .iter_errors(instance)
        .map(|error| {
            let kind = error.kind();
            let keyword = kind.keyword().to_string();
            let violation = match kind {
                ValidationErrorKind::AdditionalProperties { unexpected } => Violation::UnknownFields {
                    fields: unexpected.clone(),
                },
                ValidationErrorKind::Required { property } => Violation::MissingField {
                    field: property.as_str().unwrap_or_default().to_string(),
                },
                ValidationErrorKind::Enum { options } => Violation::NotAllowed {
                    allowed: options
                        .as_array()
                        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
                        .unwrap_or_default(),
                },
                ValidationErrorKind::Type { .. } => Violation::WrongType,
                ValidationErrorKind::Format { format } => Violation::BadFormat { format: format.clone() },
                ValidationErrorKind::Pattern { pattern } => Violation::BadFormat {
                    format: pattern.clone(),
                },
                _ => Violation::Other,
            };
            SchemaError {
                pointer: error.instance_path().as_str().to_string(),
                keyword,
                violation,
                message: error.to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_embedded_schema_compiles() {
        for kind in KINDS {
            assert!(validator(kind).is_some(), "{kind}");
        }
    }

    #[test]
    fn unknown_field_and_bad_enum_are_reported_with_pointers() {
        let errors = check(
            "milestone",
            &json!({"id": "M1", "title": "t", "baseline": "2024-01-01", "forecast": "2024-01-01", "status": "done", "colour": 1}),
        );
        assert!(errors.iter().any(|e| e.pointer.is_empty()
            && e.violation
                == Violation::UnknownFields {
                    fields: vec!["colour".into()]
                }));
        assert!(
            errors
                .iter()
                .any(|e| e.pointer == "/status" && matches!(e.violation, Violation::NotAllowed { .. }))
        );
    }

    #[test]
    fn impossible_dates_fail_the_date_format() {
        let errors = check(
            "milestone",
            &json!({"id": "M1", "title": "t", "baseline": "2024-02-30", "forecast": "2024-01-01", "status": "green"}),
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].pointer, "/baseline");
    }
}
