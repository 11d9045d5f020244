//! Output formats, one file each, shared by every listing: a listing is columns and rows
//! (plus its records as JSON); a document is headings, paragraphs and listings.

mod csv;
mod document;
mod markdown;
mod table;

pub use document::{Block, Document};

/// One untitled group of rows.
pub fn render_group(rows: Vec<Vec<Cell>>) -> Group {
    Group { heading: None, rows }
}

use anyhow::Result;
use serde_json::Value;

use crate::color::Palette;

/// How a cell should stand out when colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Plain,
    Red,
    Amber,
    Green,
    Dim,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            tone: Tone::Plain,
        }
    }

    pub fn tone(mut self, tone: Tone) -> Cell {
        self.tone = tone;
        self
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::new(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::new(text)
    }
}

/// Rows under an optional heading (crs are grouped by code body).
#[derive(Debug, Clone, Default)]
pub struct Group {
    pub heading: Option<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A table of records: what every listing renders, in every format.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub columns: Vec<&'static str>,
    pub groups: Vec<Group>,
    /// The column name CSV gives the group heading (CSV has no headings, so it becomes a column).
    pub group_column: Option<&'static str>,
    /// The records themselves, with computed fields, for `--format json`.
    pub json: Vec<Value>,
}

impl Listing {
    pub fn new(columns: Vec<&'static str>) -> Listing {
        Listing {
            columns,
            ..Listing::default()
        }
    }

    pub fn row_count(&self) -> usize {
        self.groups.iter().map(|g| g.rows.len()).sum()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table that fits the terminal
    Table,
    /// GitHub-flavoured markdown tables
    Markdown,
    /// RFC 4180 CSV with a header row
    Csv,
    /// The records as a JSON array, with computed fields
    Json,
}

/// Where output goes, and how wide and colourful it may be.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub palette: Palette,
    /// Table width in columns; `None` asks the terminal.
    pub width: Option<u16>,
}

/// Render a listing in `format`.
pub fn listing(listing: &Listing, format: Format, target: Target) -> Result<String> {
    Ok(match format {
        Format::Table => table::render(listing, target),
        Format::Markdown => markdown::render(listing),
        Format::Csv => csv::render(listing)?,
        Format::Json => json(&Value::Array(listing.json.clone()))?,
    })
}

/// Render a document as text for a terminal or as markdown.
pub fn document(doc: &Document, format: Format, target: Target) -> Result<String> {
    document::render(doc, format, target)
}

/// Pretty JSON with a trailing newline.
pub fn json(value: &Value) -> Result<String> {
    let mut s = serde_json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}
