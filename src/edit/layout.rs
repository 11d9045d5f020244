//! `ccag fmt`: one canonical layout for a record file — fields in contract order, two-space
//! indent, the `$schema` line with the right relative path, block scalars for long text, one
//! final newline — keeping every comment and blank-line group beside the field it stood beside.
//! The layout is written from the parsed data and then proven to parse back to exactly it.
//!
//! Comments are not in YAML's data, so they are found in the text: a line that is only a
//! comment, a blank line, or a ` # …` after a value is taken for one only when the file without
//! it still holds the same data (a `#` or blank line inside a block scalar is text, not a
//! comment). Each is placed before the field that starts after it, or after the field whose
//! line it ends.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::{EditError, emit, region};
use crate::model::Kind;
use crate::store::yaml;

/// The schema line's start; the rest is the relative path to the schema.
const MODELINE: &str = "# yaml-language-server: $schema=";

/// Most candidate comments checked one by one (when checking them all at once fails), times
/// the file's size in bytes: beyond it the file is refused rather than formatted slowly.
const CHECK_BUDGET: usize = 64 << 20;

/// The schema line for a record of `kind` whose file sits `depth` folders below the root
/// (`records/actions/X.yaml` is 2).
pub fn modeline(kind: Kind, depth: usize) -> String {
    format!("{MODELINE}{}schemas/{}", "../".repeat(depth), kind.schema_file())
}

/// What stands between fields: a comment line, or a group of blank lines.
#[derive(Debug, Clone, PartialEq)]
enum Trivia {
    Comment(String),
    Blank,
}

/// The comments and blank lines of a file, by the node they belong to.
#[derive(Debug, Default)]
struct Notes {
    /// Before the first field (the schema line among them).
    header: Vec<Trivia>,
    /// Before a node, by its JSON pointer.
    before: HashMap<String, Vec<Trivia>>,
    /// At the end of a node's first line.
    after: HashMap<String, String>,
    /// After the last field.
    footer: Vec<Trivia>,
}

/// `text`, a record of `kind` at `depth`, in the canonical layout; or why it cannot be laid out
/// safely (the file is then left as it is).
pub fn format(text: &str, kind: Kind, depth: usize) -> Result<String, EditError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    // CRLF files stay CRLF; any other mix of line endings becomes LF.
    let crlf = body.contains("\r\n") && !body.replace("\r\n", "").contains(['\r', '\n']);
    let lf = body.replace("\r\n", "\n").replace('\r', "\n");
    let parsed = yaml::parse(&lf).map_err(|e| {
        EditError(format!(
            "line {}, column {}: {}; fix it first (`ccag validate`)",
            e.pos.line, e.pos.col, e.message
        ))
    })?;
    let Value::Object(fields) = &parsed.value else {
        return Err(EditError("the file is not a mapping of fields".into()));
    };
    let notes = notes(&lf, &parsed)?;

    let schema = ccag_jsonschema::schema(kind.name()).unwrap_or(Value::Null);
    let mut out = Writer {
        out: String::with_capacity(lf.len() + 128),
        notes: &notes,
        schema: &schema,
        top: 0,
    };
    out.out.push_str(&modeline(kind, depth));
    out.out.push('\n');
    out.top = out.out.len();
    let header: Vec<Trivia> = notes
        .header
        .iter()
        .filter(|t| !matches!(t, Trivia::Comment(c) if is_modeline(c)))
        .cloned()
        .collect();
    out.trivia(trim_blanks(&header, true, false), 0);
    out.members(fields, "", 0, Some(&schema), None);
    out.trivia(trim_blanks(&notes.footer, false, true), 0);
    let mut laid = out.out;
    while laid.ends_with("\n\n") {
        laid.pop();
    }
    if crlf {
        laid = laid.replace('\n', "\r\n");
    }
    match yaml::parse(&laid) {
        Ok(back) if back.value == parsed.value => Ok(laid),
        _ => Err(EditError(
            "internal error: the canonical layout would not hold the same data; the file is left as it is".into(),
        )),
    }
}

/// A schema line ccag wrote or would write: `(../)*schemas/NAME.schema.json` after the marker.
/// Any other comment that starts like one is a comment, and kept.
fn is_modeline(comment: &str) -> bool {
    comment.strip_prefix(MODELINE).is_some_and(|path| {
        let mut rest = path;
        while let Some(r) = rest.strip_prefix("../") {
            rest = r;
        }
        rest.strip_prefix("schemas/")
            .and_then(|name| name.strip_suffix(".schema.json"))
            .is_some_and(|name| {
                !name.is_empty()
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            })
    })
}

