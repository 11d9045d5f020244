//! GitHub-flavoured markdown tables that paste into a wiki or a pull request.

use super::Listing;

pub fn render(listing: &Listing) -> String {
    let mut out = String::new();
    for (i, group) in listing.groups.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if let Some(heading) = &group.heading {
            out.push_str(&format!("### {}\n\n", escape(heading)));
        }
        out.push_str(&grid(&listing.columns, &group.rows));
    }
    out
}

pub fn grid(columns: &[&str], rows: &[Vec<super::Cell>]) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "| {} |\n",
        columns.iter().map(|c| escape(c)).collect::<Vec<_>>().join(" | ")
    ));
    out.push_str(&format!(
        "|{}|\n",
        columns.iter().map(|_| "---").collect::<Vec<_>>().join("|")
    ));
    for row in rows {
        out.push_str(&format!(
            "| {} |\n",
            row.iter().map(|c| escape(&c.text)).collect::<Vec<_>>().join(" | ")
        ));
    }
    out
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
