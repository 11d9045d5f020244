//! Terminal tables (comfy-table): fit the width, wrap long text, colour status and RAG when colour is on.

use std::io::Write;

use anyhow::Result;
use comfy_table::{Cell as TableCell, Color, ContentArrangement, Table as Grid, presets};

use super::{Cell, Exporter, Listing, Target, Tone};

pub struct Table {
    pub target: Target,
}

impl Exporter for Table {
    fn export(&self, listing: &Listing<'_>, out: &mut dyn Write) -> Result<()> {
        let many = listing.groups.len() > 1;
        for (i, group) in listing.groups.iter().enumerate() {
            if let Some(heading) = &group.heading {
                writeln!(out, "{}", self.target.palette.bold(heading))?;
            }
            let rows: Vec<Vec<Cell>> = group.rows.iter().map(|r| r.cells()).collect();
            writeln!(out, "{}", grid(&listing.columns, &rows, self.target))?;
            if many && i + 1 < listing.groups.len() {
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    }
}

pub fn grid(columns: &[&str], rows: &[Vec<Cell>], target: Target) -> String {
    let mut table = Grid::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(width) = target.width {
        table.set_width(width);
    }
    if target.palette.enabled {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table.set_header(columns.iter().copied().map(TableCell::new));
    for row in rows {
        table.add_row(row.iter().map(|cell| {
            let c = TableCell::new(&cell.text);
            match (target.palette.enabled, cell.tone) {
                (true, Tone::Red) => c.fg(Color::Red),
                (true, Tone::Amber) => c.fg(Color::Yellow),
                (true, Tone::Green) => c.fg(Color::Green),
                (true, Tone::Dim) => c.fg(Color::DarkGrey),
                _ => c,
            }
        }));
    }
    table.to_string()
}
