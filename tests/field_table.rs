//! The field table is the one description of each kind's fields, and everything derived from it
//! agrees with the published schemas: the table itself, `add`'s and `update`'s flags, the
//! enumerated options of the listings, and the kinds the parser accepts.

use std::collections::BTreeSet;
use std::path::Path;

use ccag::model::fields::{self, Field, FieldType, Fill};
use ccag::model::{Kind, fields as table};
use serde_json::Value;

fn schema(kind: Kind) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(kind.schema_file());
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The schema node for a property, following a local `$ref`.
fn resolve<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => schema.pointer(r.trim_start_matches('#')).unwrap_or(node),
        None => node,
    }
}

fn required(node: &Value) -> BTreeSet<String> {
    node.get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// What the schema says a field is, in the table's terms.
fn schema_type(schema: &Value, node: &Value) -> &'static str {
    let node = resolve(schema, node);
    if node.get("enum").is_some() {
        return "choice";
    }
    if node.get("format").and_then(Value::as_str) == Some("date") {
        return "date";
    }
    if node.get("format").and_then(Value::as_str) == Some("uri") {
        return "url";
    }
    match node.get("type").and_then(Value::as_str) {
        Some("array") => "list",
        Some("string") => "text",
        Some("object") => "object",
        _ => "other",
    }
}

fn table_type(f: &Field) -> &'static str {
    match f.ty {
        FieldType::Choice(_) => "choice",
        FieldType::Date => "date",
        FieldType::Url => "url",
        FieldType::Ids | FieldType::Texts | FieldType::Updates | FieldType::Items => "list",
        // Text, times, ids and code bodies are strings with a pattern (or none) in the schema.
        FieldType::Text | FieldType::Time | FieldType::Id | FieldType::Body => "text",
    }
}

#[test]
fn the_field_table_describes_exactly_the_schemas_fields() {
    for kind in Kind::ALL {
        let schema = schema(kind);
        let props = schema["properties"].as_object().unwrap();
        let top_required = required(&schema);
        // Same top-level fields, in the same (contract) order.
        let mut tops: Vec<&str> = table::fields(kind).iter().map(Field::top).collect();
        tops.dedup();
        let schema_tops: Vec<&str> = props.keys().map(String::as_str).collect();
        assert_eq!(tops, schema_tops, "{kind}: fields and their order");
        for f in table::fields(kind) {
            let node = &props[f.top()];
            match f.path.split_once('.') {
                None => {
                    assert_eq!(f.required, top_required.contains(f.path), "{kind}.{}: required", f.path);
                    assert_eq!(table_type(f), schema_type(&schema, node), "{kind}.{}: type", f.path);
                    if let FieldType::Choice(values) = f.ty {
                        let allowed: Vec<&str> = resolve(&schema, node)["enum"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|v| v.as_str().unwrap())
                            .collect();
                        assert_eq!(values, allowed.as_slice(), "{kind}.{}: values", f.path);
                    }
                }
                Some((parent, child)) => {
                    let object = resolve(&schema, node);
                    let inner = &object["properties"][child];
                    assert!(!inner.is_null(), "{kind}.{}: no such nested field", f.path);
                    // Required only where the parent is required and the child is required in it.
                    let needed = top_required.contains(parent) && required(object).contains(child);
                    assert_eq!(f.required, needed, "{kind}.{}: required", f.path);
                    assert_eq!(table_type(f), schema_type(&schema, inner), "{kind}.{}: type", f.path);
                }
            }
            if f.fill == Fill::Ask {
                assert!(f.required, "{kind}.{}: only required fields are asked for", f.path);
            }
        }
        // Every nested field the schema has is in the table.
        for (name, node) in props {
            let object = resolve(&schema, node);
            if schema_type(&schema, node) == "object" {
                for child in object["properties"].as_object().unwrap().keys() {
                    let path = format!("{name}.{child}");
                    assert!(
                        table::field_of(kind, &path).is_some(),
                        "{kind}: `{path}` missing from the table"
                    );
                }
            }
        }
    }
}

