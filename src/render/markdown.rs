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

/// Make text safe inside a table cell: `|` would end the cell, a newline the row, and `<` could
/// start HTML that a wiki would run.
pub fn escape(text: &str) -> String {
    super::visible::terminal(text)
        .replace('\\', "\\\\")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

/// Make record text safe as markdown prose (a heading, a paragraph, a list item): it shows as
/// written, never as HTML, a link, emphasis or code, and a newline cannot start a block.
pub fn inline(text: &str) -> String {
    let text = super::visible::terminal(text);
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.lines().enumerate() {
        if n > 0 {
            out.push_str("<br>");
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            out.push('\\');
        }
        for ch in line.chars() {
            match ch {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\\' | '`' | '*' | '_' | '[' | ']' => {
                    out.push('\\');
                    out.push(ch);
                }
                _ => out.push(ch),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_and_newlines_cannot_break_a_row() {
        assert_eq!(escape("a | b\nc"), "a \\| b<br>c");
        assert_eq!(escape("</td><script>"), "&lt;/td&gt;&lt;script&gt;");
    }

    #[test]
    fn record_text_shows_as_written_in_prose() {
        assert_eq!(
            inline("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            inline("**bold** _it_ `code` [link](x)"),
            "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[link\\](x)"
        );
        assert_eq!(
            inline("# not a heading\n> nor a quote"),
            "\\# not a heading<br>&gt; nor a quote"
        );
        assert_eq!(inline("R&D"), "R&amp;D");
    }
}
