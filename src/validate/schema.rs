//! Schema violations → findings at the offending key or value, with hints.

use std::path::Path;

use ccag_jsonschema::{SchemaError, Violation};
use serde_json::Value;

use super::finding::{Finding, did_you_mean, field_name};
use crate::model::Kind;
use crate::store::yaml::{Pos, Spans};

/// Check `value` against `kind`'s schema; one finding per distinct problem.
pub fn check(path: &Path, kind: Kind, value: &Value, spans: &Spans) -> Vec<Finding> {
    let errors = ccag_jsonschema::check(kind.name(), value);
    let mut findings: Vec<Finding> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for error in &errors {
        for finding in explain(path, kind, value, spans, error) {
            // `pattern` and `format` both reject a bad date: say it once. Several required
            // fields missing at one place are each said.
            let missing = if finding.rule == "missing-field" {
                finding.message.clone()
            } else {
                String::new()
            };
            if seen.insert((finding.line, finding.col, finding.rule, missing)) {
                findings.push(finding);
            }
        }
    }
    // A misspelt required field (`stauts`) is one mistake: keep the unknown field, whose hint
    // names the field, and drop the "missing" finding it explains.
    let misspelt: Vec<String> = findings
        .iter()
        .filter(|f| f.rule == "unknown-field")
        .filter_map(|f| {
            f.hint
                .as_deref()?
                .strip_prefix("did you mean `")?
                .strip_suffix("`?")
                .map(str::to_string)
        })
        .collect();
    findings.retain(|f| {
        f.rule != "missing-field"
            || !misspelt
                .iter()
                .any(|m| f.message.ends_with(&format!("required field `{m}`")))
    });
    findings
}

/// `value` without the fields its schema does not know, when it has any (for running the rules on
/// the rest of a record whose only schema errors are unknown fields).
pub fn without_unknown_fields(kind: Kind, value: &Value) -> Option<Value> {
    let mut clean = value.clone();
    let mut removed = false;
    for error in ccag_jsonschema::check(kind.name(), value) {
        if let Violation::UnknownFields { fields } = &error.violation
            && let Some(Value::Object(map)) = clean.pointer_mut(&error.pointer)
        {
            for name in fields {
                removed |= map.remove(name).is_some();
            }
        }
    }
    removed.then_some(clean)
}

