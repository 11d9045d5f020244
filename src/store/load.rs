//! Load one record file: bytes → UTF-8 → one YAML document with positions.

use std::path::Path;

use std::io::Read;

use serde_json::Value;

use super::yaml::{self, Pos, YamlError};

/// Record files larger than this are refused unread: no record needs it, and it bounds the work.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A loaded file: its text and parsed value (positions are computed from the text on demand).
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    pub value: Value,
}

/// Why a file did not load, and where.
pub type LoadError = YamlError;

pub fn load_file(path: &Path) -> Result<Document, LoadError> {
    let text = read_text(path)?;
    let value = yaml::parse_value(&text)?;
    Ok(Document { text, value })
}

/// The finding for a file (or a blob in history) over the size limit.
pub fn too_large(size: u64) -> LoadError {
    LoadError {
        pos: Pos { line: 1, col: 1 },
        rule: "file-too-large",
        message: format!("file is {size} bytes; record files are limited to {MAX_FILE_BYTES}"),
        hint: None,
    }
}

/// A record file's text, with the loader's limits: at most `MAX_FILE_BYTES`, UTF-8.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let at_start = Pos { line: 1, col: 1 };
    let io = |e: std::io::Error| LoadError {
        pos: at_start,
        rule: "io",
        message: format!("cannot read: {e}"),
        hint: None,
    };
    // One open and read, capped: a file larger than the cap is refused without reading it all.
    // The read goes into a buffer this thread keeps, large enough that a record file takes one
    // read and the read that finds its end (a fresh small buffer costs a probe and a regrowth
    // per file), and the text is then copied out at its exact size.
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(Vec::with_capacity(64 << 10));
    }
    let bytes = BUFFER.with_borrow_mut(|buf| {
        buf.clear();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(buf))
            .map(|_| buf.as_slice().to_vec())
    });
    let bytes = bytes.map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(bytes.len() as u64);
        return Err(too_large(size));
    }
    text_of(bytes)
}

/// Bytes as a record file's text: UTF-8, or the `encoding` finding at the first bad byte.
pub fn text_of(bytes: Vec<u8>) -> Result<String, LoadError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() as u32 + 1;
        let col = valid.rsplit('\n').next().unwrap_or_default().chars().count() as u32 + 1;
        LoadError {
            pos: Pos { line, col },
            rule: "encoding",
            message: "file is not valid UTF-8".into(),
            hint: Some("save the file as UTF-8".into()),
        }
    })
}
