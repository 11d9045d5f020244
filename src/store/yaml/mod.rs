//! Strict YAML 1.2 → `serde_json::Value`, with the source position of every key and value.
//!
//! Built directly on saphyr's event parser rather than its node tree so that we can
//! enforce limits as we go (nesting depth, alias expansion, one document per file)
//! and never build, or recursively drop, a pathological tree.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr::Scalar;
use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_json::{Map, Number, Value};

pub mod fast;

/// Deepest nesting of mappings and sequences a record may have. Records need 4.
pub const MAX_DEPTH: usize = 64;
/// Most nodes that anchors and aliases may expand to in one file.
pub const MAX_ALIAS_NODES: usize = 10_000;

/// A 1-based line and column in a source file (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    fn of(span: Span) -> Pos {
        Pos {
            line: span.start.line() as u32,
            col: span.start.col() as u32 + 1,
        }
    }
}

/// Where a node sits: its value and, for mapping members, its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct NodeSpan {
    pub key: Option<Pos>,
    pub value: Pos,
}

/// Positions by JSON pointer (`""` is the document, `/owner/org` a nested value).
#[derive(Debug, Clone, Default)]
pub struct Spans(Repr);

#[derive(Debug, Clone)]
enum Repr {
    /// Hashed: saphyr's positions, and any document with many nodes.
    Map(SpanMap),
    /// As the fast path recorded them, looked up by a scan: a record has a few dozen nodes and
    /// a finding or two, so hashing every pointer would cost more than it saves.
    Listed(Marks),
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Map(SpanMap::default())
    }
}

/// Positions by pointer; hashed with foldhash (files are the user's own, and the map is rebuilt
/// for every file with a finding, so a fast hash matters more than flood resistance).
type SpanMap = HashMap<String, NodeSpan, foldhash::fast::RandomState>;

/// Nodes with their pointers, in the order they were read: every pointer in one string.
#[derive(Debug, Clone, Default)]
pub(crate) struct Marks {
    pointers: String,
    /// Where each pointer ends in `pointers` (it starts where the previous one ends).
    nodes: Vec<(u32, NodeSpan)>,
}

/// Listed positions beyond this many nodes are hashed (a file of thousands of `related` ids
/// with a finding on each must not scan them all for each).
const MOST_LISTED: usize = 256;

impl Marks {
    pub(crate) fn with_capacity(nodes: usize, bytes: usize) -> Marks {
        Marks {
            pointers: String::with_capacity(bytes),
            nodes: Vec::with_capacity(nodes),
        }
    }

    pub(crate) fn push(&mut self, pointer: &str, span: NodeSpan) {
        self.pointers.push_str(pointer);
        self.nodes.push((self.pointers.len() as u32, span));
    }

    fn iter(&self) -> impl DoubleEndedIterator<Item = (&str, NodeSpan)> {
        (0..self.nodes.len()).map(|i| {
            let start = if i == 0 { 0 } else { self.nodes[i - 1].0 as usize };
            let (end, span) = self.nodes[i];
            (&self.pointers[start..end as usize], span)
        })
    }
}

impl From<Marks> for Spans {
    fn from(marks: Marks) -> Spans {
        if marks.nodes.len() <= MOST_LISTED {
            return Spans(Repr::Listed(marks));
        }
        let mut map = SpanMap::with_capacity_and_hasher(marks.nodes.len(), Default::default());
        for (pointer, span) in marks.iter() {
            map.insert(pointer.to_string(), span);
        }
        Spans(Repr::Map(map))
    }
}

/// Equal when they place the same pointers at the same positions, however they are held.
impl PartialEq for Spans {
    fn eq(&self, other: &Spans) -> bool {
        let mut a = self.entries();
        let mut b = other.entries();
        a.sort();
        b.sort();
        a == b
    }
}

impl Eq for Spans {}

impl Spans {
    /// Every recorded position, for probes and tests: (pointer, its span).
    pub fn entries(&self) -> Vec<(String, NodeSpan)> {
        match &self.0 {
            Repr::Map(map) => map.iter().map(|(p, s)| (p.clone(), *s)).collect(),
            Repr::Listed(marks) => {
                // A later node at the same pointer replaces an earlier one, as in a map.
                let mut seen = std::collections::HashSet::new();
                let mut out: Vec<(String, NodeSpan)> = marks
                    .iter()
                    .rev()
                    .filter(|(p, _)| seen.insert(*p))
                    .map(|(p, s)| (p.to_string(), s))
                    .collect();
                out.reverse();
                out
            }
        }
    }

