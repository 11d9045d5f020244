//! Lines of a record file, and where a scalar value starts and ends in them.
//!
//! saphyr gives reliable start positions only; ends are found here from the scalar's style.

use super::{EditError, err};
use crate::store::yaml::Pos;

/// A file as lines (without their endings), remembering the ending style.
pub struct Lines {
    lines: Vec<String>,
    eol: &'static str,
    final_newline: bool,
}

/// Where a scalar sits: from a byte in one line to a byte in another (exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub start_line: usize,
    pub start_byte: usize,
    pub end_line: usize,
    pub end_byte: usize,
    /// A comment on a block scalar's header line (`>-  # note`), kept with the new value.
    pub header_comment: Option<String>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let final_newline = text.ends_with('\n');
        let body = text.strip_suffix(eol).unwrap_or(text);
        let lines = if body.is_empty() && text.is_empty() {
            Vec::new()
        } else {
            body.split(eol).map(str::to_string).collect()
        };
        Lines {
            lines,
            eol,
            final_newline,
        }
    }

    pub fn join(&self) -> String {
        let mut out = self.lines.join(self.eol);
        if self.final_newline || !self.lines.is_empty() {
            out.push_str(self.eol);
        }
        out
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn get(&self, i: usize) -> &str {
        self.lines.get(i).map(String::as_str).unwrap_or_default()
    }

    /// Insert `text` (which may hold several lines) before line `at`.
    pub fn insert(&mut self, at: usize, text: String) {
        let at = at.min(self.lines.len());
        for (n, line) in text.split('\n').enumerate() {
            self.lines.insert(at + n, line.to_string());
        }
    }

    pub fn remove_range(&mut self, first: usize, last: usize) {
        self.lines.drain(first..=last.min(self.lines.len() - 1));
    }

    /// The last non-blank line.
    pub fn content_end(&self) -> usize {
        self.lines.iter().rposition(|l| !l.trim().is_empty()).unwrap_or(0)
    }

    /// The last line of the block that starts with a key at `key_line`, indented `key_indent`:
    /// every following line that is more indented (or a compact `- ` item at the same indent),
    /// without trailing blank lines or comments that belong to what follows.
    pub fn block_end(&self, key_line: usize, key_indent: usize) -> usize {
        let mut last = key_line;
        let mut i = key_line + 1;
        while i < self.lines.len() {
            let line = &self.lines[i];
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            // Blank lines, and comments no deeper than the key, may belong to what follows.
            if trimmed.is_empty() || (trimmed.starts_with('#') && indent <= key_indent) {
                i += 1;
                continue;
            }
            // Deeper lines belong to the block, `#` lines too: in a block scalar they are text.
            if indent > key_indent || (indent == key_indent && (trimmed.starts_with("- ") || trimmed == "-")) {
                last = i;
                i += 1;
                continue;
            }
            break;
        }
        last
    }

    /// Replace the scalar at `region` with `emitted` (which may be a multi-line block scalar).
    pub fn replace_region(&mut self, region: &Region, emitted: &str) {
        let prefix = self.lines[region.start_line][..region.start_byte].to_string();
        let suffix = self.lines[region.end_line][region.end_byte..].to_string();
        let comment = match (&region.header_comment, suffix.trim()) {
            (Some(c), _) => format!("  {c}"),
            (None, "") => String::new(),
            (None, _) => suffix.clone(),
        };
        let mut new_lines: Vec<String> = emitted.split('\n').map(str::to_string).collect();
        new_lines[0] = format!("{prefix}{}{comment}", new_lines[0]);
        self.lines.splice(region.start_line..=region.end_line, new_lines);
    }
}

fn byte_at_col(line: &str, col: u32) -> usize {
    line.char_indices()
        .nth((col - 1) as usize)
        .map(|(b, _)| b)
        .unwrap_or(line.len())
}

/// Where a comment starts in `line` (a `#` at the start or after whitespace), ignoring quotes.
pub fn comment_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b'#' && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t'))
}

/// saphyr places a block scalar at its first content line; the edit must start at its `|`/`>`
/// header on the key's line. Returns that header's position when the value is a block scalar.
pub fn block_header(lines: &Lines, key: Pos, name: &str) -> Option<Pos> {
    let line = lines.get((key.line - 1) as usize);
    let key_byte = byte_at_col(line, key.col);
    let after_key = line.get(key_byte + name.len()..)?;
    let after_colon = after_key.strip_prefix(':')?;
    let value = after_colon.trim_start();
    if !(value.starts_with('|') || value.starts_with('>')) {
        return None;
    }
    let byte = line.len() - value.len();
    Some(Pos {
        line: key.line,
        col: line[..byte].chars().count() as u32 + 1,
    })
}

/// Find the scalar that starts at `at`, whose key is indented `key_indent` columns.
pub fn scalar_region(lines: &Lines, at: Pos, key_indent: usize) -> Result<Region, EditError> {
    let start_line = (at.line - 1) as usize;
    let line = lines.get(start_line);
    let start_byte = byte_at_col(line, at.col);
    let rest = &line[start_byte..];
    match rest.chars().next() {
        Some('|') | Some('>') => {
            let header_comment = comment_start(rest).map(|c| rest[c..].to_string());
            let end_line = lines.block_end(start_line, key_indent);
            Ok(Region {
                start_line,
                start_byte,
                end_line,
                end_byte: lines.get(end_line).len(),
                header_comment,
            })
        }
        Some(q @ ('\'' | '"')) => {
            let (end_line, end_byte) = closing_quote(lines, start_line, start_byte, q)?;
            Ok(Region {
                start_line,
                start_byte,
                end_line,
                end_byte,
                header_comment: None,
            })
        }
        _ => {
            let end_byte = plain_end(line, start_byte);
            // A plain scalar may continue on more-indented lines (not comments).
            let mut end_line = start_line;
            let mut end = end_byte;
            let mut i = start_line + 1;
            while i < lines.len() {
                let next = lines.get(i);
                let trimmed = next.trim_start();
                let indent = next.len() - trimmed.len();
                if trimmed.is_empty() {
                    i += 1;
                    continue;
                }
                if trimmed.starts_with('#') || indent <= key_indent {
                    break;
                }
                end_line = i;
                end = plain_end(next, indent);
                i += 1;
            }
            Ok(Region {
                start_line,
                start_byte,
                end_line,
                end_byte: end,
                header_comment: None,
            })
        }
    }
}

fn plain_end(line: &str, from: usize) -> usize {
    let end = comment_start(&line[from..]).map(|c| from + c).unwrap_or(line.len());
    from + line[from..end].trim_end().len()
}

fn closing_quote(lines: &Lines, line: usize, start: usize, quote: char) -> Result<(usize, usize), EditError> {
    let mut i = line;
    let mut from = start + 1;
    while i < lines.len() {
        let text = lines.get(i);
        let bytes = text.as_bytes();
        let mut b = from;
        while b < bytes.len() {
            let c = bytes[b];
            if quote == '"' && c == b'\\' {
                b += 2;
                continue;
            }
            if c == quote as u8 {
                if quote == '\'' && bytes.get(b + 1) == Some(&b'\'') {
                    b += 2;
                    continue;
                }
                return Ok((i, b + 1));
            }
            b += 1;
        }
        i += 1;
        from = 0;
    }
    err("a quoted value has no closing quote")
}
