//! Terminal tables (comfy-table): fit the width, wrap long text, colour status and RAG when
//! colour is on. A long listing takes its column widths from comfy-table (laid out over the rows
//! with the longest lines) and is then drawn row by row at those widths, so it streams.

use std::io::Write;

use anyhow::Result;
use comfy_table::{Cell as TableCell, Color, ContentArrangement, Table as Grid, presets};
use rayon::prelude::*;
use unicode_width::UnicodeWidthStr;

use super::{Cell, Exporter, Listing, Row, Target, Tone, each_cells};

/// A listing up to this long is one comfy-table table; a longer one streams.
const STREAM_AFTER: usize = 500;

/// Rows per column, longest first, that stand in for a long listing when the widths are chosen.
const SAMPLE: usize = 8;

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
            if group.rows.len() <= STREAM_AFTER {
                let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(group.rows.len());
                each_cells(&group.rows, |_, c| {
                    rows.push(c);
                    Ok(())
                })?;
                writeln!(out, "{}", grid(&listing.columns, &rows, self.target))?;
            } else {
                chunked(&listing.columns, &group.rows, self.target, out)?;
            }
            if many && i + 1 < listing.groups.len() {
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    }
}

/// A long table: widths chosen by comfy-table from the header and the rows with the longest
/// lines in each column, then every row drawn at those widths as it comes.
fn chunked(columns: &[&str], rows: &[Box<dyn Row + '_>], target: Target, out: &mut dyn Write) -> Result<()> {
    // The longest line of each cell, per column; keep the rows holding the longest.
    let mut longest: Vec<Vec<(usize, usize)>> = vec![Vec::new(); columns.len()];
    each_cells(rows, |index, cells| {
        for (column, cell) in cells.iter().enumerate().take(columns.len()) {
            let width = cell.text.lines().map(width).max().unwrap_or(0);
            let top = &mut longest[column];
            if top.len() < SAMPLE || top.last().is_some_and(|(w, _)| width > *w) {
                top.push((width, index));
                top.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                top.truncate(SAMPLE);
            }
        }
        Ok(())
    })?;
    let mut sample: Vec<usize> = longest.into_iter().flatten().map(|(_, i)| i).collect();
    sample.sort_unstable();
    sample.dedup();
    let sample_rows: Vec<Vec<Cell>> = sample.iter().map(|i| rows[*i].cells()).collect();
    let proxy = grid(columns, &sample_rows, target);
    // The top border gives each column's width, padding included: `┌────┬──┐`.
    let widths: Vec<u16> = proxy
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches('┌')
        .trim_end_matches('┐')
        .split('┬')
        .map(|segment| segment.chars().count() as u16)
        .collect();
    if widths.len() != columns.len() || widths.iter().any(|w| *w < 3) {
        // Too narrow to lay out by hand: one comfy-table table, whatever it costs.
        let mut cells = Vec::with_capacity(rows.len());
        each_cells(rows, |_, c| {
            cells.push(c);
            Ok(())
        })?;
        writeln!(out, "{}", grid(columns, &cells, target))?;
        return Ok(());
    }
    // Content widths: the border segments less one space of padding on each side.
    let inner: Vec<usize> = widths.iter().map(|w| usize::from(*w) - 2).collect();
    let rule = |left: &str, fill: &str, joint: &str, right: &str| {
        let parts: Vec<String> = widths.iter().map(|w| fill.repeat(usize::from(*w))).collect();
        format!("{left}{}{right}", parts.join(joint))
    };
    writeln!(out, "{}", rule("┌", "─", "┬", "┐"))?;
    let header: Vec<Cell> = columns.iter().map(|c| Cell::new(*c)).collect();
    let mut drawn = String::new();
    draw_row(&header, &inner, target, &mut drawn);
    out.write_all(drawn.as_bytes())?;
    writeln!(out, "{}", rule("╞", "═", "╪", "╡"))?;
    // Rows are laid out a batch at a time on all cores, and written in order.
    const BATCH: usize = 256;
    for batch in rows.chunks(BATCH) {
        let drawn: Vec<String> = batch
            .par_iter()
            .map(|row| {
                let mut text = String::with_capacity(1024);
                draw_row(&row.cells(), &inner, target, &mut text);
                text
            })
            .collect();
        for text in drawn {
            out.write_all(text.as_bytes())?;
        }
    }
    writeln!(out, "{}", rule("└", "─", "┴", "┘"))?;
    Ok(())
}

/// One row at fixed content widths: each cell wrapped at spaces (a word longer than its column
/// is cut), the lines padded, in the borders comfy-table's condensed style draws.
fn draw_row(cells: &[Cell], widths: &[usize], target: Target, out: &mut String) {
    let wrapped: Vec<Vec<String>> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| cells.get(i).map(|c| wrap(&c.text, *w)).unwrap_or_default())
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut line = String::new();
    for n in 0..height {
        line.clear();
        line.push('│');
        for (i, w) in widths.iter().enumerate() {
            let text = wrapped[i].get(n).map(String::as_str).unwrap_or("");
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
            line.extend(std::iter::repeat_n(' ', pad + 1));
            line.push(if i + 1 == widths.len() { '│' } else { '┆' });
        }
        line.push('\n');
        out.push_str(&line);
    }
}

/// Display width: the byte length for ASCII (most record text), else by Unicode width.
fn width(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.width() }
}

/// `text` in lines at most `width` columns wide: its own lines kept, each wrapped at spaces, a
/// word wider than the column cut to fit.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for source in text.lines() {
        if width(source) <= max {
            lines.push(source.to_string());
            continue;
        }
        let mut current = String::new();
        let mut used = 0;
        for word in source.split(' ').filter(|w| !w.is_empty()) {
            let w = width(word);
            let needed = if current.is_empty() { w } else { used + 1 + w };
            if needed <= max {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(word);
                used = needed;
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
                used = 0;
            }
            if w <= max {
                current.push_str(word);
                used = w;
                continue;
            }
            // A word wider than the column: cut it into pieces that fit.
            for ch in word.chars() {
                let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
                if used + cw > max && !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                    used = 0;
                }
                current.push(ch);
                used += cw;
            }
        }
        if !current.is_empty() || lines.is_empty() {
            lines.push(current);
        }
    }
    lines
}

/// One comfy-table table.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole_and_cuts_only_words_wider_than_the_column() {
        assert_eq!(wrap("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(wrap("a\nb c", 10), ["a", "b c"]);
        assert_eq!(wrap("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        assert_eq!(wrap("", 5), Vec::<String>::new());
        for line in wrap("Ünïcödé wörds and 日本語のテキスト wide", 6) {
            assert!(line.width() <= 6, "{line}");
        }
    }
}