#[test]
fn add_flags_are_derived_from_the_field_table_and_match_the_schemas() {
    let parser = ccag::commands::command();
    let add = parser.find_subcommand("add").unwrap();
    let update = parser.find_subcommand("update").unwrap();
    let flags_of = |cmd: &clap::Command| -> BTreeSet<String> {
        cmd.get_arguments()
            .filter(|a| a.get_help_heading() == Some("Fields"))
            .filter_map(|a| a.get_long().map(str::to_string))
            .collect()
    };
    let on_add = flags_of(add);
    let on_update = flags_of(update);

    // Derive: every field with a flag gives exactly one `add` flag; scalars are on `update` too.
    let mut expected_add = BTreeSet::new();
    let mut expected_update = BTreeSet::new();
    for kind in Kind::ALL {
        let schema = schema(kind);
        for f in table::fields(kind) {
            let Some(flag) = f.flag else {
                // Only fields that other commands manage have no flag.
                assert_eq!(f.fill, Fill::Managed, "{kind}.{}: settable fields have a flag", f.path);
                continue;
            };
            if f.fill != (Fill::Allocate { given: false }) {
                expected_add.insert(flag.to_string());
            }
            // `update` sets every field but the id; a list field also gets `--remove-FLAG`.
            if f.path != "id" {
                expected_update.insert(flag.to_string());
                if !f.ty.is_scalar() {
                    expected_update.insert(format!("remove-{flag}"));
                }
            }
            // The flag sets a property the schema has.
            let top = &schema["properties"][f.top()];
            assert!(
                !top.is_null(),
                "--{flag} sets `{}`, which {kind}'s schema lacks",
                f.path
            );
            // A date flag takes a strict date.
            let arg = add.get_arguments().find(|a| a.get_long() == Some(flag));
            if let Some(arg) = arg
                && table::flags()
                    .iter()
                    .find(|(name, _)| *name == flag)
                    .is_some_and(|(_, users)| users.iter().all(|(_, f)| f.ty == FieldType::Date))
            {
                assert_eq!(arg.get_value_names().unwrap()[0].as_str(), "DATE", "--{flag} is a date");
                assert_eq!(
                    schema_type(&schema, top),
                    "date",
                    "--{flag} is a date in {kind}'s schema"
                );
            }
        }
    }
    assert_eq!(on_add, expected_add, "add's field flags");
    assert_eq!(on_update, expected_update, "update's field flags");
    // Every settable schema property of every kind has a flag.
    for kind in Kind::ALL {
        for (name, _) in schema(kind)["properties"].as_object().unwrap() {
            let settable = table::fields(kind)
                .iter()
                .any(|f| f.top() == name && (f.flag.is_some() || f.fill == Fill::Managed));
            assert!(settable, "{kind}.{name}: neither a flag nor managed");
        }
    }
}

#[test]
fn the_parser_the_model_and_schemas_agree_on_the_kinds() {
    let parser = ccag::commands::command();
    let kinds_of = |sub: &str| -> Vec<String> {
        parser
            .find_subcommand(sub)
            .unwrap()
            .get_arguments()
            .find(|a| a.get_id() == "kind")
            .unwrap()
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect()
    };
    let model: Vec<String> = Kind::ALL.iter().map(|k| k.name().to_string()).collect();
    assert_eq!(Kind::NAMES.to_vec(), model);
    assert_eq!(kinds_of("add"), model, "add KIND");
    assert_eq!(kinds_of("fields"), model, "fields KIND");
    let mut on_disk: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".schema.json").map(str::to_string)
        })
        .collect();
    on_disk.sort();
    let mut sorted = model.clone();
    sorted.sort();
    assert_eq!(on_disk, sorted, "schemas/");
    assert_eq!(
        ccag_jsonschema::KINDS.to_vec(),
        Kind::NAMES.to_vec(),
        "embedded schemas"
    );
}

#[test]
fn enumerated_options_offer_exactly_the_schema_values() {
    let parser = ccag::commands::command();
    let cases = [
        ("actions", "status", Kind::Action, "status"),
        ("crs", "status", Kind::Cr, "status"),
        ("crs", "impact", Kind::Cr, "impact"),
        ("risks", "rag", Kind::Risk, "rag"),
        ("risks", "status", Kind::Risk, "status"),
        ("milestones", "status", Kind::Milestone, "status"),
    ];
    for (sub, arg, kind, field) in cases {
        let offered: Vec<String> = parser
            .find_subcommand(sub)
            .unwrap()
            .get_arguments()
            .find(|a| a.get_id() == arg)
            .unwrap()
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect();
        let schema = schema(kind);
        let allowed: Vec<String> = resolve(&schema, &schema["properties"][field])["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        assert_eq!(offered, allowed, "{sub} --{arg}");
    }
    // And the field table's own lookup by flag finds the same field.
    assert_eq!(fields::by_flag(Kind::Cr, "impact-note").unwrap().path, "impact_note");
}
