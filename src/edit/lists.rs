//! Adding an entry to a list field (`related`, `mitigations`, agenda `items`) and removing one,
//! as text surgery: a block list gains a `- …` entry after its last one or loses one entry's
//! lines; a one-line flow list (`related: [CP1589]`) or an absent field is written afresh.

use serde_json::Value;

use super::new_record::member;
use super::region::{Lines, comment_start};
use super::{EditError, err, insertion_line};
use crate::model::Kind;
use crate::store::yaml::{self, Parsed};

/// Append `value` to the list `field`, creating it if absent.
pub fn add(lines: &mut Lines, parsed: &Parsed, kind: Kind, field: &str, value: &Value) -> Result<(), EditError> {
    let ptr = format!("/{}", yaml::escape_segment(field));
    match parsed.value.get(field) {
        Some(Value::Array(items)) if !items.is_empty() => match block_dash(lines, parsed, &ptr) {
            Some(dash) => {
                let key = parsed.spans.key(&ptr);
                let end = lines.block_end((key.line - 1) as usize, (key.col - 1) as usize);
                lines.insert(end + 1, entry(value, dash));
                Ok(())
            }
            None => {
                let mut all = items.clone();
                all.push(value.clone());
                rewrite(lines, parsed, field, &Value::Array(all))
            }
        },
        Some(Value::Array(_)) => rewrite(lines, parsed, field, &Value::Array(vec![value.clone()])),
        Some(_) => err(format!("`{field}` is not a list")),
        None => {
            let at = insertion_line(lines, parsed, kind, field);
            let mut text = String::new();
            member(&mut text, field, &Value::Array(vec![value.clone()]), 0);
            lines.insert(at, text.trim_end_matches('\n').to_string());
            Ok(())
        }
    }
}

/// Remove entry `index` of the list `field`; the field goes when it is left empty.
pub fn remove(lines: &mut Lines, parsed: &Parsed, field: &str, index: usize) -> Result<(), EditError> {
    let ptr = format!("/{}", yaml::escape_segment(field));
    let Some(Value::Array(items)) = parsed.value.get(field) else {
        return err(format!("`{field}` is not a list"));
    };
    if index >= items.len() {
        return err(format!("`{field}` has no entry {}", index + 1));
    }
    if items.len() == 1 {
        return super::remove(lines, parsed, field);
    }
    let Some(_) = block_dash(lines, parsed, &ptr) else {
        let mut rest = items.clone();
        rest.remove(index);
        return rewrite(lines, parsed, field, &Value::Array(rest));
    };
    let start = entry_line(lines, parsed, &ptr, index);
    let end = if index + 1 < items.len() {
        entry_line(lines, parsed, &ptr, index + 1) - 1
    } else {
        let key = parsed.spans.key(&ptr);
        lines.block_end((key.line - 1) as usize, (key.col - 1) as usize)
    };
    // Comments in the removed lines are kept, as comment lines in their place.
    let kept = comments_in(lines, start, end);
    lines.remove_range(start, end);
    for (n, line) in kept.into_iter().enumerate() {
        lines.insert(start + n, line);
    }
    Ok(())
}

/// The line (0-based) where entry `index` of the block list at `ptr` starts: its `-`. saphyr
/// places a block scalar (`- >-`) at its first content line, so look up from the entry's
/// position to the `-` that is less indented than it.
fn entry_line(lines: &Lines, parsed: &Parsed, ptr: &str, index: usize) -> usize {
    let at = format!("{ptr}/{index}");
    let pos = match parsed.value.pointer(&at) {
        Some(Value::Object(map)) if !map.is_empty() => {
            let first = map.keys().next().expect("not empty");
            parsed.spans.key(&format!("{at}/{}", yaml::escape_segment(first)))
        }
        _ => parsed.spans.value(&at),
    };
    let line = (pos.line - 1) as usize;
    let col = (pos.col - 1) as usize;
    let key_line = (parsed.spans.key(ptr).line - 1) as usize;
    for i in (key_line..=line).rev() {
        let text = lines.get(i);
        let trimmed = text.trim_start();
        let indent = text.len() - trimmed.len();
        if (trimmed == "-" || trimmed.starts_with("- ")) && (indent < col || i < line) {
            return i;
        }
    }
    line
}