/// `items` without blank groups at the start and/or the end.
fn trim_blanks(items: &[Trivia], start: bool, end: bool) -> &[Trivia] {
    let mut items = items;
    while start && items.first() == Some(&Trivia::Blank) {
        items = &items[1..];
    }
    while end && items.last() == Some(&Trivia::Blank) {
        items = &items[..items.len() - 1];
    }
    items
}

/// Where a candidate comment is: a whole line (comment or blank), or the end of a line.
#[derive(Debug, Clone)]
enum Candidate {
    Line { line: usize, trivia: Trivia },
    Tail { line: usize, at: usize, comment: String },
}

/// Find the file's comments and blank lines and the node each belongs to.
fn notes(text: &str, parsed: &yaml::Parsed) -> Result<Notes, EditError> {
    let lines: Vec<&str> = text.strip_suffix('\n').unwrap_or(text).split('\n').collect();
    let mut candidates = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            candidates.push(Candidate::Line {
                line: i,
                trivia: Trivia::Blank,
            });
        } else if trimmed.starts_with('#') {
            candidates.push(Candidate::Line {
                line: i,
                trivia: Trivia::Comment(trimmed.to_string()),
            });
        } else if let Some(at) = region::comment_start(line) {
            candidates.push(Candidate::Tail {
                line: i,
                at,
                comment: line[at..].trim_end().to_string(),
            });
        }
    }
    let candidates = confirmed(&lines, candidates, &parsed.value)?;

    // Where each node starts: its key's line for a member, its value's for a list item.
    let mut starts: BTreeMap<usize, Vec<(String, u32)>> = BTreeMap::new();
    for (pointer, span) in parsed.spans.entries() {
        if pointer.is_empty() {
            continue;
        }
        let pos = span.key.unwrap_or(span.value);
        starts
            .entry(pos.line as usize - 1)
            .or_default()
            .push((pointer, pos.col));
    }
    let depth = |p: &str| p.matches('/').count();
    let mut notes = Notes::default();
    let first = starts.keys().next().copied();
    for candidate in candidates {
        let (line, trivia) = match candidate {
            Candidate::Tail { line, comment, .. } => match starts.get(&line) {
                // The innermost node on the line, the last of them when several are.
                Some(nodes) => {
                    let (pointer, _) = nodes
                        .iter()
                        .max_by_key(|(p, col)| (depth(p), *col))
                        .expect("a line's nodes are not empty");
                    let slot = notes.after.entry(pointer.clone()).or_default();
                    if !slot.is_empty() {
                        slot.push(' ');
                    }
                    slot.push_str(&comment);
                    continue;
                }
                // A comment after a value's last line: a comment line before the next field.
                None => (line, Trivia::Comment(comment)),
            },
            Candidate::Line { line, trivia } => (line, trivia),
        };
        // A schema line anywhere on its own line is replaced by the one at the top.
        if matches!(&trivia, Trivia::Comment(c) if is_modeline(c)) {
            continue;
        }
        if first.is_none_or(|f| line < f) {
            notes.header.push(trivia);
        } else if starts.range(line + 1..).next().is_none() {
            notes.footer.push(trivia);
        } else {
            // The outermost node of the next line that starts one.
            let (_, nodes) = starts.range(line + 1..).next().expect("a later node");
            let (pointer, _) = nodes
                .iter()
                .min_by_key(|(p, col)| (depth(p), *col))
                .expect("a line's nodes are not empty");
            notes.before.entry(pointer.clone()).or_default().push(trivia);
        }
    }
    Ok(notes)
}

