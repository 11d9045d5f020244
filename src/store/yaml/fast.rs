//! The fast path: the plain block layout that record files are written in, read straight into a
//! `serde_json::Value`, without saphyr's tokens and events.
//!
//! It reads a deliberately small part of YAML: block mappings whose keys are simple words, block
//! sequences, one-line plain, single- and double-quoted scalars (no escapes), one-line flow
//! sequences of plain words, `|`/`>` block scalars with `-` or default chomping, comments and
//! blank lines. For anything else it answers `None` and the caller parses with saphyr, which
//! stays the authority on what is valid YAML, on error messages and on positions. That covers
//! anchors and aliases, tags, flow mappings, multi-line plain or quoted scalars, escapes, tabs,
//! carriage returns, control characters, duplicate keys, keys that are not short words, indentation
//! indicators, `+` chomping, more-indented lines in block scalars, and anything mis-indented.
//!
//! Where it answers, it must answer exactly what saphyr's path answers; `tests/yaml_fast_path.rs`
//! checks that on every record and fixture in the repository, on generated record sets, and on
//! random documents built to sit on the edges of this subset.

use std::borrow::Cow;

use saphyr_parser::ScalarStyle;
use serde_json::{Map, Value};

use super::{Marks, NodeSpan, Pos, Spans};

/// Deeper documents go to saphyr, which enforces the real limit with a finding.
const MAX_DEPTH: usize = 16;
/// Longer keys go to saphyr (YAML's own limit for implicit keys is 1024 characters).
const MAX_KEY: usize = 256;

/// The value of `text` if it lies inside the fast subset; `None` means "ask saphyr".
pub fn parse(text: &str) -> Option<Value> {
    read(text, true, false).map(|(value, _)| value)
}

/// The value of `text` and, where the fast path can give them, the positions of its nodes
/// (exactly `spans`'s), read in one pass: for a caller that will most likely place findings.
/// `None` means "ask saphyr"; a value with no positions means the fast path cannot give them
/// as saphyr would (a null value), so saphyr builds them when they are wanted.
pub fn parse_placed(text: &str) -> Option<(Value, Option<Spans>)> {
    read(text, true, true)
}

/// The positions of every node of `text`, as saphyr reports them, if the text lies inside the
/// fast subset and every position is one the fast path knows saphyr's convention for (a null
/// value is not); `None` means "ask saphyr".
pub fn spans(text: &str) -> Option<Spans> {
    read(text, false, true).and_then(|(_, spans)| spans)
}