    /// The value at `pointer`, or the nearest enclosing node that exists.
    pub fn value(&self, pointer: &str) -> Pos {
        self.nearest(pointer).value
    }

    /// The key of the member at `pointer` (its value for sequence items), or the nearest enclosing node.
    pub fn key(&self, pointer: &str) -> Pos {
        let span = self.nearest(pointer);
        span.key.unwrap_or(span.value)
    }

    fn get(&self, pointer: &str) -> Option<NodeSpan> {
        match &self.0 {
            Repr::Map(map) => map.get(pointer).copied(),
            Repr::Listed(marks) => marks.iter().rev().find(|(p, _)| *p == pointer).map(|(_, s)| s),
        }
    }

    fn nearest(&self, pointer: &str) -> NodeSpan {
        let mut p = pointer;
        loop {
            if let Some(span) = self.get(p) {
                return span;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => {
                    return NodeSpan {
                        key: None,
                        value: Pos { line: 1, col: 1 },
                    };
                }
            }
        }
    }
}

/// Positions computed on first use, by re-parsing the text with tracking: clean files never
/// pay for them.
pub struct LazySpans<'a> {
    text: &'a str,
    spans: std::cell::OnceCell<Spans>,
}

impl<'a> LazySpans<'a> {
    pub fn new(text: &'a str) -> Self {
        LazySpans {
            text,
            spans: std::cell::OnceCell::new(),
        }
    }

    /// Positions already read (by `parse_value_placed`), or computed on first use when `None`.
    pub fn with(text: &'a str, spans: Option<Spans>) -> Self {
        let lazy = LazySpans::new(text);
        if let Some(spans) = spans {
            let _ = lazy.spans.set(spans);
        }
        lazy
    }

    /// The positions if they are already known, without computing them.
    pub fn known(&self) -> Option<&Spans> {
        self.spans.get()
    }

    pub fn get(&self) -> &Spans {
        self.spans.get_or_init(|| {
            fast::spans(self.text)
                .or_else(|| parse(self.text).ok().map(|p| p.spans))
                .unwrap_or_default()
        })
    }
}

/// A parsed document.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub value: Value,
    pub spans: Spans,
}

/// Why a file is not one YAML document, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub pos: Pos,
    pub rule: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

impl YamlError {
    pub fn new(pos: Pos, rule: &'static str, message: impl Into<String>) -> Self {
        YamlError {
            pos,
            rule,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Escape one JSON-pointer segment (RFC 6901).
pub fn escape_segment(s: &str) -> Cow<'_, str> {
    if s.contains(['~', '/']) {
        Cow::Owned(s.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(s)
    }
}

enum Frame {
    Seq {
        items: Vec<Value>,
        pointer: String,
        anchor: usize,
    },
    Map {
        map: Map<String, Value>,
        pointer: String,
        anchor: usize,
        /// The key waiting for its value, with where it was written.
        key: Option<(String, Pos)>,
        key_lines: HashMap<String, u32>,
    },
}

struct Builder {
    /// Record positions (and pointers); off for the fast path, which re-parses on demand.
    track: bool,
    stack: Vec<Frame>,
    root: Option<Value>,
    documents: usize,
    spans: SpanMap,
    anchors: HashMap<usize, (Value, usize)>,
    alias_budget: usize,
}

/// Parse `text` as exactly one YAML document, with the position of every node.
pub fn parse(text: &str) -> Result<Parsed, YamlError> {
    build(text, true).map(|(value, spans)| Parsed { value, spans })
}

/// Parse `text` as exactly one YAML document, without positions: the path for files that turn
/// out clean. Files in the plain layout records are written in take [`fast::parse`]; the rest
/// go through saphyr. Errors are the same as `parse`'s (an error re-parses with positions).
pub fn parse_value(text: &str) -> Result<Value, YamlError> {
    if let Some(value) = fast::parse(text) {
        return Ok(value);
    }
    match build(text, false) {
        Ok((value, _)) => Ok(value),
        Err(_) => parse(text).map(|p| p.value),
    }
}

/// As `parse_value`, with the positions of the nodes too when the fast path can give them in
/// the same pass (`None` otherwise: ask `LazySpans`). For callers that place most files'
/// findings, such as `validate` on a set with many of them: one pass instead of two.
pub fn parse_value_placed(text: &str) -> Result<(Value, Option<Spans>), YamlError> {
    match fast::parse_placed(text) {
        Some(read) => Ok(read),
        None => parse_value(text).map(|value| (value, None)),
    }
}

fn build(text: &str, track: bool) -> Result<(Value, Spans), YamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // (The fast path takes no file with either, so only files it declines pay for the look.)
    conflict_marker(text)?;
    control_character(text)?;
    let mut parser = Parser::new_from_str(text);
    let mut b = Builder {
        track,
        stack: Vec::new(),
        root: None,
        documents: 0,
        spans: SpanMap::default(),
        anchors: HashMap::new(),
        alias_budget: MAX_ALIAS_NODES,
    };
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| {
            let marker = e.marker();
            let pos = Pos {
                line: marker.line() as u32,
                col: marker.col() as u32 + 1,
            };
            syntax_error(pos, e.info())
        })?;
        b.on_event(event, span)?;
    }
    match b.root {
        Some(value) => Ok((value, Spans(Repr::Map(b.spans)))),
        None => Err(
            YamlError::new(Pos { line: 1, col: 1 }, "empty-file", "the file holds no YAML document")
                .hint("a record is a mapping of fields, starting with `id:`"),
        ),
    }
}

