//! A listing as a JSON array of its rows, streamed row by row (the same bytes as pretty-printing
//! the whole array at once).

use std::io::Write;

use anyhow::Result;

use super::{Exporter, Listing};

pub struct Json;

impl Exporter for Json {
    fn export(&self, listing: &Listing<'_>, out: &mut dyn Write) -> Result<()> {
        let mut first = true;
        let mut buf = Vec::with_capacity(4096);
        for row in listing.rows() {
            buf.clear();
            row.write_json(&mut buf)?;
            out.write_all(if first { b"[\n  " } else { b",\n  " })?;
            first = false;
            // Nested one level: every line of the row's own pretty form, indented by two spaces
            // (JSON strings hold no raw newlines, so every newline is the printer's).
            let mut rest = buf.as_slice();
            while let Some(at) = memchr::memchr(b'\n', rest) {
                out.write_all(&rest[..=at])?;
                out.write_all(b"  ")?;
                rest = &rest[at + 1..];
            }
            out.write_all(rest)?;
        }
        out.write_all(if first { b"[]\n" } else { b"\n]\n" })?;
        Ok(())
    }
}