/// The one reader behind `parse`, `parse_placed` and `spans`: with the scalars' text when
/// `values` (the positions pass only walks the block scalars), with positions when `placed`.
fn read(text: &str, values: bool, placed: bool) -> Option<(Value, Option<Spans>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !printable(text) {
        return None;
    }
    let mut reader = Reader::new(text, values, placed);
    let first = reader.next_content()?;
    if reader.lines[first].indent != 0 {
        return None;
    }
    if placed {
        let root = reader.pos(first, 0);
        reader.mark(None, root);
    }
    let value = reader.mapping(0, 0)?;
    let spans = match reader.marks {
        Some(marks) if !reader.unsure => Some(Spans::from(marks)),
        _ => None,
    };
    Some((value, spans))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LineKind {
    /// Nothing but spaces.
    Blank,
    /// `#` after the indentation.
    Comment,
    Content,
}

#[derive(Clone, Copy)]
struct Line {
    start: usize,
    /// Excludes the `\n`.
    end: usize,
    /// Leading spaces.
    indent: usize,
    kind: LineKind,
    newline: bool,
}

struct Reader<'a> {
    text: &'a str,
    lines: Vec<Line>,
    /// The line being read.
    i: usize,
    /// Whether block scalars' text is kept (not by the positions pass, which throws it away).
    values: bool,
    /// Positions by JSON pointer, when they are asked for (`spans`, `parse_placed`).
    marks: Option<Marks>,
    /// The pointer of the node being read (kept only when recording).
    pointer: String,
    /// A node was read whose position the fast path cannot give as saphyr would.
    unsure: bool,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, values: bool, record: bool) -> Reader<'a> {
        let lines = split(text);
        // About one node per line.
        let marks = record.then(|| Marks::with_capacity(lines.len(), text.len() / 2));
        Reader {
            text,
            lines,
            i: 0,
            values,
            marks,
            pointer: String::new(),
            unsure: false,
        }
    }

    /// Line `i`, byte column `byte` as a position (columns count characters, from 1).
    fn pos(&self, i: usize, byte: usize) -> Pos {
        let line = self.lines[i];
        let before = &self.text[line.start..line.start + byte];
        Pos {
            line: i as u32 + 1,
            col: before.chars().count() as u32 + 1,
        }
    }

    /// The position of `s`, a slice of line `i`.
    fn pos_of(&self, i: usize, s: &str) -> Pos {
        let byte = s.as_ptr() as usize - self.text.as_ptr() as usize - self.lines[i].start;
        self.pos(i, byte)
    }

    /// Record the node at the current pointer.
    fn mark(&mut self, key: Option<Pos>, value: Pos) {
        if let Some(marks) = &mut self.marks {
            marks.push(&self.pointer, NodeSpan { key, value });
        }
    }

    /// Whether positions are being recorded.
    fn placing(&self) -> bool {
        self.marks.is_some()
    }

    /// Descend to member `name`; returns what `leave` restores.
    fn enter_member(&mut self, name: &str) -> usize {
        let len = self.pointer.len();
        if self.placing() {
            self.pointer.push('/');
            self.pointer.push_str(&super::escape_segment(name));
        }
        len
    }

    /// Descend to item `index`; returns what `leave` restores.
    fn enter_item(&mut self, index: usize) -> usize {
        let len = self.pointer.len();
        if self.placing() {
            use std::fmt::Write as _;
            let _ = write!(self.pointer, "/{index}");
        }
        len
    }

    fn leave(&mut self, len: usize) {
        self.pointer.truncate(len);
    }

    /// Move to the next line with content, skipping blank and comment lines; `None` at the end.
    fn next_content(&mut self) -> Option<usize> {
        while let Some(line) = self.lines.get(self.i) {
            if line.kind == LineKind::Content {
                return Some(self.i);
            }
            self.i += 1;
        }
        None
    }

    /// Line `i` from byte column `col` (all columns here follow ASCII spaces and `-`).
    fn rest(&self, i: usize, col: usize) -> &'a str {
        let line = self.lines[i];
        &self.text[line.start + col..line.end]
    }

    /// A block mapping whose keys start at column `n`; the current line's key starts there.
    fn mapping(&mut self, n: usize, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        // A record has a dozen or so fields; nested mappings have a few.
        let mut map = if depth == 0 { Map::with_capacity(16) } else { Map::new() };
        loop {
            let s = self.rest(self.i, n);
            let (key, after) = key(s)?;
            let saved = self.enter_member(key);
            let key_pos = self.placing().then(|| self.pos(self.i, n));
            let value = self.member_value(n, &s[after..], depth, key_pos)?;
            self.leave(saved);
            if map.insert(key.to_owned(), value).is_some() {
                return None; // a duplicate key
            }
            let Some(j) = self.next_content() else { break };
            let indent = self.lines[j].indent;
            if indent < n {
                break;
            }
            if indent > n || is_entry(self.rest(j, indent)) {
                return None;
            }
        }
        Some(Value::Object(map))
    }

    /// The value of a mapping member at column `n`, given what follows its key's `:`.
    fn member_value(&mut self, n: usize, after_colon: &'a str, depth: usize, key: Option<Pos>) -> Option<Value> {
        let v = after_colon.trim_start_matches(' ');
        if !(v.is_empty() || v.starts_with('#')) {
            return self.inline(n, v, key);
        }
        // Nothing on the key's line: a nested block, or null.
        self.i += 1;
        let Some(j) = self.next_content() else {
            self.unsure = true;
            return Some(Value::Null);
        };
        let indent = self.lines[j].indent;
        let first = self.rest(j, indent);
        if indent > n || (indent == n && is_entry(first)) {
            if self.placing() {
                // saphyr places a nested mapping at its first key, an indented sequence at its
                // first `-`, and a sequence at its parent's indentation at its first item.
                let at = if is_entry(first) && indent == n {
                    let item = first[1..].trim_start_matches(' ');
                    self.pos_of(j, item)
                } else {
                    self.pos(j, indent)
                };
                self.mark(key, at);
            }
            if is_entry(first) {
                self.sequence(indent, depth + 1)
            } else {
                self.mapping(indent, depth + 1)
            }
        } else {
            self.unsure = true;
            Some(Value::Null)
        }
    }

    /// A block sequence whose `-` entries sit at column `s`; the current line is an entry.
    fn sequence(&mut self, s: usize, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut items = Vec::new();
        loop {
            let after_dash = &self.rest(self.i, s)[1..];
            let item = after_dash.trim_start_matches(' ');
            // `-` alone (its node on the following lines) and nested `- -` are left to saphyr.
            if item.is_empty() || item.starts_with('#') || is_entry(item) {
                return None;
            }
            let col = s + 1 + (after_dash.len() - item.len());
            let saved = self.enter_item(items.len());
            let value = if key(item).is_some() {
                if self.placing() {
                    let at = self.pos(self.i, col);
                    self.mark(None, at);
                }
                self.mapping(col, depth + 1)?
            } else {
                self.inline(s, item, None)?
            };
            self.leave(saved);
            items.push(value);
            let Some(j) = self.next_content() else { break };
            let indent = self.lines[j].indent;
            if indent < s {
                break;
            }
            if indent > s {
                return None;
            }
            if !is_entry(self.rest(j, indent)) {
                break;
            }
        }
        Some(Value::Array(items))
    }

    /// A value that starts on the current line (`v`, not empty) in a node indented at `n`; moves
    /// past the lines it takes.
    fn inline(&mut self, n: usize, v: &'a str, key: Option<Pos>) -> Option<Value> {
        if self.placing() && !matches!(v.as_bytes()[0], b'>' | b'|') {
            let at = self.pos_of(self.i, v);
            self.mark(key, at);
        }
        let value = match v.as_bytes()[0] {
            b'>' | b'|' => return self.block_scalar(n, v, key),
            b'"' => {
                let (text, rest) = double_quoted(v)?;
                end_of_line(rest)?;
                Value::String(text.to_owned())
            }
            b'\'' => {
                let (text, rest) = single_quoted(v)?;
                end_of_line(rest)?;
                Value::String(text)
            }
            b'[' => {
                let value = flow_sequence(v)?;
                if self.placing() {
                    self.mark_flow_items(v);
                }
                value
            }
            b'{' | b']' | b'}' | b',' | b'#' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`' => return None,
            b'-' | b'?' | b':' if v.len() == 1 || v.as_bytes()[1] == b' ' => return None,
            _ => plain(v)?,
        };
        self.i += 1;
        Some(value)
    }

    /// A `|` or `>` block scalar whose header `header` is on the current line, in a node
    /// indented at `n`.
    fn block_scalar(&mut self, n: usize, header: &str, key: Option<Pos>) -> Option<Value> {
        let folded = header.starts_with('>');
        let mut rest = &header[1..];
        let strip = rest.starts_with('-');
        if strip {
            rest = &rest[1..];
        }
        // `+` chomping and indentation indicators are left to saphyr.
        end_of_line(rest)?;
        let first = *self.lines.get(self.i + 1)?;
        // Leading blank lines, and empty block scalars, are left to saphyr.
        if first.kind == LineKind::Blank || first.indent <= n {
            return None;
        }
        let m = first.indent;
        if self.placing() {
            // saphyr places a block scalar at its first line of content.
            let at = self.pos(self.i + 1, m);
            self.mark(key, at);
        }
        // Find the scalar's lines first, then (the value pass only: the positions pass keeps no
        // text) join them into a string allocated once at its final size.
        let mut last = self.i + 1;
        let mut j = last;
        while let Some(line) = self.lines.get(j) {
            if line.kind == LineKind::Blank {
                // Spaces that are content, and (saphyr keeps it as a line) a last line of
                // spaces without a newline, are left to saphyr.
                if line.indent > m || !line.newline {
                    return None;
                }
                j += 1;
                continue;
            }
            if line.indent < m {
                break;
            }
            if line.indent > m {
                return None;
            }
            last = j;
            j += 1;
        }
        if !strip && !self.lines[last].newline {
            return None;
        }
        let mut out = String::new();
        if self.values {
            out.reserve(self.lines[last].end - first.start + 1);
            let mut blanks = 0;
            for (k, line) in self.lines[self.i + 1..=last].iter().enumerate() {
                if line.kind == LineKind::Blank {
                    blanks += 1;
                    continue;
                }
                if k > 0 {
                    if folded && blanks == 0 {
                        out.push(' ');
                    } else {
                        let breaks = if folded { blanks } else { blanks + 1 };
                        out.extend(std::iter::repeat_n('\n', breaks));
                    }
                }
                out.push_str(&self.text[line.start + m..line.end]);
                blanks = 0;
            }
            if !strip {
                out.push('\n');
            }
        }
        self.i = last + 1;
        Some(Value::String(out))
    }
}

impl Reader<'_> {
    /// The items of the flow sequence `v` (already read): each at its first character.
    fn mark_flow_items(&mut self, v: &str) {
        let Some(close) = v.find(']') else { return };
        let inner = &v[1..close];
        if inner.trim_matches(' ').is_empty() {
            return;
        }
        for (index, item) in inner.split(',').enumerate() {
            let item = item.trim_start_matches(' ');
            let at = self.pos_of(self.i, item);
            let saved = self.enter_item(index);
            self.mark(None, at);
            self.leave(saved);
        }
    }
}

/// Only printable characters, `\n` and spaces: no tabs, carriage returns, controls, byte-order
/// marks or Unicode line separators, whose handling is saphyr's business.
fn printable(text: &str) -> bool {
    let bytes = text.as_bytes();
    // ASCII controls (but `\n`) and DEL, a block at a time: OR-ing byte flags (rather than
    // counting or stopping at the first) lets the compiler use wide vector compares.
    let control = |b: u8| (b < b' ' && b != b'\n') | (b == 0x7f);
    if bytes
        .chunks(64)
        .any(|block| block.iter().fold(false, |seen, &b| seen | control(b)))
    {
        return false;
    }
    // The text is UTF-8, so the characters refused beyond ASCII are found by their first bytes:
    // U+0080–U+00A0 (C2 80–A0), U+2028/U+2029 (E2 80 A8/A9), U+FEFF (EF BB BF) and U+FFFE/U+FFFF
    // (EF BF BE/BF). Surrogates cannot occur in a `str`.
    for at in memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes) {
        let next = |k: usize| bytes.get(at + k).copied().unwrap_or(0);
        let refused = match bytes[at] {
            0xC2 => (0x80..=0xA0).contains(&next(1)),
            0xE2 => next(1) == 0x80 && matches!(next(2), 0xA8 | 0xA9),
            _ => (next(1) == 0xBB && next(2) == 0xBF) || (next(1) == 0xBF && matches!(next(2), 0xBE | 0xBF)),
        };
        if refused {
            return false;
        }
    }
    true
}

fn split(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 32 + 1);
    let mut start = 0;
    let mut push = |start: usize, end: usize, newline: bool| {
        let indent = bytes[start..end].iter().take_while(|&&b| b == b' ').count();
        let kind = match bytes.get(start + indent) {
            _ if start + indent == end => LineKind::Blank,
            Some(b'#') => LineKind::Comment,
            _ => LineKind::Content,
        };
        lines.push(Line {
            start,
            end,
            indent,
            kind,
            newline,
        });
    };
    for end in memchr::memchr_iter(b'\n', bytes) {
        push(start, end, true);
        start = end + 1;
    }
    if start < bytes.len() {
        push(start, bytes.len(), false);
    }
    lines
}

/// A `-` entry of a block sequence.
fn is_entry(s: &str) -> bool {
    s == "-" || s.starts_with("- ")
}

/// `word:` at the start of `s`, then a space or the end of the line: the key and the offset just
/// past its colon. Words are `[A-Za-z_][A-Za-z0-9_-]*` and not a null or boolean.
fn key(s: &str) -> Option<(&str, usize)> {
    let b = s.as_bytes();
    if !(b.first()?.is_ascii_alphabetic() || b[0] == b'_') {
        return None;
    }
    let len = b
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_' || c == b'-'))?;
    // YAML limits implicit keys to 1024 characters, and saphyr enforces it; records' keys are
    // short, so longer words are left to saphyr.
    if len > MAX_KEY || b[len] != b':' || !(len + 1 == b.len() || b[len + 1] == b' ') {
        return None;
    }
    let word = &s[..len];
    if matches!(
        word,
        "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    ) {
        return None;
    }
    Some((word, len + 1))
}

/// What may follow a value on its line: spaces, then perhaps a comment.
fn end_of_line(rest: &str) -> Option<()> {
    let trimmed = rest.trim_start_matches(' ');
    (trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())).then_some(())
}

/// A plain scalar running to the end of its line (or to a comment), resolved by the YAML 1.2
/// core schema exactly as the saphyr path resolves it.
fn plain(v: &str) -> Option<Value> {
    let b = v.as_bytes();
    let mut end = b.len();
    for i in memchr::memchr2_iter(b':', b'#', b) {
        if b[i] == b'#' {
            if b[i - 1] == b' ' {
                end = i; // a comment
                break;
            }
        } else if b.get(i + 1).is_none_or(|&c| c == b' ') {
            return None; // `: ` would make it a mapping: saphyr's to word
        }
    }
    resolve(v[..end].trim_end_matches(' '))
}

fn resolve(v: &str) -> Option<Value> {
    super::scalar(Cow::Borrowed(v), ScalarStyle::Plain, None, Pos::default()).ok()
}

/// `"text"` without escapes: the text and what follows the closing quote.
fn double_quoted(v: &str) -> Option<(&str, &str)> {
    let body = &v[1..];
    let end = body.find(['"', '\\'])?;
    (body.as_bytes()[end] == b'"').then(|| (&body[..end], &body[end + 1..]))
}

/// `'text'` on one line, `''` standing for `'`: the text and what follows the closing quote.
fn single_quoted(v: &str) -> Option<(String, &str)> {
    let mut rest = &v[1..];
    let mut out = String::new();
    loop {
        let q = rest.find('\'')?;
        out.push_str(&rest[..q]);
        if rest[q + 1..].starts_with('\'') {
            out.push('\'');
            rest = &rest[q + 2..];
        } else {
            return Some((out, &rest[q + 1..]));
        }
    }
}

/// `[a, b, c]` on one line, of plain words only.
fn flow_sequence(v: &str) -> Option<Value> {
    let close = v.find(']')?;
    end_of_line(&v[close + 1..])?;
    let inner = &v[1..close];
    let special = |b: u8| {
        matches!(
            b,
            b'[' | b'{'
                | b'}'
                | b'"'
                | b'\''
                | b'#'
                | b':'
                | b'&'
                | b'*'
                | b'!'
                | b'?'
                | b'|'
                | b'>'
                | b'%'
                | b'@'
                | b'`'
        )
    };
    if inner.bytes().any(special) {
        return None;
    }
    if inner.trim_matches(' ').is_empty() {
        return Some(Value::Array(Vec::new()));
    }
    inner
        .split(',')
        .map(|item| {
            let item = item.trim_matches(' ');
            // saphyr refuses some `-` in flow scalars that YAML allows (`[a -, b]`); take
            // only those followed by a letter or digit, as in ids and dates.
            let dash_ok = |(i, _): (usize, _)| item.as_bytes().get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
            if item.is_empty() || !item.match_indices('-').all(dash_ok) {
                None
            } else {
                resolve(item)
            }
        })
        .collect::<Option<Vec<_>>>()
        .map(Value::Array)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn printable_refuses_exactly_the_characters_it_did_by_decoding() {
        let old = |t: &str| {
            t.chars().all(|c| {
                matches!(c, '\n' | ' '..='~' | '\u{A1}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
                    && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
            })
        };
        // Every character of the first planes, and those around the edges higher up.
        let edges = (0u32..0x3_0000).chain(0xE_0000..0xE_0100).chain(0x10_FF00..=0x10_FFFF);
        for c in edges.filter_map(char::from_u32) {
            for t in [c.to_string(), format!("a{c}b\n"), format!("é{c}")] {
                assert_eq!(printable(&t), old(&t), "{:?} (U+{:04X})", t, c as u32);
            }
        }
    }

    #[test]
    fn positions_are_saphyrs_and_a_null_leaves_them_to_saphyr() {
        let text = "# c\nid: X # the id\ntitle: >-\n  a\n  b\nowner:\n  org: 'B'\nrelated: [P1,  P2]\nlist:\n- a\n- k: v\n  j: w\nitems:\n  - x\n";
        assert_eq!(spans(text).unwrap(), super::super::parse(text).unwrap().spans);
        let text = "title: Ünïcödé — [x]\nnext: [é, b]\n";
        assert_eq!(spans(text).unwrap(), super::super::parse(text).unwrap().spans);
        assert!(spans("id: X\nempty:\n").is_none());
        assert!(spans("id: X\nempty:\nnext: 1\n").is_none());
    }

    fn both(text: &str) -> Option<Value> {
        let fast = parse(text);
        if let Some(v) = &fast {
            let slow = super::super::parse(text).map(|p| p.value);
            assert_eq!(Ok(v), slow.as_ref(), "fast path disagrees with saphyr on {text:?}");
        }
        fast
    }

    const RECORD: &str = r#"# yaml-language-server: $schema=../../schemas/action.schema.json
id: CCAG26-01 # the id
title: 'It''s a title: with a colon'
start: "10:00"
owner:
  org: BSC
  person: Lawrence Jones
# a comment
related: [P466, CR036]
none: []
empty:
minutes: 15
updates:
  - date: 2024-02-21
    text: >-
      one
      two

      three
  - date: 2024-01-01
    text: |
      a
      b
"#;

    #[test]
    fn reads_the_record_layout() {
        let v = both(RECORD).expect("in the fast subset");
        assert_eq!(v["id"], "CCAG26-01");
        assert_eq!(v["title"], "It's a title: with a colon");
        assert_eq!(v["start"], "10:00");
        assert_eq!(v["owner"], json!({"org": "BSC", "person": "Lawrence Jones"}));
        assert_eq!(v["related"], json!(["P466", "CR036"]));
        assert_eq!(v["none"], json!([]));
        assert!(v["empty"].is_null());
        assert_eq!(v["minutes"], 15);
        assert_eq!(v["updates"][0]["text"], "one two\nthree");
        assert_eq!(v["updates"][1]["text"], "a\nb\n");
        // A sequence may also sit at its key's indentation.
        let flush = RECORD
            .replace("\n  - date", "\n- date")
            .replace("\n    text", "\n  text")
            .replace("\n      ", "\n    ");
        assert_eq!(both(&flush), Some(v));
        // Entries at different indentations are an error: saphyr's to report.
        assert_eq!(
            both(&RECORD.replace("  - date: 2024-01-01", "   - date: 2024-01-01")),
            None
        );
    }

    #[test]
    fn leaves_everything_else_to_saphyr() {
        for text in [
            "",
            "# only a comment\n",
            "- a\n- b\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: {b: 1}\n",
            "a: b\n  c\n",
            "a: \"b\n  c\"\n",
            "a: \"\\t\"\n",
            "a:\tb\n",
            "a: b\r\n",
            "a: 1\na: 2\n",
            "\"a\": 1\n",
            "a b: 1\n",
            "a: >2\n   x\n",
            "a: |+\n  x\n",
            "a: >\n  x\n    y\n",
            "a: >\n\n  x\n",
            "a: b: c\n",
            "a:\n  - x\n  -\n    y\n",
            "  a: 1\n",
            "a: 1\n---\nb: 2\n",
            "a: \u{85}\n",
            "null: 1\n",
        ] {
            assert_eq!(both(text), None, "{text:?}");
        }
    }

    #[test]
    fn long_keys_are_left_to_saphyr() {
        // Found by review: saphyr refuses implicit keys over 1024 characters, as YAML says.
        for n in [257, 1024, 1025, 2000] {
            let k = "k".repeat(n);
            for text in [
                format!("{k}: 1\n"),
                format!("a: 1\n{k}: 1\n"),
                format!("a:\n  {k}: 1\n"),
                format!("a:\n- {k}: 1\n"),
                format!("a:\n- b: 1\n  {k}: 1\n"),
            ] {
                assert_eq!(both(&text), None, "a key of {n} characters");
            }
        }
        let k = "k".repeat(256);
        assert!(both(&format!("{k}: 1\n")).is_some());
    }

    #[test]
    fn scalars_resolve_as_yaml_1_2() {
        let v = both("a: no\nb: 010\nc: ~\nd: true\ne: 1.5\nf: 2024-02-30\ng: -1\n").unwrap();
        assert_eq!(
            v,
            json!({"a": "no", "b": 10, "c": null, "d": true, "e": 1.5, "f": "2024-02-30", "g": -1})
        );
    }

    #[test]
    fn block_scalars_chomp_and_fold() {
        let v = both("a: >\n  x\n  y\n\n\nb: |-\n  x\n\n  y\nc: >-\n  x\n\n\n  y\n").unwrap();
        assert_eq!(v, json!({"a": "x y\n", "b": "x\n\ny", "c": "x\n\ny"}));
        assert_eq!(both("a: |\n  x"), None, "clip at the end of a file without a newline");
        assert_eq!(both("a: |-\n  x").unwrap(), json!({"a": "x"}));
    }
}
