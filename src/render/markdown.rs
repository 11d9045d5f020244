//! GitHub-flavoured markdown tables that paste into a wiki or a pull request, row by row.

use std::io::Write;

use anyhow::Result;

use super::{Cell, Exporter, Listing, Row, each_cells};

pub struct Markdown;

impl Exporter for Markdown {
    fn export(&self, listing: &Listing<'_>, out: &mut dyn Write) -> Result<()> {
        for (i, group) in listing.groups.iter().enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            if let Some(heading) = &group.heading {
                writeln!(out, "### {}\n", escape(heading))?;
            }
            grid(&listing.columns, &group.rows, out)?;
        }
        Ok(())
    }
}

pub fn grid(columns: &[&str], rows: &[Box<dyn Row + '_>], out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "| {} |",
        columns.iter().map(|c| escape(c)).collect::<Vec<_>>().join(" | ")
    )?;
    writeln!(out, "|{}|", columns.iter().map(|_| "---").collect::<Vec<_>>().join("|"))?;
    each_cells(rows, |_, cells| write_row(&cells, out))
}

fn write_row(cells: &[Cell], out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "| {} |",
        cells.iter().map(|c| escape(&c.text)).collect::<Vec<_>>().join(" | ")
    )?;
    Ok(())
}

/// Make text safe inside a table cell: `|` would end the cell, a newline the row.
pub fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_and_newlines_cannot_break_a_row() {
        assert_eq!(escape("a | b\nc"), "a \\| b<br>c");
    }
}
