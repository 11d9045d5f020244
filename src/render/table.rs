//! Terminal tables, in comfy-table's condensed UTF-8 style, laid out by `layout`: ids, dates,
//! statuses and words are never broken, the least useful columns are left out at a narrow
//! width and long updates cut to a few lines. Rows are drawn a batch at a time on all cores
//! and written as they are drawn, so a listing of any length streams.

use std::io::Write;

use anyhow::Result;
use rayon::prelude::*;

use super::layout::{self, Measure, Plan, width};
use super::{Cell, Exporter, Listing, Row, Target, Tone, each_cells, visible_cells};

/// Cell text a table keeps between measuring and drawing (the rows after it compute their
/// cells again, which for a slim record means reading its file again), so a table of any
/// length holds at most this much of itself. `CCAG_KEPT_CELLS=BYTES` overrides it (tests).
const KEPT_CELL_BYTES: usize = 32 << 20;

fn kept_cell_bytes() -> usize {
    std::env::var("CCAG_KEPT_CELLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(KEPT_CELL_BYTES)
}

pub struct Table {
    pub target: Target,
}

/// What a table left out to fit its width, said once below it.
#[derive(Default)]
struct Cuts {
    columns: Vec<&'static str>,
    text: bool,
}

impl Exporter for Table {
    fn export(&self, listing: &Listing<'_>, out: &mut dyn Write) -> Result<()> {
        let many = listing.groups.len() > 1;
        let mut cuts = Cuts::default();
        for (i, group) in listing.groups.iter().enumerate() {
            if let Some(heading) = &group.heading {
                writeln!(out, "{}", self.target.palette.bold(heading))?;
            }
            draw(listing, &group.rows, self.target, &mut cuts, out)?;
            if many && i + 1 < listing.groups.len() {
                out.write_all(b"\n")?;
            }
        }
        if !cuts.columns.is_empty() || cuts.text {
            let mut said = Vec::new();
            if !cuts.columns.is_empty() {
                said.push(format!(
                    "{} left out to fit {} columns",
                    cuts.columns.join(", "),
                    self.target.width.unwrap_or_default()
                ));
            }
            if cuts.text {
                said.push("long text cut at `…`".to_string());
            }
            let note = format!(
                "({}; `ccag show ID` shows a record in full, `--format csv` every column)",
                said.join("; ")
            );
            let lines = match self.target.width {
                Some(w) => layout::wrap(&note, usize::from(w)),
                None => vec![note],
            };
            for line in lines {
                writeln!(out, "{}", self.target.palette.dim(&line))?;
            }
        }
        Ok(())
    }
}

/// One table: measure every cell (and the header), plan the layout, draw it row by row.
fn draw(
    listing: &Listing<'_>,
    rows: &[Box<dyn Row + '_>],
    target: Target,
    cuts: &mut Cuts,
    out: &mut dyn Write,
) -> Result<()> {
    let columns = &listing.columns;
    let mut measures = vec![Measure::default(); columns.len()];
    for (m, name) in measures.iter_mut().zip(columns) {
        m.add(name);
    }
    // The cells of the first rows, up to the budget; the rest are computed again to draw.
    let mut budget = kept_cell_bytes();
    let mut kept: Vec<Vec<Cell>> = Vec::new();
    each_cells(rows, |n, cells| {
        let cells = visible_cells(cells);
        for (m, cell) in measures.iter_mut().zip(&cells) {
            m.add(&cell.text);
        }
        let size: usize = cells.iter().map(|c| c.text.len() + std::mem::size_of::<Cell>()).sum();
        if kept.len() == n && size <= budget {
            budget -= size;
            kept.push(cells);
        }
        Ok(())
    })?;
    let plan = layout::plan(&listing.fits, &measures, target.width.map(usize::from));
    for &i in &plan.left_out {
        if let Some(name) = columns.get(i)
            && !cuts.columns.contains(name)
        {
            cuts.columns.push(name);
        }
    }
    let rule = |left: &str, joint: &str, right: &str, fill: &str| {
        let parts: Vec<String> = plan.shown.iter().map(|(_, w, _)| fill.repeat(w + 2)).collect();
        format!("{left}{}{right}\n", parts.join(joint))
    };
    out.write_all(rule("┌", "┬", "┐", "─").as_bytes())?;
    let header: Vec<Cell> = columns.iter().map(|c| Cell::new(*c)).collect();
    let header_plan = Plan {
        shown: plan.shown.iter().map(|&(i, w, _)| (i, w, None)).collect(),
        left_out: Vec::new(),
    };
    let mut text = String::new();
    draw_row(&header, &header_plan, target, &mut text);
    out.write_all(text.as_bytes())?;
    out.write_all(rule("╞", "╪", "╡", "═").as_bytes())?;
    const BATCH: usize = 256;
    let mut cut = false;
    let mut write = |drawn: Vec<(String, bool)>, out: &mut dyn Write| -> Result<()> {
        for (text, was_cut) in drawn {
            cut |= was_cut;
            out.write_all(text.as_bytes())?;
        }
        Ok(())
    };
    for batch in kept.chunks(BATCH) {
        let drawn: Vec<(String, bool)> = batch.par_iter().map(|cells| drawn(cells, &plan, target)).collect();
        write(drawn, out)?;
    }
    for batch in rows[kept.len()..].chunks(BATCH) {
        let drawn: Vec<(String, bool)> = batch
            .par_iter()
            .map(|row| drawn(&visible_cells(row.cells()), &plan, target))
            .collect();
        write(drawn, out)?;
    }
    cuts.text |= cut;
    out.write_all(rule("└", "┴", "┘", "─").as_bytes())?;
    Ok(())
}

fn push_spaces(line: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = n;
    while left > 0 {
        let take = left.min(SPACES.len());
        line.push_str(&SPACES[..take]);
        left -= take;
    }
}

/// One row drawn, and whether any of its text was cut.
fn drawn(cells: &[Cell], plan: &Plan, target: Target) -> (String, bool) {
    let mut text = String::with_capacity(1024);
    let cut = draw_row(cells, plan, target, &mut text);
    (text, cut)
}

/// One row at the plan's widths: each shown cell wrapped at spaces (and cut to its line limit),
/// the lines padded, in the borders of comfy-table's condensed style. Returns whether any text
/// was cut.
fn draw_row(cells: &[Cell], plan: &Plan, target: Target, out: &mut String) -> bool {
    let mut cut = false;
    let wrapped: Vec<Vec<String>> = plan
        .shown
        .iter()
        .map(|&(i, w, lines)| {
            let (wrapped, was_cut) = cells
                .get(i)
                .map(|c| layout::wrap_at_most(&c.text, w, lines))
                .unwrap_or_default();
            cut |= was_cut;
            wrapped
        })
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut line = String::new();
    for n in 0..height {
        line.clear();
        line.push('│');
        for (k, &(i, w, _)) in plan.shown.iter().enumerate() {
            let text = wrapped[k].get(n).map(String::as_str).unwrap_or("");
            let pad = w.saturating_sub(width(text));
            line.push(' ');
            match cells
                .get(i)
                .map(|c| c.tone)
                .filter(|_| target.palette.enabled && !text.is_empty())
            {
                Some(tone) if tone != Tone::Plain => {
                    let code = match tone {
                        Tone::Red => "31",
                        Tone::Amber => "33",
                        Tone::Green => "32",
                        _ => "90",
                    };
                    line.push_str(&format!("\x1b[{code}m{text}\x1b[39m"));
                }
                _ => line.push_str(text),
            }
            push_spaces(&mut line, pad + 1);
            line.push(if k + 1 == plan.shown.len() { '│' } else { '┆' });
        }
        line.push('\n');
        out.push_str(&line);
    }
    cut
}
