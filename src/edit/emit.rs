//! Writing YAML values as a person would: plain where safe, quoted where needed, folded when long,
//! and every choice checked by parsing it back.

use serde_json::Value;

use crate::store::yaml;

/// Longest line a plain or quoted scalar may make before it is folded.
const WIDTH: usize = 92;

/// The text to write after `key: ` for the string `value`, for a key indented `indent` spaces.
/// Multi-line results (block scalars) put their lines at `indent + 2`.
pub fn string(value: &str, indent: usize) -> String {
    let one_line = !value.contains('\n');
    // A single long word (a link) cannot be wrapped, so it stays on its line.
    let fits = indent + value.chars().count() + 8 <= WIDTH || !value.contains(' ');
    if one_line && fits && !yaml_1_1_would_misread(value) && reads_back(value, value) {
        return value.to_string();
    }
    if !one_line || (indent + value.chars().count() + 8 > WIDTH && value.contains(' ')) {
        if one_line && let Some(folded) = folded(value, indent) {
            return folded;
        }
        if !one_line && let Some(literal) = literal(value, indent) {
            return literal;
        }
    }
    let single = format!("'{}'", value.replace('\'', "''"));
    if one_line && reads_back(&single, value) {
        return single;
    }
    // JSON strings are YAML double-quoted scalars: always exact.
    serde_json::to_string(value).expect("strings serialize")
}

/// A scalar JSON value (string, number, bool) as YAML text after `key: `.
pub fn scalar(value: &Value, indent: usize) -> String {
    match value {
        Value::String(s) => string(s, indent),
        other => other.to_string(),
    }
}

/// Words and times that YAML 1.1 tools (PyYAML, older editors) read as booleans, nulls or
/// numbers. ccag reads YAML 1.2, but the files are shared, so such text is quoted.
fn yaml_1_1_would_misread(value: &str) -> bool {
    const WORDS: &[&str] = &["y", "yes", "n", "no", "true", "false", "on", "off", "null", "~"];
    WORDS.contains(&value.to_lowercase().as_str())
        || (value.contains(':')
            && value
                .split(':')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
}

fn reads_back(fragment: &str, expected: &str) -> bool {
    yaml::parse(&format!("k: {fragment}\n"))
        .ok()
        .and_then(|p| p.value.get("k").and_then(Value::as_str).map(|s| s == expected))
        .unwrap_or(false)
}

/// `>-` with the text wrapped at spaces; only when it reads back exactly.
fn folded(value: &str, indent: usize) -> Option<String> {
    if value.starts_with(' ') || value.ends_with(' ') || value.contains("  ") || value.is_empty() {
        return None;
    }
    let pad = " ".repeat(indent + 2);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in value.split(' ') {
        if !line.is_empty() && pad.len() + line.chars().count() + 1 + word.chars().count() > WIDTH {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    let text = format!(
        ">-\n{}",
        lines.iter().map(|l| format!("{pad}{l}")).collect::<Vec<_>>().join("\n")
    );
    reads_back_block(&text, value).then_some(text)
}

/// `|-` (or `|` for text that ends with one line break) keeping the text's own line breaks;
/// only when it reads back exactly.
fn literal(value: &str, indent: usize) -> Option<String> {
    let pad = " ".repeat(indent + 2);
    let (header, value) = match value.strip_suffix('\n') {
        Some(body) if !body.ends_with('\n') && !body.is_empty() => ("|", body),
        _ => ("|-", value),
    };
    let body: Vec<String> = value
        .split('\n')
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect();
    let text = format!("{header}\n{}", body.join("\n"));
    let expected = if header == "|" {
        format!("{value}\n")
    } else {
        value.to_string()
    };
    reads_back_block(&text, &expected).then_some(text)
}

fn reads_back_block(text: &str, expected: &str) -> bool {
    // Check at the indentation it will be used with: wrap in as many mappings as needed.
    yaml::parse(&format!("k: {text}\n"))
        .ok()
        .and_then(|p| p.value.get("k").and_then(Value::as_str).map(|s| s == expected))
        .unwrap_or(false)
        || indented_reads_back(text, expected)
}

fn indented_reads_back(text: &str, expected: &str) -> bool {
    // A block for a nested key: its lines carry the extra indentation already.
    let first_content = text.lines().nth(1).unwrap_or_default();
    let indent = first_content.len() - first_content.trim_start().len();
    if indent < 2 {
        return false;
    }
    let outer = indent - 2;
    let mut doc = String::new();
    for level in 0..outer / 2 {
        doc.push_str(&format!("{}k{level}:\n", " ".repeat(level * 2)));
    }
    doc.push_str(&format!("{}k: {text}\n", " ".repeat(outer)));
    let Ok(parsed) = yaml::parse(&doc) else { return false };
    let mut v = &parsed.value;
    for level in 0..outer / 2 {
        match v.get(format!("k{level}")) {
            Some(inner) => v = inner,
            None => return false,
        }
    }
    v.get("k").and_then(Value::as_str) == Some(expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back(fragment: &str, indent: usize) -> String {
        let mut doc = String::new();
        for level in 0..indent / 2 {
            doc.push_str(&format!("{}k{level}:\n", " ".repeat(level * 2)));
        }
        doc.push_str(&format!("{}k: {fragment}\n", " ".repeat(indent)));
        let parsed = yaml::parse(&doc).unwrap().value;
        let mut v = &parsed;
        for level in 0..indent / 2 {
            v = &v[format!("k{level}")];
        }
        v["k"].as_str().unwrap().to_string()
    }

    #[test]
    fn every_string_reads_back_exactly() {
        let long = "word ".repeat(40).trim_end().to_string();
        for s in [
            "plain text",
            "no",
            "10:00",
            "2024-02-28",
            "a: b",
            "- dash",
            "#hash",
            "it's",
            "",
            " padded ",
            "line one\nline two",
            "trailing newline\n",
            &long,
            "quote \" and 'single'",
            "tab\there",
        ] {
            for indent in [0, 4] {
                let out = string(s, indent);
                assert_eq!(back(&out, indent), s, "{s:?} as {out:?}");
            }
        }
    }

    #[test]
    fn safe_short_text_stays_plain_and_long_text_folds() {
        assert_eq!(string("Ratified at CCAG27", 0), "Ratified at CCAG27");
        assert_eq!(string("no", 0), "'no'");
        assert_eq!(string("10:00", 0), "'10:00'");
        assert_eq!(string("2024-02-28", 0), "2024-02-28");
        assert!(string(&"word ".repeat(40), 0).starts_with('\''));
        assert!(string("word ".repeat(40).trim_end(), 0).starts_with(">-\n  word"));
    }
}
