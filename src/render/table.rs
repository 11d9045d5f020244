//! Terminal tables (comfy-table): fit the width, wrap long text, colour status and RAG when colour is on.

use comfy_table::{Cell as TableCell, Color, ContentArrangement, Table, presets};

use super::{Listing, Target, Tone};

pub fn render(listing: &Listing, target: Target) -> String {
    let mut out = String::new();
    for group in &listing.groups {
        if let Some(heading) = &group.heading {
            out.push_str(&target.palette.bold(heading));
            out.push('\n');
        }
        out.push_str(&grid(&listing.columns, &group.rows, target));
        out.push('\n');
        if listing.groups.len() > 1 {
            out.push('\n');
        }
    }
    if listing.groups.len() > 1 {
        out.pop();
    }
    out
}

pub fn grid(columns: &[&str], rows: &[Vec<super::Cell>], target: Target) -> String {
    let mut table = Table::new();
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
