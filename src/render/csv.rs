//! RFC 4180 CSV with a header row (the `csv` crate does the quoting).

use anyhow::Result;

use super::Listing;

pub fn render(listing: &Listing) -> Result<String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header: Vec<&str> = Vec::new();
    header.extend(listing.group_column);
    header.extend(listing.columns.iter().copied());
    writer.write_record(&header)?;
    for group in &listing.groups {
        for row in &group.rows {
            let mut record: Vec<&str> = Vec::new();
            if listing.group_column.is_some() {
                record.push(group.heading.as_deref().unwrap_or_default());
            }
            record.extend(row.iter().map(|c| c.text.as_str()));
            writer.write_record(&record)?;
        }
    }
    Ok(String::from_utf8(writer.into_inner().map_err(|e| e.into_error())?)?)
}
