//! Field-level differences between two versions of a record: `status: ongoing → closed`,
//! `updates: + 2024-02-21 "…"`, nested fields as `owner.person`.

use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    /// `null` when the field (or list item) was added.
    pub old: Option<Value>,
    /// `null` when the field (or list item) was removed.
    pub new: Option<Value>,
}

impl std::fmt::Display for FieldChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.old, &self.new) {
            (Some(old), Some(new)) => write!(f, "{}: {} → {}", self.field, show(old), show(new)),
            (None, Some(new)) => write!(f, "{}: + {}", self.field, show(new)),
            (Some(old), None) => write!(f, "{}: - {}", self.field, show(old)),
            (None, None) => write!(f, "{}", self.field),
        }
    }
}

/// A value as a log line shows it: text bare, an update as `date "text"`, the rest as JSON.
fn show(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Object(map) if map.len() == 2 && map.contains_key("date") && map.contains_key("text") => {
            format!(
                "{} {}",
                map["date"].as_str().unwrap_or_default(),
                Value::from(map["text"].as_str().unwrap_or_default())
            )
        }
        other => other.to_string(),
    }
}

/// The changes from `old` to `new` (either may be absent: an added or deleted record).
pub fn diff(old: Option<&Value>, new: Option<&Value>) -> Vec<FieldChange> {
    let mut out = Vec::new();
    match (old, new) {
        (Some(Value::Object(_)), Some(Value::Object(_))) => fields("", old.unwrap(), new.unwrap(), &mut out),
        (Some(o), Some(n)) if o != n => out.push(FieldChange {
            field: "(record)".into(),
            old: Some(o.clone()),
            new: Some(n.clone()),
        }),
        _ => {}
    }
    out
}

fn fields(prefix: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    let (Value::Object(o), Value::Object(n)) = (old, new) else {
        return;
    };
    let name = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        }
    };
    for (key, new_value) in n {
        match o.get(key) {
            // A list that appears whole (the first update) reads item by item.
            None if new_value.is_array() => value(&name(key), &Value::Array(Vec::new()), new_value, out),
            None => out.push(FieldChange {
                field: name(key),
                old: None,
                new: Some(new_value.clone()),
            }),
            Some(old_value) if old_value != new_value => value(&name(key), old_value, new_value, out),
            Some(_) => {}
        }
    }
    for (key, old_value) in o {
        if !n.contains_key(key) && old_value.is_array() {
            value(&name(key), old_value, &Value::Array(Vec::new()), out);
        } else if !n.contains_key(key) {
            out.push(FieldChange {
                field: name(key),
                old: Some(old_value.clone()),
                new: None,
            });
        }
    }
}

fn value(field: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    match (old, new) {
        (Value::Object(_), Value::Object(_)) => fields(field, old, new, out),
        (Value::Array(o), Value::Array(n)) => {
            if n.len() >= o.len() && n[..o.len()] == o[..] {
                // Appended items (the usual case for `updates`).
                for item in &n[o.len()..] {
                    out.push(FieldChange {
                        field: field.into(),
                        old: None,
                        new: Some(item.clone()),
                    });
                }
            } else if o.iter().all(|i| !i.is_object()) && n.iter().all(|i| !i.is_object()) {
                // Lists of ids or text: what was added and what removed.
                for item in n.iter().filter(|i| !o.contains(i)) {
                    out.push(FieldChange {
                        field: field.into(),
                        old: None,
                        new: Some(item.clone()),
                    });
                }
                for item in o.iter().filter(|i| !n.contains(i)) {
                    out.push(FieldChange {
                        field: field.into(),
                        old: Some(item.clone()),
                        new: None,
                    });
                }
            } else {
                // Items edited in place: say which, field by field.
                for i in 0..o.len().max(n.len()) {
                    let item = format!("{field}[{i}]");
                    match (o.get(i), n.get(i)) {
                        (Some(a), Some(b)) if a != b => value(&item, a, b, out),
                        (Some(a), None) => out.push(FieldChange {
                            field: item,
                            old: Some(a.clone()),
                            new: None,
                        }),
                        (None, Some(b)) => out.push(FieldChange {
                            field: item,
                            old: None,
                            new: Some(b.clone()),
                        }),
                        _ => {}
                    }
                }
            }
        }
        _ => out.push(FieldChange {
            field: field.into(),
            old: Some(old.clone()),
            new: Some(new.clone()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_read_as_the_secretariat_would_say_them() {
        let old = json!({"id": "A", "status": "ongoing", "owner": {"org": "BSC", "person": "Chris Day"},
            "updates": [{"date": "2024-01-01", "text": "a"}], "related": ["X"]});
        let new = json!({"id": "A", "status": "closed", "closed": "2024-02-28", "owner": {"org": "BSC", "person": "Lawrence Jones"},
            "updates": [{"date": "2024-01-01", "text": "a"}, {"date": "2024-02-21", "text": "Ratified"}], "related": ["Y"]});
        let lines: Vec<String> = diff(Some(&old), Some(&new)).iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "status: ongoing → closed",
                "closed: + 2024-02-28",
                "owner.person: Chris Day → Lawrence Jones",
                "updates: + 2024-02-21 \"Ratified\"",
                "related: + Y",
                "related: - X",
            ]
        );
    }
}
