//! Documents (the agenda, the status report): headings, paragraphs, lists and listings,
//! rendered for a terminal or as markdown.

use anyhow::{Result, bail};

use super::{Format, Listing, Target, markdown, table};

#[derive(Debug, Clone)]
pub enum Block {
    Heading(u8, String),
    Paragraph(String),
    Bullets(Vec<String>),
    Listing(Listing),
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }
}

pub fn render(doc: &Document, format: Format, target: Target) -> Result<String> {
    let mut out = String::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match (block, format) {
            (Block::Heading(level, text), Format::Markdown) => {
                out.push_str(&format!("{} {text}\n", "#".repeat(*level as usize)));
            }
            (Block::Heading(level, text), _) => {
                let text = if *level == 1 { text.to_uppercase() } else { text.clone() };
                out.push_str(&target.palette.bold(&text));
                out.push('\n');
            }
            (Block::Paragraph(text), _) => {
                out.push_str(text);
                out.push('\n');
            }
            (Block::Bullets(items), _) => {
                for item in items {
                    out.push_str(&format!("- {item}\n"));
                }
            }
            (Block::Listing(listing), Format::Markdown) => out.push_str(&markdown::render(listing)),
            (Block::Listing(listing), Format::Table) => out.push_str(&table::render(listing, target)),
            (_, other) => bail!("documents render as table or markdown, not {other:?}"),
        }
    }
    Ok(out)
}
