//! Load one record file: bytes → UTF-8 → one YAML document with positions.

use std::path::Path;

use super::yaml::{self, Parsed, Pos, YamlError};

/// Record files larger than this are refused unread: no record needs it, and it bounds the work.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A loaded file: its text and parsed document.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    pub parsed: Parsed,
}

/// Why a file did not load, and where.
pub type LoadError = YamlError;

pub fn load_file(path: &Path) -> Result<Document, LoadError> {
    let at_start = Pos { line: 1, col: 1 };
    let io = |e: std::io::Error| LoadError {
        pos: at_start,
        rule: "io",
        message: format!("cannot read: {e}"),
        hint: None,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError {
            pos: at_start,
            rule: "file-too-large",
            message: format!("file is {size} bytes; record files are limited to {MAX_FILE_BYTES}"),
            hint: None,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let text = String::from_utf8(bytes).map_err(|e| {
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
    })?;
    let parsed = yaml::parse(&text)?;
    Ok(Document { text, parsed })
}
