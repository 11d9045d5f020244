//! RFC 4180 CSV with a header row (the `csv` crate does the quoting), row by row. Text a
//! spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) gets a leading `'`, so opening
//! the file in Excel shows it as text.

use std::io::Write;

use anyhow::Result;

use super::{Exporter, Listing, each_cells};

pub struct Csv;

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