/// A merge conflict left in the file: said as such, at the marker's line, rather than as the
/// parser error it would cause somewhere after it.
fn conflict_marker(text: &str) -> Result<(), YamlError> {
    if !(text.contains("<<<<<<<") || text.contains(">>>>>>>") || text.contains("=======")) {
        return Ok(());
    }
    for (n, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let marker = ["<<<<<<<", ">>>>>>>", "|||||||", "======="]
            .into_iter()
            .find(|m| line.starts_with(m) && (line.len() == 7 || line.as_bytes()[7] == b' '))
            .filter(|m| *m != "=======" || line.len() == 7);
        if let Some(marker) = marker {
            return Err(YamlError::new(
                Pos {
                    line: n as u32 + 1,
                    col: 1,
                },
                "merge-conflict",
                format!("merge conflict marker `{marker}`: the file still holds both sides of a git merge"),
            )
            .hint("keep the lines that are right, delete the markers and the rest, then run `ccag validate`"));
        }
    }
    Ok(())
}

/// YAML allows no raw control character in a file but tab, line feed and carriage return
/// (and NEL); one that reaches a terminal could act on it, so it is an error where it stands.
fn control_character(text: &str) -> Result<(), YamlError> {
    let refused = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
            || c == '\x7f'
            || (('\u{80}'..='\u{9f}').contains(&c) && c != '\u{85}')
            || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    let Some((at, c)) = text.char_indices().find(|&(_, c)| refused(c)) else {
        return Ok(());
    };
    let before = &text[..at];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().unwrap_or_default().chars().count() as u32 + 1;
    Err(YamlError::new(
        Pos { line, col },
        "control-character",
        format!(
            "raw control character U+{:04X}: YAML allows none in a file but tab and line breaks",
            c as u32
        ),
    )
    .hint("remove it, or write it as an escape inside double quotes (`\"\\e\"`)"))
}

/// Only the core schema's tags (`!!str`, `!!int`…) mean anything to a record; any other
/// (`!foo open`) would be dropped by a reader that ignores it and refused by another, so it is
/// an error rather than silently ignored.
fn known_tag(tag: Option<&Tag>, pos: Pos) -> Result<(), YamlError> {
    let Some(tag) = tag else { return Ok(()) };
    let core = ["str", "int", "float", "bool", "null", "seq", "map"];
    if tag.is_yaml_core_schema() && core.contains(&tag.suffix.as_str()) {
        return Ok(());
    }
    let shown = if tag.is_yaml_core_schema() {
        format!("!!{}", tag.suffix)
    } else {
        tag.to_string()
    };
    Err(
        YamlError::new(pos, "unknown-tag", format!("the tag `{shown}` means nothing to ccag"))
            .hint("remove the tag: record values are plain text, numbers, dates and lists"),
    )
}

fn syntax_error(pos: Pos, info: &str) -> YamlError {
    if info.contains("recursion limit") {
        return YamlError::new(pos, "too-deep", format!("nesting is too deep: {info}"));
    }
    let err = YamlError::new(pos, "syntax", format!("invalid YAML: {info}"));
    if info.contains("tab") {
        err.hint("indent with spaces; YAML does not allow tabs for indentation")
    } else {
        err
    }
}

