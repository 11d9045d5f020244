//! The output layer: listings and documents, written to any `io::Write` by one exporter per
//! format. A listing is columns and rows; a row gives its cells and its JSON form on demand, so
//! an exporter streams (a 100,000-row listing is never held as one string).

mod ci;
pub mod csv;
mod document;
pub mod findings;
pub mod json;
pub mod layout;
mod markdown;
mod table;
pub mod visible;

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

pub use document::{Block, Document};

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

/// One row of a listing: its cells for the text formats, its JSON form for `json`.
pub trait Row: Sync {
    fn cells(&self) -> Vec<Cell>;
    /// The row as pretty JSON (one value, no trailing newline).
    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()>;
}

impl<T: Row + ?Sized> Row for Box<T> {
    fn cells(&self) -> Vec<Cell> {
        (**self).cells()
    }
    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        (**self).write_json(out)
    }
}

impl<T: Row + ?Sized> Row for &T {
    fn cells(&self) -> Vec<Cell> {
        (**self).cells()
    }
    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        (**self).write_json(out)
    }
}

/// Write `value` as pretty JSON into `out`: the `Row::write_json` of any serializable row.
pub fn pretty(value: &impl Serialize, out: &mut Vec<u8>) -> serde_json::Result<()> {
    serde_json::to_writer_pretty(out, value)
}

/// A row that is only cells and a JSON value (trends, changes, agenda items).
pub struct PlainRow<J: Serialize + Sync> {
    pub cells: Vec<Cell>,
    pub json: J,
}

impl<J: Serialize + Sync> Row for PlainRow<J> {
    fn cells(&self) -> Vec<Cell> {
        self.cells.clone()
    }
    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        pretty(&self.json, out)
    }
}

/// Every row's cells, in order, a batch at a time computed on all cores (a row of a slim record
/// reads its file to give them).
/// Cells with their text made safe for a terminal (`visible::terminal`).
pub fn visible_cells(mut cells: Vec<Cell>) -> Vec<Cell> {
    for cell in &mut cells {
        if let std::borrow::Cow::Owned(text) = visible::terminal(&cell.text) {
            cell.text = text;
        }
    }
    cells
}

pub fn each_cells(rows: &[Box<dyn Row + '_>], mut f: impl FnMut(usize, Vec<Cell>) -> Result<()>) -> Result<()> {
    use rayon::prelude::*;
    const BATCH: usize = 256;
    for (n, batch) in rows.chunks(BATCH).enumerate() {
        let cells: Vec<Vec<Cell>> = batch.par_iter().map(|r| r.cells()).collect();
        for (i, c) in cells.into_iter().enumerate() {
            f(n * BATCH + i, c)?;
        }
    }
    Ok(())
}

/// Rows under an optional heading (crs are grouped by code body).
#[derive(Default)]
pub struct Group<'a> {
    pub heading: Option<String>,
    pub rows: Vec<Box<dyn Row + 'a>>,
}

/// A table of records: what every listing renders, in every format.
#[derive(Default)]
pub struct Listing<'a> {
    pub columns: Vec<&'static str>,
    pub groups: Vec<Group<'a>>,
    /// The column name CSV gives the group heading (CSV has no headings, so it becomes a column).
    pub group_column: Option<&'static str>,
    /// How each column fits a terminal's width (missing ones: wrapped text, always shown).
    pub fits: Vec<layout::ColumnFit>,
}

impl<'a> Listing<'a> {
    pub fn new(columns: Vec<&'static str>) -> Listing<'a> {
        Listing {
            columns,
            ..Listing::default()
        }
    }

    /// One untitled group of rows.
    pub fn with_rows(columns: Vec<&'static str>, rows: Vec<Box<dyn Row + 'a>>) -> Listing<'a> {
        let mut listing = Listing::new(columns);
        listing.groups.push(Group { heading: None, rows });
        listing
    }

    /// With how each column fits a terminal's width.
    pub fn fit(mut self, fits: Vec<layout::ColumnFit>) -> Listing<'a> {
        self.fits = fits;
        self
    }

    pub fn row_count(&self) -> usize {
        self.groups.iter().map(|g| g.rows.len()).sum()
    }

    pub fn rows(&self) -> impl Iterator<Item = &(dyn Row + 'a)> {
        self.groups.iter().flat_map(|g| g.rows.iter().map(|r| r.as_ref()))
    }
}

/// How a listing is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListingFormat {
    Table,
    Markdown,
    Csv,
    Json,
}

/// How a document (agenda, report) is written as text; its JSON is its value's serialization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    Table,
    Markdown,
}

/// Where output goes, and how wide and colourful it may be.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub palette: Palette,
    /// The width a table must fit, in columns; `None`: as wide as its content (piped output
    /// without `COLUMNS`), nothing wrapped.
    pub width: Option<u16>,
    /// Whether it is a terminal: machine formats (CSV) then show control characters escaped
    /// too, as the formats for people always do.
    pub terminal: bool,
}

/// Writes a listing in one format.
pub trait Exporter {
    fn export(&self, listing: &Listing<'_>, out: &mut dyn Write) -> Result<()>;
}

/// The exporter for `format`.
pub fn exporter(format: ListingFormat, target: Target) -> Box<dyn Exporter> {
    match format {
        ListingFormat::Table => Box::new(table::Table { target }),
        ListingFormat::Markdown => Box::new(markdown::Markdown),
        ListingFormat::Csv => Box::new(csv::Csv {
            terminal: target.terminal,
        }),
        ListingFormat::Json => Box::new(json::Json),
    }
}

/// The findings reporter for `format` (`findings` has text, JSON and GitHub annotations; `ci`
/// SARIF and JUnit).
pub fn reporter(
    format: findings::FindingFormat,
    palette: Palette,
    paths: findings::Paths,
) -> Box<dyn findings::Reporter> {
    use findings::FindingFormat;
    match format {
        FindingFormat::Text => Box::new(findings::Text { palette, paths }),
        FindingFormat::Json => Box::new(findings::Json { paths }),
        FindingFormat::Github => Box::new(findings::Github { paths }),
        FindingFormat::Sarif => Box::new(ci::Sarif { root: paths.root }),
        FindingFormat::Junit => Box::new(ci::Junit {
            root: paths.root,
            files: paths.files,
        }),
    }
}

/// Write a listing in `format`.
pub fn listing(listing: &Listing<'_>, format: ListingFormat, target: Target, out: &mut dyn Write) -> Result<()> {
    exporter(format, target).export(listing, out)
}

/// Write a document as text for a terminal or as markdown.
pub fn document(doc: &Document<'_>, format: DocumentFormat, target: Target, out: &mut dyn Write) -> Result<()> {
    document::render(doc, format, target, out)
}

/// Pretty JSON with a trailing newline, streamed to `out`.
pub fn json(value: &impl Serialize, out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}
