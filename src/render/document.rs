//! Documents (the agenda, the status report): headings, paragraphs, lists and listings,
//! written for a terminal or as markdown.

use std::io::Write;

use anyhow::Result;

use super::{DocumentFormat, Exporter, Listing, Target, layout, markdown, table};

pub enum Block<'a> {
    Heading(u8, String),
    Paragraph(String),
    Bullets(Vec<String>),
    Listing(Listing<'a>),
}

#[derive(Default)]
pub struct Document<'a> {
    pub blocks: Vec<Block<'a>>,
}

impl<'a> Document<'a> {
    pub fn push(&mut self, block: Block<'a>) {
        self.blocks.push(block);
    }
}

pub fn render(doc: &Document<'_>, format: DocumentFormat, target: Target, out: &mut dyn Write) -> Result<()> {
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        match (block, format) {
            (Block::Heading(level, text), DocumentFormat::Markdown) => {
                writeln!(out, "{} {}", "#".repeat(*level as usize), markdown::inline(text))?;
            }
            (Block::Heading(level, text), DocumentFormat::Table) => {
                let text = super::visible::line(text);
                let text = if *level == 1 {
                    text.to_uppercase()
                } else {
                    text.into_owned()
                };
                writeln!(out, "{}", target.palette.bold(&text))?;
            }
            (Block::Paragraph(text), DocumentFormat::Table) => {
                for line in fitted(text, target, 0) {
                    writeln!(out, "{line}")?;
                }
            }
            (Block::Paragraph(text), DocumentFormat::Markdown) => writeln!(out, "{}", markdown::inline(text))?,
            (Block::Bullets(items), DocumentFormat::Table) => {
                for item in items {
                    for (n, line) in fitted(item, target, 2).iter().enumerate() {
                        writeln!(out, "{}{line}", if n == 0 { "- " } else { "  " })?;
                    }
                }
            }
            (Block::Bullets(items), DocumentFormat::Markdown) => {
                for item in items {
                    writeln!(out, "- {}", markdown::inline(item))?;
                }
            }
            (Block::Listing(listing), DocumentFormat::Markdown) => markdown::Markdown.export(listing, out)?,
            (Block::Listing(listing), DocumentFormat::Table) => table::Table { target }.export(listing, out)?,
        }
    }
    Ok(())
}

/// `text` wrapped to the target's width less `indent` (unwrapped when it has none).
fn fitted(text: &str, target: Target, indent: usize) -> Vec<String> {
    let text = &*super::visible::terminal(text);
    match target.width {
        Some(w) => layout::wrap(text, usize::from(w).saturating_sub(indent).max(20)),
        None => text.lines().map(str::to_string).collect(),
    }
}