/// The column of the `-` of a block list's first entry, or `None` for a flow list.
fn block_dash(lines: &Lines, parsed: &Parsed, ptr: &str) -> Option<usize> {
    let key_line = (parsed.spans.key(ptr).line - 1) as usize;
    let first = entry_line(lines, parsed, ptr, 0);
    if first == key_line {
        return None;
    }
    let line = lines.get(first);
    let dash = line.find('-')?;
    line[..dash].trim().is_empty().then_some(dash)
}

/// One list entry at `dash` columns: `- text`, or `- key: value` and its other keys below.
fn entry(value: &Value, dash: usize) -> String {
    let pad = " ".repeat(dash);
    match value {
        Value::Object(map) => {
            let mut out = Vec::new();
            for (n, (k, v)) in map.iter().enumerate() {
                let mut text = String::new();
                member(&mut text, k, v, dash + 2);
                let text = text.trim_end_matches('\n');
                let lead = if n == 0 { format!("{pad}- ") } else { format!("{pad}  ") };
                out.push(format!("{lead}{}", text.trim_start()));
            }
            out.join("\n")
        }
        other => format!("{pad}- {}", super::emit::scalar(other, dash)),
    }
}

/// Write the field `field` afresh as `value`, keeping any comments its old lines held.
fn rewrite(lines: &mut Lines, parsed: &Parsed, field: &str, value: &Value) -> Result<(), EditError> {
    let ptr = format!("/{}", yaml::escape_segment(field));
    let key = parsed.spans.key(&ptr);
    if key.col != 1 {
        return err(format!("`{field}` is not a top-level field; edit it by hand"));
    }
    let start = (key.line - 1) as usize;
    let end = lines.block_end(start, 0);
    let kept = comments_in(lines, start, end);
    let mut text = String::new();
    member(&mut text, field, value, 0);
    lines.remove_range(start, end);
    lines.insert(start, text.trim_end_matches('\n').to_string());
    for (n, line) in kept.into_iter().enumerate() {
        lines.insert(start + n, line);
    }
    Ok(())
}

/// The comments of lines `first..=last`, each as a whole-line comment.
fn comments_in(lines: &Lines, first: usize, last: usize) -> Vec<String> {
    let mut kept = Vec::new();
    for i in first..=last {
        let line = lines.get(i);
        if line.trim_start().starts_with('#') {
            kept.push(line.to_string());
        } else if let Some(at) = comment_start(line) {
            kept.push(line[at..].trim_start().to_string());
        }
    }
    kept
}

/// Put `value` in place of entry `index` of the list `field` (an id in `related`, say),
/// keeping the entry's line and any comment on it.
pub fn replace(lines: &mut Lines, parsed: &Parsed, field: &str, index: usize, value: &Value) -> Result<(), EditError> {
    let ptr = format!("/{}", yaml::escape_segment(field));
    let Some(Value::Array(items)) = parsed.value.get(field) else {
        return err(format!("`{field}` is not a list"));
    };
    let Some(old) = items.get(index) else {
        return err(format!("`{field}` has no entry {}", index + 1));
    };
    if let (Some(_), Value::String(old), Value::String(new)) = (block_dash(lines, parsed, &ptr), old, value) {
        let at = entry_line(lines, parsed, &ptr, index);
        let line = lines.get(at).to_string();
        let dash = line.find('-').unwrap_or(0);
        let body = &line[dash + 1..];
        let plain = body.trim_start();
        let end = comment_start(plain).unwrap_or(plain.len());
        if plain[..end].trim_end() == old {
            let start = dash + 1 + (body.len() - plain.len());
            let text = format!(
                "{}{}{}",
                &line[..start],
                super::emit::scalar(&Value::from(new.as_str()), dash + 2),
                &plain[old.len()..]
            );
            lines.remove_range(at, at);
            lines.insert(at, text);
            return Ok(());
        }
    }
    let mut all = items.clone();
    all[index] = value.clone();
    rewrite(lines, parsed, field, &Value::Array(all))
}