impl Builder {
    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlError> {
        let pos = Pos::of(span);
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(YamlError::new(
                        pos,
                        "multiple-documents",
                        "the file holds more than one YAML document",
                    )
                    .hint("keep one record per file; remove the `---` separator and move the rest to its own file"));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                known_tag(tag.as_deref(), pos)?;
                let value = scalar(text, style, tag.as_ref(), pos)?;
                if anchor > 0 {
                    self.anchors.insert(anchor, (value.clone(), 1));
                }
                self.value(value, pos, false)?;
            }
            Event::Alias(anchor) => {
                let (value, nodes) = self
                    .anchors
                    .get(&anchor)
                    .cloned()
                    .ok_or_else(|| YamlError::new(pos, "syntax", "alias to an unknown anchor"))?;
                if nodes > self.alias_budget {
                    return Err(YamlError::new(
                        pos,
                        "alias-limit",
                        format!("aliases expand to more than {MAX_ALIAS_NODES} nodes"),
                    )
                    .hint("records need no anchors or aliases; write the values out"));
                }
                self.alias_budget -= nodes;
                self.value(value, pos, false)?;
            }
            Event::SequenceStart(anchor, tag) => {
                known_tag(tag.as_deref(), pos)?;
                let pointer = self.open(pos)?;
                self.stack.push(Frame::Seq {
                    items: Vec::new(),
                    pointer,
                    anchor,
                });
            }
            Event::MappingStart(anchor, tag) => {
                known_tag(tag.as_deref(), pos)?;
                let pointer = self.open(pos)?;
                self.stack.push(Frame::Map {
                    map: Map::new(),
                    pointer,
                    anchor,
                    key: None,
                    key_lines: HashMap::new(),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (value, anchor) = match self.stack.pop() {
                    Some(Frame::Seq { items, anchor, .. }) => (Value::Array(items), anchor),
                    Some(Frame::Map { map, anchor, .. }) => (Value::Object(map), anchor),
                    None => return Ok(()),
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, (value.clone(), count_nodes(&value)));
                }
                self.value(value, pos, true)?;
            }
        }
        Ok(())
    }

    /// A container starts: check depth, record its position, return its pointer.
    fn open(&mut self, pos: Pos) -> Result<String, YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(YamlError::new(
                pos,
                "too-deep",
                format!("nesting is deeper than {MAX_DEPTH} levels"),
            ));
        }
        if !self.track {
            return match self.stack.last() {
                Some(Frame::Map { key: None, .. }) => {
                    Err(YamlError::new(pos, "syntax", "a mapping key must be plain text"))
                }
                _ => Ok(String::new()),
            };
        }
        let (pointer, key) = match self.stack.last() {
            None => (String::new(), None),
            Some(Frame::Seq { items, pointer, .. }) => (format!("{pointer}/{}", items.len()), None),
            Some(Frame::Map {
                key: Some((k, kpos)),
                pointer,
                ..
            }) => (format!("{pointer}/{}", escape_segment(k)), Some(*kpos)),
            Some(Frame::Map { key: None, .. }) => {
                return Err(YamlError::new(
                    pos,
                    "syntax",
                    "a mapping key must be plain text, not a list or mapping",
                ));
            }
        };
        self.spans.insert(pointer.clone(), NodeSpan { key, value: pos });
        Ok(pointer)
    }

    /// A complete value: attach it to its parent. `closed` marks a container whose span is already recorded.
    fn value(&mut self, value: Value, pos: Pos, closed: bool) -> Result<(), YamlError> {
        match self.stack.last_mut() {
            None => {
                if !closed && self.track {
                    self.spans.insert(String::new(), NodeSpan { key: None, value: pos });
                }
                self.root = Some(value);
            }
            Some(Frame::Seq { items, pointer, .. }) => {
                if !closed && self.track {
                    let p = format!("{pointer}/{}", items.len());
                    self.spans.insert(p, NodeSpan { key: None, value: pos });
                }
                items.push(value);
            }
            Some(Frame::Map {
                map,
                pointer,
                key,
                key_lines,
                ..
            }) => match key.take() {
                None => {
                    let name = match value {
                        Value::String(s) => s,
                        Value::Null => "null".to_string(),
                        Value::Bool(b) => b.to_string(),
                        Value::Number(n) => n.to_string(),
                        _ => {
                            return Err(YamlError::new(
                                pos,
                                "syntax",
                                "a mapping key must be plain text, not a list or mapping",
                            ));
                        }
                    };
                    if !self.track {
                        // Detect only; the tracking re-parse words the error with both lines.
                        if map.contains_key(&name) {
                            return Err(YamlError::new(pos, "duplicate-key", "duplicate key"));
                        }
                        *key = Some((name, pos));
                        return Ok(());
                    }
                    if let Some(first) = key_lines.get(&name) {
                        return Err(YamlError::new(
                            pos,
                            "duplicate-key",
                            format!("key `{name}` appears twice in this mapping (first on line {first})"),
                        )
                        .hint("remove one of them; YAML keys must be unique"));
                    }
                    key_lines.insert(name.clone(), pos.line);
                    *key = Some((name, pos));
                }
                Some((name, kpos)) => {
                    if !closed && self.track {
                        let p = format!("{pointer}/{}", escape_segment(&name));
                        self.spans.insert(
                            p,
                            NodeSpan {
                                key: Some(kpos),
                                value: pos,
                            },
                        );
                    }
                    map.insert(name, value);
                }
            },
        }
        Ok(())
    }
}