/// The candidates that are comments and blank lines, not text: taking them out leaves the data
/// as it is. All at once first (the usual case), then one by one.
fn confirmed(lines: &[&str], candidates: Vec<Candidate>, data: &Value) -> Result<Vec<Candidate>, EditError> {
    let without = |skip: &dyn Fn(usize) -> bool| -> String {
        let mut out = String::new();
        let mut next = candidates.iter().peekable();
        for (i, line) in lines.iter().enumerate() {
            let mut line: &str = line;
            while let Some(c) = next.peek() {
                let at = match c {
                    Candidate::Line { line, .. } | Candidate::Tail { line, .. } => *line,
                };
                if at > i {
                    break;
                }
                let c = next.next().expect("peeked");
                if !skip(at) {
                    continue;
                }
                match c {
                    Candidate::Line { .. } => line = "\u{0}",
                    Candidate::Tail { at, .. } => line = &line[..*at],
                }
            }
            if line != "\u{0}" {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    };
    let same = |text: String| yaml::parse_value(&text).is_ok_and(|v| v == *data);
    if candidates.is_empty() || same(without(&|_| true)) {
        return Ok(candidates);
    }
    let size: usize = lines.iter().map(|l| l.len() + 1).sum();
    if candidates.len().saturating_mul(size) > CHECK_BUDGET {
        return Err(EditError(
            "too many `#` and blank lines inside multi-line text to tell comments from text; the file is left as it is"
                .into(),
        ));
    }
    let lines_of = |c: &Candidate| match c {
        Candidate::Line { line, .. } | Candidate::Tail { line, .. } => *line,
    };
    let mut kept = Vec::new();
    for candidate in &candidates {
        let line = lines_of(candidate);
        if let Candidate::Tail { .. } = candidate {
            // A `#` inside quotes is text: the comment starts at the leftmost `#` whose cut keeps
            // the data (everything before it is then the value).
            let text = lines[line];
            for at in comment_starts(text) {
                let mut cut = lines.to_vec();
                cut[line] = &text[..at];
                if same(cut.join("\n")) {
                    kept.push(Candidate::Tail {
                        line,
                        at,
                        comment: text[at..].trim_end().to_string(),
                    });
                    break;
                }
            }
        } else if same(without(&|i| i == line)) {
            kept.push(candidate.clone());
        }
    }
    Ok(kept)
}

/// Every place in `line` where a comment could start: a `#` at its start or after a space or tab.
fn comment_starts(line: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = line.as_bytes();
    (0..bytes.len()).filter(move |&i| bytes[i] == b'#' && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t'))
}

/// Writes the layout, node by node, with each node's comments.
struct Writer<'a> {
    out: String,
    notes: &'a Notes,
    /// The kind's schema, for the order of nested fields.
    schema: &'a Value,
    /// Where the text under the schema line starts.
    top: usize,
}

impl<'a> Writer<'a> {
    /// Comment lines at `indent`; a group of blank lines as one.
    fn trivia(&mut self, items: &[Trivia], indent: usize) {
        for item in items {
            match item {
                Trivia::Blank => {
                    // Never right under the schema line, where a second layout would drop it.
                    if !self.out.ends_with("\n\n") && self.out.len() > self.top {
                        self.out.push('\n');
                    }
                }
                Trivia::Comment(c) => {
                    self.out.push_str(&" ".repeat(indent));
                    self.out.push_str(c);
                    self.out.push('\n');
                }
            }
        }
    }

    fn before(&mut self, pointer: &str, indent: usize) {
        if let Some(items) = self.notes.before.get(pointer) {
            self.trivia(items, indent);
        }
    }

    /// `text` (one or more lines, the last without its newline) with the node's end-of-line
    /// comment on its first line.
    fn line(&mut self, pointer: &str, text: &str) {
        match (self.notes.after.get(pointer), text.split_once('\n')) {
            (Some(c), Some((first, rest))) => {
                self.out.push_str(first);
                self.out.push_str("  ");
                self.out.push_str(c);
                self.out.push('\n');
                self.out.push_str(rest);
            }
            (Some(c), None) => {
                self.out.push_str(text);
                self.out.push_str("  ");
                self.out.push_str(c);
            }
            (None, _) => self.out.push_str(text),
        }
        self.out.push('\n');
    }

    /// The members of `map` at `indent`, in the schema's order, then the rest as they were.
    /// `lead` replaces the first member's indent (`- ` for a list item's first field).
    fn members(
        &mut self,
        map: &Map<String, Value>,
        pointer: &str,
        indent: usize,
        schema: Option<&'a Value>,
        lead: Option<&str>,
    ) {
        let order: Vec<&str> = schema
            .and_then(|s| s.get("properties"))
            .and_then(Value::as_object)
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let mut keys: Vec<&String> = order
            .iter()
            .filter_map(|k| map.get_key_value(*k).map(|(k, _)| k))
            .collect();
        keys.extend(map.keys().filter(|k| !order.contains(&k.as_str())));
        for (n, key) in keys.into_iter().enumerate() {
            let child = format!("{pointer}/{}", yaml::escape_segment(key));
            let sub = schema.and_then(|s| self.property(s, key));
            let lead = if n == 0 { lead } else { None };
            self.member(key, &map[key.as_str()], &child, indent, sub, lead);
        }
    }

    /// `key: value` at `indent`, with its comments.
    fn member(
        &mut self,
        key: &str,
        value: &Value,
        pointer: &str,
        indent: usize,
        schema: Option<&'a Value>,
        lead: Option<&str>,
    ) {
        if lead.is_none() {
            self.before(pointer, indent);
        }
        let pad = lead.map_or_else(|| " ".repeat(indent), str::to_string);
        let key = emit_key(key);
        match value {
            Value::Object(map) if !map.is_empty() => {
                self.line(pointer, &format!("{pad}{key}:"));
                self.members(map, pointer, indent + 2, schema, None);
            }
            Value::Array(items) if !items.is_empty() && !self.flow(items, pointer) => {
                self.line(pointer, &format!("{pad}{key}:"));
                let items_schema = schema.and_then(|s| self.resolve(s.get("items")?));
                for (i, item) in items.iter().enumerate() {
                    self.item(item, &format!("{pointer}/{i}"), indent + 2, items_schema);
                }
            }
            other => {
                let text = format!("{pad}{key}: {}", inline(other, indent));
                self.line(pointer, &text);
            }
        }
    }

    /// One list item at `indent` (the dash's column).
    fn item(&mut self, value: &Value, pointer: &str, indent: usize, schema: Option<&'a Value>) {
        self.before(pointer, indent);
        let dash = format!("{}- ", " ".repeat(indent));
        match value {
            Value::Object(map) if !map.is_empty() => {
                // The first field's own comments go before the dash.
                let first = self.first_member(map, schema);
                let first_pointer = format!("{pointer}/{}", yaml::escape_segment(first));
                self.before(&first_pointer, indent);
                if let Some(c) = self
                    .notes
                    .after
                    .get(pointer)
                    .filter(|_| !self.notes.after.contains_key(&first_pointer))
                {
                    // A comment on the item's line that no field took.
                    self.trivia(&[Trivia::Comment(c.clone())], indent);
                }
                self.members(map, pointer, indent + 2, schema, Some(&dash));
            }
            Value::Array(items) if !items.is_empty() => {
                // A list in a list: as JSON, which is YAML.
                let text = format!("{dash}{}", Value::Array(items.clone()));
                self.line(pointer, &text);
            }
            other => {
                let text = format!("{dash}{}", inline(other, indent));
                self.line(pointer, &text);
            }
        }
    }

    /// The key `members` writes first.
    fn first_member<'m>(&self, map: &'m Map<String, Value>, schema: Option<&Value>) -> &'m str {
        schema
            .and_then(|s| s.get("properties"))
            .and_then(Value::as_object)
            .and_then(|p| p.keys().find_map(|k| map.get_key_value(k).map(|(k, _)| k.as_str())))
            .or_else(|| map.keys().next().map(String::as_str))
            .unwrap_or_default()
    }

    /// Ids and enum words on one line (`related: [CP1589, CR041]`), unless an item has a comment.
    fn flow(&self, items: &[Value], pointer: &str) -> bool {
        items.iter().all(is_flow_word)
            && (0..items.len()).all(|i| {
                let p = format!("{pointer}/{i}");
                !self.notes.before.contains_key(&p) && !self.notes.after.contains_key(&p)
            })
    }

    /// The schema of `key` in the object schema `schema`.
    fn property(&self, schema: &'a Value, key: &str) -> Option<&'a Value> {
        self.resolve(schema.get("properties")?.get(key)?)
    }

    /// `schema` with local `$ref`s followed (a few levels at most).
    fn resolve(&self, mut schema: &'a Value) -> Option<&'a Value> {
        for _ in 0..8 {
            match schema.get("$ref").and_then(Value::as_str) {
                Some(r) => schema = self.schema.pointer(r.strip_prefix('#')?)?,
                None => return Some(schema),
            }
        }
        None
    }
}

/// `key: value` at `indent` as a person would write it, with a final newline: mappings and lists
/// as blocks, a list of ids or words on one line. For new records and new list entries.
pub fn member(out: &mut String, key: &str, value: &Value, indent: usize) {
    let notes = Notes::default();
    let mut writer = Writer {
        out: std::mem::take(out),
        notes: &notes,
        schema: &Value::Null,
        top: 0,
    };
    writer.member(key, value, "", indent, None, None);
    *out = writer.out;
}

/// A value written after `key: ` or `- `: scalars as a person would write them, empty
/// mappings and lists as `{}` and `[]`, a list of words in flow style.
fn inline(value: &Value, indent: usize) -> String {
    match value {
        Value::Object(_) => "{}".into(),
        Value::Array(items) if items.is_empty() => "[]".into(),
        Value::Array(items) => {
            let words: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            format!("[{}]", words.join(", "))
        }
        scalar => emit::scalar(scalar, indent),
    }
}

/// Ids and enum words go in a one-line flow list: letters, digits and `-`, starting with a
/// letter, and not a word YAML (1.2, or 1.1 for older tools) reads as a boolean or null.
pub fn is_flow_word(v: &Value) -> bool {
    const WORDS: &[&str] = &["true", "false", "null", "yes", "no", "on", "off", "y", "n"];
    v.as_str().is_some_and(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !WORDS.contains(&s.to_ascii_lowercase().as_str())
    })
}

/// A mapping key: plain when it reads back as itself, else quoted.
fn emit_key(key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
        && !key.starts_with(['-', '.'])
        && yaml::parse_value(&format!("{key}: 0\n"))
            .ok()
            .and_then(|v| v.as_object().map(|m| m.contains_key(key)))
            .unwrap_or(false);
    if plain {
        key.to_string()
    } else {
        serde_json::to_string(key).expect("strings serialize")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        format(text, Kind::Action, 2).unwrap()
    }

    const ACTION: &str = "# yaml-language-server: $schema=../../schemas/action.schema.json\n\
        id: CCAG27-01\ntitle: Programme to circulate the log\nraised: 2024-02-28\n\
        owner:\n  org: Programme\n  person: Andrew Margan\ndue: 2024-03-27\nstatus: open\n";

    #[test]
    fn a_canonical_file_is_left_as_it_is() {
        assert_eq!(fmt(ACTION), ACTION);
    }

    #[test]
    fn fields_go_in_contract_order_with_their_comments() {
        let text = "status: open   # still open\n\n# who\nowner:\n    person: Andrew Margan\n    org: Programme\nid: CCAG27-01\ntitle: Programme to circulate the log\nraised: 2024-02-28\ndue: 2024-03-27\n";
        assert_eq!(
            fmt(text),
            "# yaml-language-server: $schema=../../schemas/action.schema.json\n\
             id: CCAG27-01\ntitle: Programme to circulate the log\nraised: 2024-02-28\n\
             \n# who\nowner:\n  org: Programme\n  person: Andrew Margan\ndue: 2024-03-27\n\
             status: open  # still open\n"
        );
    }

    #[test]
    fn a_hash_inside_text_is_text() {
        let text = format!(
            "{ACTION}updates:\n  - date: 2024-02-28\n    text: |-\n      line\n      # not a comment\n\n      after a blank\n"
        );
        let out = fmt(&text);
        assert!(out.contains("# not a comment"), "{out}");
        assert_eq!(yaml::parse_value(&out).unwrap(), yaml::parse_value(&text).unwrap());
        assert_eq!(fmt(&out), out);
    }

    #[test]
    fn words_yaml_would_read_as_something_else_are_not_flow_words() {
        for word in ["CP1589", "R0062", "CCAG26-01", "open"] {
            assert!(is_flow_word(&Value::from(word)), "{word}");
        }
        for word in ["1", "0x1F", "true", "No", "null", "", "-x", "a b", "y"] {
            assert!(!is_flow_word(&Value::from(word)), "{word}");
        }
        let text = format!("{ACTION}related: ['1', 'true', CP1589]\n");
        assert!(
            fmt(&text).contains("related:\n  - '1'\n  - 'true'\n  - CP1589\n"),
            "{}",
            fmt(&text)
        );
    }

    #[test]
    fn the_schema_line_matches_the_folder() {
        let out = format(ACTION, Kind::Action, 4).unwrap();
        assert!(out.starts_with("# yaml-language-server: $schema=../../../../schemas/action.schema.json\n"));
        assert_eq!(out.matches("yaml-language-server").count(), 1);
    }
}

#[cfg(test)]
mod fuzzed {
    use super::*;

    /// Inputs the `layout` fuzz target found; each must be refused or laid out, never panic.
    #[test]
    fn fuzzed_inputs_are_laid_out_or_refused() {
        for (kind, text) in [
            (Kind::Action, ": 20333333333333333313-02-01eds\n\nclosed: 1013-02-01\n"),
            (
                Kind::Action,
                "n:\n# yaml-language-server: $schema=../../schemas/action.schema.json\nid: CCAG26-04\ntitle: >-\n  Programme to share Licence Review update text to be inc:",
            ),
            (
                Kind::Milestone,
                "Id: R1\n<<<<<<<title: There iri\n\n that code dra/fting # yaml-language-server: $schema=is late\nimpact: D:t #ab. code d=======elivery\nrag: amber\nstat s: open\n",
            ),
        ] {
            for kind in [kind].into_iter().chain(Kind::ALL) {
                if let Ok(laid) = format(text, kind, 2) {
                    let before = yaml::parse_value(text).unwrap();
                    assert_eq!(yaml::parse_value(&laid).unwrap(), before, "{text:?}");
                    assert_eq!(format(&laid, kind, 2).unwrap(), laid, "{text:?}");
                }
            }
        }
    }
}
