//! The published schemas and the typed model agree: a record the schema accepts deserializes into
//! the model, and a record the model accepts passes the schema, over every fixture in the project
//! and thousands of mutations of the pack's records.
//!
//! `Record::from_value` checks the schema before serde (serde alone is laxer: it takes `""` for
//! text); the half that can break is "schema accepts ⇒ serde accepts", tested here on
//! `from_checked_value` directly.

use std::path::Path;

use ccag::model::{Kind, Record};
use ccag::store::yaml;

/// Every `.yaml` record file under `dir` with the kind its folder gives it.
fn record_files(dir: &Path) -> Vec<(Kind, std::path::PathBuf)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let kind = path
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .windows(2)
            .find(|w| w[0] == "records")
            .and_then(|w| Kind::from_folder(&w[1]));
        if let Some(kind) = kind {
            out.push((kind, path.to_path_buf()));
        }
    }
    out
}

#[test]
fn schema_and_model_accept_the_same_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = record_files(&root.join("records"));
    files.extend(record_files(&root.join("tests")));
    assert!(
        files.len() > 90,
        "expected the pack and the fixtures, found {}",
        files.len()
    );
    let (mut accepted, mut rejected) = (0, 0);
    for (kind, path) in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(parsed) = yaml::parse(&text) else { continue };
        let schema_ok = ccag_jsonschema::is_valid(kind.name(), &parsed.value);
        if schema_ok {
            let typed = Record::from_checked_value(kind, parsed.value.clone());
            assert!(
                typed.is_ok(),
                "{}: schema accepts, serde rejects: {:?}",
                path.display(),
                typed.err()
            );
        }
        let model = Record::from_value(kind, parsed.value.clone());
        assert_eq!(
            schema_ok,
            model.is_ok(),
            "{}: schema says {schema_ok}, model says {:?}",
            path.display(),
            model.err()
        );
        if schema_ok { accepted += 1 } else { rejected += 1 }
    }
    assert!(
        accepted > 50 && rejected > 10,
        "accepted {accepted}, rejected {rejected}"
    );
}

/// Mutations of every field of every pack record: removed, emptied, mistyped, mis-dated, listed.
#[test]
fn schema_and_model_agree_on_mutated_pack_records() {
    use serde_json::{Value, json};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mutations: Vec<(&str, Option<Value>)> = vec![
        ("removed", None),
        ("empty text", Some(json!(""))),
        ("null", Some(Value::Null)),
        ("number", Some(json!(12))),
        ("impossible date", Some(json!("2023-02-29"))),
        ("short date", Some(json!("2024-1-5"))),
        ("datetime", Some(json!("2024-01-05T10:00:00"))),
        ("list", Some(json!(["a"]))),
        ("mapping", Some(json!({"a": 1}))),
        ("negative", Some(json!(-1))),
    ];
    let mut disagreements = Vec::new();
    let mut checked = 0;
    for (kind, path) in record_files(&root.join("records")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let value = yaml::parse(&text).unwrap().value;
        // Every pointer to a member of a mapping, at any depth.
        let mut pointers = Vec::new();
        collect(&value, String::new(), &mut pointers);
        for pointer in &pointers {
            for (name, replacement) in &mutations {
                let mut mutated = value.clone();
                let (parent, key) = pointer.rsplit_once('/').unwrap();
                let target = mutated.pointer_mut(parent).unwrap();
                match (target, replacement) {
                    (Value::Object(map), None) => {
                        map.remove(key);
                    }
                    (Value::Object(map), Some(v)) => {
                        map.insert(key.to_string(), v.clone());
                    }
                    _ => continue,
                }
                let schema_ok = ccag_jsonschema::is_valid(kind.name(), &mutated);
                if schema_ok && let Err(e) = Record::from_checked_value(kind, mutated.clone()) {
                    disagreements.push(format!(
                        "{} {pointer} {name}: schema accepts, serde rejects: {e}",
                        path.display()
                    ));
                }
                let model_ok = Record::from_value(kind, mutated).is_ok();
                checked += 1;
                if schema_ok != model_ok {
                    disagreements.push(format!(
                        "{} {pointer} {name}: schema {schema_ok}, model {model_ok}",
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

fn collect(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let p = format!("{at}/{k}");
                out.push(p.clone());
                collect(v, p, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}
