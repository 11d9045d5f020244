//! RFC 4180 CSV with a header row (the `csv` crate does the quoting), row by row. Text a
//! spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) gets a leading `'`, so opening
//! the file in Excel shows it as text.

use std::io::Write;

use anyhow::Result;

use super::{Exporter, Listing, each_cells};

pub struct Csv {
    /// On a terminal control characters are shown escaped; into a file or pipe the data is kept.
    pub terminal: bool,
}

impl Exporter for Csv {
    fn export(&self, listing: &Listing<'_>, out: &mut dyn Write) -> Result<()> {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let mut header: Vec<&str> = Vec::new();
        header.extend(listing.group_column);
        header.extend(listing.columns.iter().copied());
        writer.write_record(&header).map_err(plain)?;
        for group in &listing.groups {
            each_cells(&group.rows, |_, cells| {
                let cells = if self.terminal {
                    super::visible_cells(cells)
                } else {
                    cells
                };
                let mut record: Vec<std::borrow::Cow<'_, str>> = Vec::with_capacity(cells.len() + 1);
                if listing.group_column.is_some() {
                    record.push(crate::sheets::csv_safe(group.heading.as_deref().unwrap_or_default()));
                }
                record.extend(cells.iter().map(|c| crate::sheets::csv_safe(&c.text)));
                writer
                    .write_record(record.iter().map(|c| c.as_bytes()))
                    .map_err(plain)?;
                Ok(())
            })?;
        }
        writer.flush()?;
        Ok(())
    }
}

/// A write error as the `io::Error` it is, so a closed pipe is seen as one.
pub fn plain(e: csv::Error) -> anyhow::Error {
    if !e.is_io_error() {
        return e.into();
    }
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io.into(),
        other => anyhow::anyhow!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Cell, PlainRow, Row};

    fn csv_of(terminal: bool) -> String {
        let row: Box<dyn Row> = Box::new(PlainRow {
            cells: vec![Cell::new("\u{1b}[31mred\u{1b}[0m"), Cell::new("=HYPERLINK(\"x\")")],
            json: serde_json::Value::Null,
        });
        let listing = Listing::with_rows(vec!["Title", "Note"], vec![row]);
        let mut out = Vec::new();
        Csv { terminal }.export(&listing, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn on_a_terminal_control_characters_are_shown_and_in_a_file_the_data_is_kept() {
        assert_eq!(
            csv_of(true),
            "Title,Note\r\n\\u{1b}[31mred\\u{1b}[0m,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
        );
        assert_eq!(
            csv_of(false),
            "Title,Note\r\n\u{1b}[31mred\u{1b}[0m,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
        );
    }
}
