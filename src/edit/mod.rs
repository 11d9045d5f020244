//! Edits that change only what they were asked to: text surgery at saphyr's positions, then a guard
//! that re-parses the result and proves it equals the original data plus exactly the intended change.

pub mod emit;
pub mod layout;
mod lists;
pub mod new_record;
pub mod pipeline;
mod region;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::model::Kind;
use crate::store::yaml::{self, Parsed};
use region::{Lines, scalar_region};

/// One intended change to a record.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Set a scalar at `field` or `field.sub` (only `owner.org`/`owner.person` nest), adding it if absent.
    Set { path: Vec<String>, value: Value },
    /// Remove a top-level field.
    Remove { field: String },
    /// Append `{date, text}` to `updates`, creating the list if absent.
    AppendUpdate { date: NaiveDate, text: String },
    /// Append an entry to a list field (`related`, `mitigations`, `items`), creating it if absent.
    AddItem { field: String, value: Value },
    /// Remove entry `index` of a list field; the field goes when it is left empty.
    RemoveItem { field: String, index: usize },
    /// Put `value` in place of entry `index` of a list field.
    ReplaceItem { field: String, index: usize, value: Value },
}

impl Change {
    pub fn set(field: &str, value: impl Into<Value>) -> Change {
        Change::Set {
            path: field.split('.').map(str::to_string).collect(),
            value: value.into(),
        }
    }
}

/// Why an edit was refused; the file is left untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

fn err<T>(message: impl Into<String>) -> Result<T, EditError> {
    Err(EditError(message.into()))
}

/// Apply `changes` to the record text `text` of `kind`, or explain why it cannot be done safely.
pub fn apply(text: &str, kind: Kind, changes: &[Change]) -> Result<String, EditError> {
    line_endings(text)?;
    let original = parse(text)?;
    let mut current = text.to_string();
    for change in changes {
        let parsed = parse(&current)?;
        current = apply_one(&current, &parsed, kind, change)?;
    }
    guard(text, &original.value, &current, changes)?;
    Ok(current)
}

/// An edit keeps the file's line endings, so they must be one kind: LF or CRLF. A file that
/// mixes them, or ends lines with a lone CR, is refused (and left as it is).
fn line_endings(text: &str) -> Result<(), EditError> {
    let bytes = text.as_bytes();
    let (mut crlf, mut lf, mut cr) = (0usize, 0usize, 0usize);
    let mut first = [None; 3];
    let mut line = 1usize;
    let mut i = 0;
    while i < bytes.len() {
        let seen = match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                i += 1;
                crlf += 1;
                Some(0)
            }
            b'\r' => {
                cr += 1;
                Some(2)
            }
            b'\n' => {
                lf += 1;
                Some(1)
            }
            _ => None,
        };
        if let Some(k) = seen {
            first[k].get_or_insert(line);
            line += 1;
        }
        i += 1;
    }
    if cr > 0 {
        return err(format!(
            "line {} ends with a lone carriage return (CR); ccag edits files whose lines end in LF or CRLF: \
             convert the file (for example with `dos2unix`) and try again",
            first[2].unwrap_or(1)
        ));
    }
    if crlf > 0 && lf > 0 {
        let (odd, at) = if lf <= crlf {
            ("LF", first[1])
        } else {
            ("CRLF", first[0])
        };
        return err(format!(
            "the file mixes line endings ({crlf} lines end in CRLF, {lf} in LF; the first in {odd} is line {}); \
             convert it to one kind (`dos2unix` or `unix2dos`) and try again",
            at.unwrap_or(1)
        ));
    }
    Ok(())
}

fn parse(text: &str) -> Result<Parsed, EditError> {
    yaml::parse(text).map_err(|e| {
        EditError(format!(
            "the file does not parse ({}:{}: {})",
            e.pos.line, e.pos.col, e.message
        ))
    })
}

/// The data the edit must produce: the original plus exactly the changes.
pub fn expected(original: &Value, changes: &[Change]) -> Value {
    let mut value = original.clone();
    for change in changes {
        let Value::Object(map) = &mut value else { continue };
        match change {
            Change::Set { path, value: v } => {
                let mut target = map;
                for segment in &path[..path.len() - 1] {
                    let entry = target
                        .entry(segment.clone())
                        .or_insert_with(|| Value::Object(Map::new()));
                    if !entry.is_object() {
                        *entry = Value::Object(Map::new());
                    }
                    target = entry.as_object_mut().expect("just made an object");
                }
                target.insert(path[path.len() - 1].clone(), v.clone());
            }
            Change::Remove { field } => {
                map.remove(field);
            }
            Change::AppendUpdate { date, text } => {
                let updates = map.entry("updates").or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(items) = updates {
                    items.push(serde_json::json!({"date": date.format("%Y-%m-%d").to_string(), "text": text}));
                }
            }
            Change::AddItem { field, value: v } => {
                if let Value::Array(items) = map.entry(field.clone()).or_insert_with(|| Value::Array(Vec::new())) {
                    items.push(v.clone());
                }
            }
            Change::RemoveItem { field, index } => {
                let empty = match map.get_mut(field) {
                    Some(Value::Array(items)) if *index < items.len() => {
                        items.remove(*index);
                        items.is_empty()
                    }
                    _ => false,
                };
                if empty {
                    map.remove(field);
                }
            }
            Change::ReplaceItem { field, index, value: v } => {
                if let Some(Value::Array(items)) = map.get_mut(field)
                    && let Some(item) = items.get_mut(*index)
                {
                    *item = v.clone();
                }
            }
        }
    }
    value
}

