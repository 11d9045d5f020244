//! JSON that streams: a listing as an array of its rows, and objects whose members are rows
//! (the report), pretty-printed exactly as serde_json prints the whole value at once. Rows are
//! rendered in parallel, a batch at a time, and written in order.

use std::io::Write;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::{Exporter, Listing, Row};

/// Rows rendered at once: enough to keep both cores busy, few enough to hold little.
const BATCH: usize = 256;

pub struct Json;

impl Exporter for Json {
    fn export(&self, listing: &Listing<'_>, out: &mut dyn Write) -> Result<()> {
        let rows: Vec<&dyn Row> = listing.rows().collect();
        write_rows(&rows, 0, out)?;
        out.write_all(b"\n")?;
        Ok(())
    }
}

/// A value as pretty JSON bytes.
pub fn pretty_bytes(value: &impl Serialize) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec_pretty(value)
}

/// A member of an object written by `write_object`.
pub enum Member<'a> {
    /// A value already rendered as pretty JSON.
    Json(Vec<u8>),
    /// An array of rows, rendered as it is written.
    Rows(Vec<&'a dyn Row>),
}

/// `{ "key": value, … }` with a trailing newline, pretty-printed as serde_json would.
pub fn write_object(out: &mut dyn Write, members: Vec<(&str, Member<'_>)>) -> Result<()> {
    if members.is_empty() {
        out.write_all(b"{}\n")?;
        return Ok(());
    }
    out.write_all(b"{")?;
    let last = members.len() - 1;
    for (i, (key, member)) in members.into_iter().enumerate() {
        out.write_all(b"\n  ")?;
        serde_json::to_writer(&mut *out, key)?;
        out.write_all(b": ")?;
        match member {
            Member::Json(bytes) => write_indented(&bytes, 1, out)?,
            Member::Rows(rows) => write_rows(&rows, 1, out)?,
        }
        if i < last {
            out.write_all(b",")?;
        }
    }
    out.write_all(b"\n}\n")?;
    Ok(())
}

/// An array of rows at nesting `depth`: `[`, each row on its own lines one level in, `]`.
pub fn write_rows(rows: &[&dyn Row], depth: usize, out: &mut dyn Write) -> Result<()> {
    if rows.is_empty() {
        out.write_all(b"[]")?;
        return Ok(());
    }
    out.write_all(b"[")?;
    let mut first = true;
    for batch in rows.chunks(BATCH) {
        let rendered: Vec<Vec<u8>> = batch
            .par_iter()
            .map(|row| {
                let mut buf = Vec::with_capacity(2048);
                row.write_json(&mut buf).map(|()| buf)
            })
            .collect::<serde_json::Result<_>>()?;
        for bytes in rendered {
            out.write_all(if first { b"\n" } else { b",\n" })?;
            first = false;
            pad(depth + 1, out)?;
            write_indented(&bytes, depth + 1, out)?;
        }
    }
    out.write_all(b"\n")?;
    pad(depth, out)?;
    out.write_all(b"]")?;
    Ok(())
}

/// `bytes` (pretty JSON) nested `depth` levels in: every line after the first indented by two
/// spaces a level (JSON strings hold no raw newlines, so every newline is the printer's).
fn write_indented(bytes: &[u8], depth: usize, out: &mut dyn Write) -> Result<()> {
    let mut rest = bytes;
    while let Some(at) = memchr::memchr(b'\n', rest) {
        out.write_all(&rest[..=at])?;
        pad(depth, out)?;
        rest = &rest[at + 1..];
    }
    out.write_all(rest)?;
    Ok(())
}

fn pad(depth: usize, out: &mut dyn Write) -> Result<()> {
    const SPACES: &[u8] = b"                                ";
    let mut n = depth * 2;
    while n > 0 {
        let k = n.min(SPACES.len());
        out.write_all(&SPACES[..k])?;
        n -= k;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::PlainRow;
    use serde_json::json;

    #[test]
    fn streamed_objects_print_as_serde_json_prints_the_whole() {
        let rows = [
            PlainRow {
                cells: Vec::new(),
                json: json!({"id": "A", "nested": {"list": [1, 2], "empty": [], "text": "line\nbreak"}}),
            },
            PlainRow {
                cells: Vec::new(),
                json: json!({"id": "B", "updates": [{"date": "2024-01-01", "text": "x"}]}),
            },
        ];
        let refs: Vec<&dyn Row> = rows.iter().map(|r| r as &dyn Row).collect();
        let mut out = Vec::new();
        write_object(
            &mut out,
            vec![
                ("meeting", Member::Json(pretty_bytes(&json!("CCAG2")).unwrap())),
                ("headline", Member::Json(pretty_bytes(&json!({"a": {"b": 1}})).unwrap())),
                ("actions", Member::Rows(refs.clone())),
                ("none", Member::Rows(Vec::new())),
                ("trends", Member::Json(pretty_bytes(&json!(null)).unwrap())),
            ],
        )
        .unwrap();
        let whole = json!({
            "meeting": "CCAG2",
            "headline": {"a": {"b": 1}},
            "actions": [rows[0].json, rows[1].json],
            "none": [],
            "trends": null,
        });
        let mut expected = serde_json::to_string_pretty(&whole).unwrap();
        expected.push('\n');
        assert_eq!(String::from_utf8(out).unwrap(), expected);

        let mut listing = Vec::new();
        write_rows(&refs, 0, &mut listing).unwrap();
        assert_eq!(
            String::from_utf8(listing).unwrap(),
            serde_json::to_string_pretty(&json!([rows[0].json, rows[1].json])).unwrap()
        );
    }
}