fn count_nodes(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        Value::Object(map) => 1 + map.values().map(count_nodes).sum::<usize>(),
        _ => 1,
    }
}

/// Resolve a scalar by the YAML 1.2 core schema (so `no` stays a string).
fn scalar(text: Cow<'_, str>, style: ScalarStyle, tag: Option<&Cow<'_, Tag>>, pos: Pos) -> Result<Value, YamlError> {
    // Quoted and block scalars are always text, and so is an untagged plain scalar that cannot
    // start a null, boolean or number: skip resolution for them (most of a record's text).
    let could_be_other = |t: &str| {
        t.is_empty()
            || matches!(
                t.as_bytes()[0],
                b'0'..=b'9' | b'+' | b'-' | b'.' | b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F'
            )
    };
    // Dates (`2024-02-28`) are text too: digits with a `-` after the first cannot be a number.
    let date_like = |t: &str| {
        t.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && t.contains('-')
            && t.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    };
    if style != ScalarStyle::Plain || (tag.is_none() && (!could_be_other(&text) || date_like(&text))) {
        return Ok(Value::String(text.into_owned()));
    }
    resolve(text, style, tag, pos)
}

/// Resolve a scalar by saphyr's YAML 1.2 core schema, with no shortcuts.
fn resolve(text: Cow<'_, str>, style: ScalarStyle, tag: Option<&Cow<'_, Tag>>, pos: Pos) -> Result<Value, YamlError> {
    let resolved = Scalar::parse_from_cow_and_metadata(Cow::Borrowed(&*text), style, tag).ok_or_else(|| {
        YamlError::new(
            pos,
            "syntax",
            format!(
                "`{text}` does not match its tag `{}`",
                tag.map(|t| format!("{}{}", t.handle, t.suffix)).unwrap_or_default()
            ),
        )
    })?;
    Ok(match resolved {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(b),
        Scalar::Integer(i) => Value::Number(i.into()),
        Scalar::FloatingPoint(f) => match Number::from_f64(f.into_inner()) {
            Some(n) => Value::Number(n),
            None => {
                return Err(YamlError::new(
                    pos,
                    "wrong-type",
                    format!("`{text}` is not a finite number"),
                ));
            }
        },
        Scalar::String(_) => Value::String(text.into_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Positions read with the values (listed, or hashed past `MOST_LISTED` nodes) answer as
    /// saphyr's do, the nearest enclosing node included.
    #[test]
    fn positions_read_with_values_answer_as_saphyrs_at_any_size() {
        for n in [3, MOST_LISTED + 10] {
            let items: String = (0..n).map(|i| format!("  - R{i:04}\n")).collect();
            let text = format!("id: A-1\nowner:\n  org: BSC\nrelated:\n{items}");
            let (value, placed) = parse_value_placed(&text).unwrap();
            let placed = placed.expect("the fast path places this layout");
            let saphyr = parse(&text).unwrap();
            assert_eq!(value, saphyr.value);
            assert!(matches!(placed.0, Repr::Listed(_)) == (n <= MOST_LISTED));
            let last = format!("/related/{}", n - 1);
            for pointer in [
                "",
                "/id",
                "/owner/org",
                "/related/0",
                last.as_str(),
                "/owner/missing",
                "/nope/1",
            ] {
                assert_eq!(placed.value(pointer), saphyr.spans.value(pointer), "{pointer} of {n}");
                assert_eq!(placed.key(pointer), saphyr.spans.key(pointer), "{pointer} of {n}");
            }
            assert_eq!(
                placed.value(&last),
                Pos {
                    line: 4 + n as u32,
                    col: 5
                }
            );
        }
    }

    #[test]
    fn positions_point_at_keys_and_values() {
        let p = parse("id: A-1\nowner:\n  org: BSC\nupdates:\n  - date: 2024-01-01\n    text: x\n").unwrap();
        assert_eq!(p.spans.key("/owner/org"), Pos { line: 3, col: 3 });
        assert_eq!(p.spans.value("/owner/org"), Pos { line: 3, col: 8 });
        assert_eq!(p.spans.value("/updates/0/text"), Pos { line: 6, col: 11 });
        assert_eq!(p.spans.value("/updates/0"), Pos { line: 5, col: 5 });
        assert_eq!(p.spans.value("/missing/deeper"), Pos { line: 1, col: 1 });
        assert_eq!(p.value["updates"][0]["date"], "2024-01-01");
    }

    #[test]
    fn yaml_1_2_core_schema_keeps_norway_and_times_as_strings() {
        let p = parse("a: no\nb: 10:00\nc: 010\nd: ~\ne: true\n").unwrap();
        assert_eq!(p.value["a"], "no");
        assert_eq!(p.value["b"], "10:00");
        assert_eq!(p.value["c"], 10);
        assert!(p.value["d"].is_null());
        assert_eq!(p.value["e"], true);
    }

    #[test]
    fn shortcuts_resolve_plain_scalars_as_saphyr_does() {
        // `scalar` skips saphyr's resolver for text that cannot be anything else; check the
        // skipped cases against the resolver itself.
        let pieces = [
            "0", "1", "9", "-", "+", ".", "e", "E", "x", "o", "_", ":", "n", "t", "f", "~", "a",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
        }
        texts.extend(
            [
                "2024-02-28",
                "2024-02-30",
                "20240228",
                "2024-02",
                "1-",
                "-1-",
                "10:00",
                "no",
                "null",
                "True",
            ]
            .map(String::from),
        );
        let pos = Pos::default();
        for t in &texts {
            let shortcut = scalar(Cow::Borrowed(t), ScalarStyle::Plain, None, pos);
            let full = resolve(Cow::Borrowed(t), ScalarStyle::Plain, None, pos);
            assert_eq!(shortcut, full, "`{t}`");
        }
        assert!(texts.len() > 80_000);
    }

    #[test]
    fn duplicate_keys_are_rejected_at_the_second_key() {
        let e = parse("id: a\ntitle: x\nid: b\n").unwrap_err();
        assert_eq!((e.rule, e.pos), ("duplicate-key", Pos { line: 3, col: 1 }));
        assert_eq!(parse_value("id: a\ntitle: x\nid: b\n").unwrap_err(), e);
    }

    #[test]
    fn the_fast_path_reads_the_same_values() {
        let text = "id: A-1\nowner:\n  org: BSC\nupdates:\n  - date: 2024-01-01\n    text: >-\n      x\n      y\n";
        assert_eq!(parse_value(text).unwrap(), parse(text).unwrap().value);
    }

    #[test]
    fn deep_nesting_stops_at_the_limit() {
        let text = "[".repeat(100_000);
        let e = parse(&text).unwrap_err();
        assert_eq!(e.rule, "too-deep");
    }

    #[test]
    fn alias_bombs_are_stopped() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let e = parse(&text).unwrap_err();
        assert_eq!(e.rule, "alias-limit");
    }

    #[test]
    fn second_documents_and_empty_files_are_errors() {
        assert_eq!(parse("a: 1\n---\nb: 2\n").unwrap_err().rule, "multiple-documents");
        assert_eq!(parse("").unwrap_err().rule, "empty-file");
        assert_eq!(parse("# only a comment\n").unwrap_err().rule, "empty-file");
    }

    #[test]
    fn tabs_are_syntax_errors_with_a_hint() {
        let e = parse("owner:\n\torg: x\n").unwrap_err();
        assert_eq!(e.rule, "syntax");
        assert_eq!(e.pos.line, 2);
    }
}