/// The edit is kept only if it re-parses to the intended data and every comment line survives.
fn guard(before: &str, original: &Value, after: &str, changes: &[Change]) -> Result<(), EditError> {
    let parsed = parse(after).map_err(|e| EditError(format!("the edited text would not parse: {e}")))?;
    if parsed.value != expected(original, changes) {
        return err("the edited text would not hold exactly the intended change");
    }
    // A `#` line inside a block scalar is text, not a comment: lines whose text occurs in one of
    // the record's strings are left to the data check above.
    let mut strings = Vec::new();
    collect_strings(original, &mut strings);
    let mut comments: std::collections::HashMap<&str, i32> = std::collections::HashMap::new();
    for line in before.lines().map(str::trim).filter(|l| l.starts_with('#')) {
        if !strings.iter().any(|s| s.contains(line)) {
            *comments.entry(line).or_default() += 1;
        }
    }
    for line in after.lines().map(str::trim).filter(|l| l.starts_with('#')) {
        if let Some(n) = comments.get_mut(line) {
            *n -= 1;
        }
    }
    if let Some((line, _)) = comments.iter().find(|(_, n)| **n > 0) {
        return err(format!("the edit would lose the comment `{line}`"));
    }
    Ok(())
}

fn collect_strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

fn apply_one(text: &str, parsed: &Parsed, kind: Kind, change: &Change) -> Result<String, EditError> {
    let mut lines = Lines::new(text);
    match change {
        Change::Set { path, value } => set(&mut lines, parsed, kind, path, value)?,
        Change::Remove { field } => remove(&mut lines, parsed, field)?,
        Change::AppendUpdate { date, text } => append_update(&mut lines, parsed, kind, *date, text)?,
        Change::AddItem { field, value } => lists::add(&mut lines, parsed, kind, field, value)?,
        Change::RemoveItem { field, index } => lists::remove(&mut lines, parsed, field, *index)?,
        Change::ReplaceItem { field, index, value } => lists::replace(&mut lines, parsed, field, *index, value)?,
    }
    Ok(lines.join())
}

fn pointer(path: &[String]) -> String {
    path.iter().map(|s| format!("/{}", yaml::escape_segment(s))).collect()
}

fn set(lines: &mut Lines, parsed: &Parsed, kind: Kind, path: &[String], value: &Value) -> Result<(), EditError> {
    let ptr = pointer(path);
    match parsed.value.pointer(&ptr) {
        Some(Value::Object(_)) | Some(Value::Array(_)) => err(format!(
            "`{}` is a list or mapping; ccag edits only single values",
            path.join(".")
        )),
        Some(_) => {
            let key = parsed.spans.key(&ptr);
            let at = parsed.spans.value(&ptr);
            let key_indent = (key.col - 1) as usize;
            let at =
                region::block_header(lines, key, path.last().map(String::as_str).unwrap_or_default()).unwrap_or(at);
            let region = scalar_region(lines, at, key_indent)?;
            let emitted = emit::scalar(value, key_indent);
            lines.replace_region(&region, &emitted);
            Ok(())
        }
        None if path.len() == 1 => {
            let emitted = emit::scalar(value, 0);
            let at = insertion_line(lines, parsed, kind, &path[0]);
            lines.insert(at, format!("{}: {emitted}", path[0]));
            Ok(())
        }
        None if path.len() == 2 => {
            let parent = format!("/{}", path[0]);
            match parsed.value.pointer(&parent) {
                Some(Value::Object(map)) if !map.is_empty() => {
                    // Add the member after the parent's last line, at its members' indentation.
                    let first = map.keys().next().expect("not empty");
                    let indent = (parsed.spans.key(&format!("{parent}/{first}")).col - 1) as usize;
                    let parent_line = (parsed.spans.key(&parent).line - 1) as usize;
                    if parsed.spans.key(&format!("{parent}/{first}")).line as usize - 1 == parent_line {
                        return err(format!("`{}` is written on one line; edit it by hand", path[0]));
                    }
                    let end = lines.block_end(parent_line, (parsed.spans.key(&parent).col - 1) as usize);
                    let emitted = emit::scalar(value, indent);
                    lines.insert(end + 1, format!("{}{}: {emitted}", " ".repeat(indent), path[1]));
                    Ok(())
                }
                None => {
                    let emitted = emit::scalar(value, 2);
                    let at = insertion_line(lines, parsed, kind, &path[0]);
                    lines.insert(at, format!("{}:", path[0]));
                    lines.insert(at + 1, format!("  {}: {emitted}", path[1]));
                    Ok(())
                }
                _ => err(format!(
                    "`{}` is not a mapping ccag can add to; edit it by hand",
                    path[0]
                )),
            }
        }
        None => err("ccag edits at most two levels deep"),
    }
}

