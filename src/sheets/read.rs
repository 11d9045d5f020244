//! Reading a workbook (calamine: xlsx, xlsm, xls, ods) or a CSV file into grids of cells, each
//! cell knowing where it is (`Actions!E7`) so a finding can name it.

use std::path::Path;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use super::xlsx::column_letters;

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum CellIn {
    Blank,
    Text(String),
    /// A date cell (either epoch), or a date-and-time cell's day.
    Date(NaiveDate),
    Number(f64),
    /// A cell holding a spreadsheet error (`#REF!`), or a date out of range.
    Bad(String),
}

/// One sheet: its name, and its rows from the first used one (the header), each cell with its
/// absolute position.
#[derive(Debug, Clone)]
pub struct Grid {
    pub sheet: String,
    /// The first row's number (1-based) and the first column's index, as the sheet counts.
    pub origin: (u32, u32),
    pub rows: Vec<Vec<CellIn>>,
    /// Hidden in the workbook (the `Lists` sheet `export` writes).
    pub hidden: bool,
}

impl Grid {
    /// `E7`: where row `r`, column `c` of this grid sits in its sheet.
    pub fn at(&self, r: usize, c: usize) -> String {
        format!(
            "{}{}",
            column_letters(self.origin.1 as usize + c),
            self.origin.0 as usize + r
        )
    }
}

/// Every sheet of the workbook or CSV file at `path` (named `shown` in messages).
pub fn read(path: &Path, shown: &str) -> Result<Vec<Grid>> {
    if !path.is_file() {
        bail!("`{shown}` does not exist (or is not a file)");
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv") => read_csv(path, shown).map(|g| vec![g]),
        Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods") => read_book(path, shown),
        _ => bail!("`{shown}` is neither a workbook (.xlsx, .xls, .ods) nor a .csv file"),
    }
}

fn read_book(path: &Path, shown: &str) -> Result<Vec<Grid>> {
    use calamine::{Data, Reader, SheetVisible, open_workbook_auto};
    // calamine's messages repeat their causes: one sentence is enough.
    let mut book = open_workbook_auto(path)
        .map_err(|e| anyhow::anyhow!("cannot read `{shown}` as a workbook: {}", first_cause(&e.to_string())))?;
    let sheets: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    let mut grids = Vec::new();
    for (name, hidden) in sheets {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| anyhow::anyhow!("cannot read the sheet `{name}` of `{shown}` ({e})"))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|d| match d {
                        Data::Empty => CellIn::Blank,
                        Data::String(s) if s.trim().is_empty() => CellIn::Blank,
                        Data::String(s) => CellIn::Text(s.clone()),
                        Data::Int(i) => CellIn::Number(*i as f64),
                        Data::Float(f) => CellIn::Number(*f),
                        Data::Bool(b) => CellIn::Text(if *b { "TRUE" } else { "FALSE" }.into()),
                        Data::DateTime(dt) => match dt.as_datetime() {
                            Some(t) if dt.is_datetime() => CellIn::Date(t.date()),
                            _ => CellIn::Bad(format!("`{}` is not a date a record can hold", dt.as_f64())),
                        },
                        Data::DateTimeIso(s) => match crate::model::date::parse(s.get(..10).unwrap_or(s)) {
                            Some(d) => CellIn::Date(d),
                            None => CellIn::Text(s.clone()),
                        },
                        Data::DurationIso(s) => CellIn::Text(s.clone()),
                        Data::Error(e) => CellIn::Bad(format!("the cell holds the error `{e}`")),
                    })
                    .collect()
            })
            .collect();
        grids.push(Grid {
            sheet: name,
            origin: (r0 + 1, c0),
            rows,
            hidden,
        });
    }
    Ok(grids)
}

fn read_csv(path: &Path, shown: &str) -> Result<Grid> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("cannot read `{shown}`"))?;
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| anyhow::anyhow!("`{shown}`: line {}: not CSV ({e})", n + 1))?;
        rows.push(
            record
                .iter()
                .map(|text| {
                    if text.trim().is_empty() {
                        CellIn::Blank
                    } else {
                        CellIn::Text(unguard(text).to_string())
                    }
                })
                .collect(),
        );
    }
    let sheet = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Grid {
        sheet,
        origin: (1, 0),
        rows,
        hidden: false,
    })
}

/// The first of the causes calamine strings together with `: `.
fn first_cause(message: &str) -> &str {
    if message.contains("Zip error") {
        return "the file is not a zip archive, as .xlsx files are; save it from Excel as .xlsx";
    }
    message.rsplit(": ").next().unwrap_or(message)
}

/// A CSV cell as written before `export` guarded it (`'=x` → `=x`).
fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if super::looks_like_formula(rest) => rest,
        _ => text,
    }
}