fn explain(path: &Path, kind: Kind, value: &Value, spans: &Spans, error: &SchemaError) -> Vec<Finding> {
    let pointer = error.pointer.as_str();
    let field = field_name(pointer);
    let here = value.pointer(pointer);
    match &error.violation {
        Violation::UnknownFields { fields } => {
            let known = ccag_jsonschema::property_names(kind.name());
            fields
                .iter()
                .map(|name| {
                    let at = format!("{pointer}/{}", crate::store::yaml::escape_segment(name));
                    let hint = match did_you_mean(name, known.iter().map(String::as_str)) {
                        Some(m) => format!("did you mean `{m}`?"),
                        None if pointer.is_empty() => format!(
                            "the fields of {} are {}",
                            kind.with_article(),
                            top_level_fields(kind)
                                .iter()
                                .map(|f| format!("`{f}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        None => "remove it; unknown fields are errors".into(),
                    };
                    Finding::error(
                        path,
                        spans.key(&at),
                        "unknown-field",
                        format!("unknown field `{}`", field_name(&at)),
                    )
                    .hint(hint)
                })
                .collect()
        }
        Violation::MissingField { field: missing } => {
            let whole = if pointer.is_empty() {
                format!("this {kind}")
            } else {
                format!("`{field}`")
            };
            vec![Finding::error(
                path,
                spans.value(pointer),
                "missing-field",
                format!("{whole} is missing the required field `{missing}`"),
            )]
        }
        Violation::NotAllowed { allowed } => {
            let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
            vec![not_allowed(path, spans.value(pointer), &field, here, &allowed, "")]
        }
        Violation::WrongType => {
            let shown = here.map(show).unwrap_or_default();
            let expected = expected_type(kind, pointer);
            let hint = match here {
                Some(Value::Null) => Some("the value is empty; write a value or remove the field".to_string()),
                Some(Value::Array(_)) | Some(Value::Object(_)) if expected == "text" || expected == "a date" => {
                    Some("quote text that contains `: ` or starts with `[`, `{` or `-`".to_string())
                }
                _ => None,
            };
            vec![
                Finding::error(
                    path,
                    spans.value(pointer),
                    "wrong-type",
                    format!("`{field}` must be {expected}, not {}", describe(here)),
                )
                .with_hint(hint.or_else(|| (!shown.is_empty()).then(|| format!("found `{shown}`")))),
            ]
        }
        Violation::BadFormat { format } => {
            let shown = here.map(show).unwrap_or_default();
            if is_date_check(format) {
                // (By `get`: the tenth byte of what was written may fall inside a character.)
                let has_time = shown
                    .get(..10)
                    .is_some_and(|day| crate::model::date::parse(day).is_some())
                    && shown.get(10..).is_some_and(|time| time.contains(':'));
                let hint = if has_time {
                    "dates are written `YYYY-MM-DD`, without a time"
                } else {
                    "write dates as `YYYY-MM-DD`, and check the day exists"
                };
                vec![
                    Finding::error(
                        path,
                        spans.value(pointer),
                        "bad-date",
                        format!("`{shown}` is not a real date `YYYY-MM-DD` in `{field}`"),
                    )
                    .hint(hint),
                ]
            } else {
                vec![
                    Finding::error(
                        path,
                        spans.value(pointer),
                        "bad-format",
                        format!("`{shown}` is not a valid `{field}`"),
                    )
                    .hint(format_hint(kind, &field, format)),
                ]
            }
        }
        // `type: information` or a list of them: a value outside the item types.
        Violation::Other if error.keyword == "anyOf" && pointer.ends_with("/type") => {
            let allowed: Vec<&str> = crate::model::ItemType::ALL.iter().map(|t| t.as_str()).collect();
            vec![not_allowed(
                path,
                spans.value(pointer),
                &field,
                here,
                &allowed,
                ", or a list of them",
            )]
        }
        Violation::Other => vec![Finding::error(
            path,
            spans.value(pointer),
            "schema",
            if field.is_empty() {
                error.message.clone()
            } else {
                format!("`{field}`: {}", error.message)
            },
        )],
    }
}

/// A value outside its allowed words, with the nearest word or the list as the hint.
fn not_allowed(path: &Path, pos: Pos, field: &str, here: Option<&Value>, allowed: &[&str], more: &str) -> Finding {
    let shown = here.map(show).unwrap_or_default();
    let hint = here
        .and_then(Value::as_str)
        .and_then(|s| did_you_mean(s, allowed.iter().copied()))
        .map(|m| format!("did you mean `{m}`?"))
        .unwrap_or_else(|| {
            format!(
                "use one of {}{more}",
                allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
            )
        });
    Finding::error(path, pos, "bad-value", format!("`{shown}` is not a valid `{field}`")).hint(hint)
}

fn is_date_check(format: &str) -> bool {
    format == "date" || format.contains("{4}-")
}

fn format_hint(kind: Kind, field: &str, format: &str) -> String {
    match (kind, field) {
        (Kind::Action, "id") => "action ids are the meeting id, `-` and a two-digit number: `CCAG26-01`".into(),
        (Kind::Meeting, "id") => "meeting ids are the group prefix and a number: `CCAG27`".into(),
        (_, "id") | (_, _) if field == "id" || field.starts_with("related") => {
            "ids are letters and digits, optionally joined by `-`: `CP1589`, `T2-RE-0100`".into()
        }
        (Kind::Meeting, "start") => "times are `HH:MM` on the 24-hour clock, from `00:00` to `23:59`".into(),
        (Kind::Cr, "link") => "links are web addresses starting `https://`".into(),
        _ => format!("expected to match `{format}`"),
    }
}

fn top_level_fields(kind: Kind) -> Vec<String> {
    ccag_jsonschema::top_level_properties(kind.name())
}

/// What the schema expects at `pointer`, in words.
fn expected_type(kind: Kind, pointer: &str) -> &'static str {
    let last = pointer.rsplit('/').next().unwrap_or_default();
    match last {
        "raised" | "due" | "closed" | "date" | "decision_date" | "implementation" | "reviewed" | "baseline"
        | "forecast" | "actual" => "a date",
        "minutes" => "a whole number",
        "owner" => "a mapping with `org` and optionally `person`",
        "updates" => "a list of `{date, text}`",
        "related" | "mitigations" | "shows" => "a list",
        "items" if kind == Kind::Meeting => "a list of agenda items",
        "" => "a mapping of fields",
        _ if last.chars().all(|c| c.is_ascii_digit()) => match pointer.split('/').nth(1) {
            Some("updates") => "a mapping with `date` and `text`",
            Some("items") => "a mapping (an agenda item)",
            _ => "text",
        },
        _ => "text",
    }
}

fn describe(value: Option<&Value>) -> &'static str {
    match value {
        None | Some(Value::Null) => "empty",
        Some(Value::Bool(_)) => "true/false",
        Some(Value::Number(_)) => "a number",
        Some(Value::String(_)) => "text",
        Some(Value::Array(_)) => "a list",
        Some(Value::Object(_)) => "a mapping",
    }
}

/// A short rendering of a value for messages.
pub fn show(value: &Value) -> String {
    let s = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}