/// The line index to insert an absent top-level `field` at: after the last present field that
/// comes before it in contract order.
fn insertion_line(lines: &Lines, parsed: &Parsed, kind: Kind, field: &str) -> usize {
    let order = contract_order(kind);
    let position = order.iter().position(|f| f == field).unwrap_or(order.len());
    let Value::Object(map) = &parsed.value else {
        return lines.len();
    };
    let before = order[..position].iter().rev().find(|f| map.contains_key(f.as_str()));
    match before {
        Some(f) => {
            let key_line = (parsed.spans.key(&format!("/{f}")).line - 1) as usize;
            lines.block_end(key_line, 0) + 1
        }
        None => lines.content_end() + 1,
    }
}

/// Top-level fields of `kind` in contract order (the schema lists them so).
pub fn contract_order(kind: Kind) -> Vec<String> {
    ccag_jsonschema::top_level_properties(kind.name())
}

fn remove(lines: &mut Lines, parsed: &Parsed, field: &str) -> Result<(), EditError> {
    let ptr = format!("/{}", yaml::escape_segment(field));
    if parsed.value.pointer(&ptr).is_none() {
        return Ok(());
    }
    let key_line = (parsed.spans.key(&ptr).line - 1) as usize;
    let end = lines.block_end(key_line, 0);
    // Comments inside the removed lines are kept, as comment lines in their place.
    let mut kept = Vec::new();
    for i in key_line..=end {
        let line = lines.get(i);
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            kept.push(line.to_string());
        } else if let Some(at) = region::comment_start(line) {
            kept.push(line[at..].trim_start().to_string());
        }
    }
    lines.remove_range(key_line, end);
    for (n, line) in kept.into_iter().enumerate() {
        lines.insert(key_line + n, line);
    }
    Ok(())
}

fn append_update(lines: &mut Lines, parsed: &Parsed, kind: Kind, date: NaiveDate, text: &str) -> Result<(), EditError> {
    let date = date.format("%Y-%m-%d").to_string();
    match parsed.value.get("updates") {
        Some(Value::Array(items)) if !items.is_empty() => {
            let first = parsed.spans.value("/updates/0");
            let first_line = lines.get((first.line - 1) as usize).to_string();
            let dash = first_line.find('-').filter(|d| first_line[..*d].trim().is_empty());
            let Some(dash) = dash else {
                return err("`updates` is written in flow style (`[...]`); edit it by hand");
            };
            let key_line = (parsed.spans.key("/updates").line - 1) as usize;
            let end = lines.block_end(key_line, 0);
            let pad = " ".repeat(dash);
            let emitted = emit::string(text, dash + 2);
            lines.insert(end + 1, format!("{pad}- date: {date}"));
            lines.insert(end + 2, format!("{pad}  text: {emitted}"));
            Ok(())
        }
        Some(Value::Array(_)) => {
            // `updates: []`: replace the line with a block list.
            let key_line = (parsed.spans.key("/updates").line - 1) as usize;
            let end = lines.block_end(key_line, 0);
            if end != key_line {
                return err("`updates` spans several lines but holds nothing; edit it by hand");
            }
            let emitted = emit::string(text, 4);
            lines.remove_range(key_line, key_line);
            lines.insert(key_line, "updates:".to_string());
            lines.insert(key_line + 1, format!("  - date: {date}"));
            lines.insert(key_line + 2, format!("    text: {emitted}"));
            Ok(())
        }
        Some(_) => err("`updates` is not a list"),
        None => {
            let at = insertion_line(lines, parsed, kind, "updates");
            let emitted = emit::string(text, 4);
            lines.insert(at, "updates:".to_string());
            lines.insert(at + 1, format!("  - date: {date}"));
            lines.insert(at + 2, format!("    text: {emitted}"));
            Ok(())
        }
    }
}
