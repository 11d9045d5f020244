//! `ccag crs`: the horizon-scanning log by code body, filtered.

use anyhow::Result;

use super::options::{arrange, checked, checked_date, listing_format};
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::CrsArgs;
use crate::model::{Kind, Record};
use crate::query::{Arrange, CrFilter};
use crate::render::ListingFormat;
use crate::views;

pub struct Crs {
    cards: bool,
    filter: CrFilter,
    arrange: Arrange,
    format: ListingFormat,
}

impl Crs {
    pub fn new(args: CrsArgs) -> Result<Crs> {
        Ok(Crs {
            cards: args.cards,
            filter: CrFilter {
                body: args.body,
                status: checked(&args.status)?,
                impact: checked(&args.impact)?,
                updated_since: checked_date(&args.updated_since),
            },
            arrange: arrange(Kind::Cr, args.arrange)?,
            format: listing_format(args.format.format),
        })
    }
}

impl Run for Crs {
    const NEEDS: Needs = Needs::Records;

    fn run(mut self, cx: &Context) -> Result<Outcome> {
        // A body that does not exist finds nothing because it is misspelt: say so.
        if let Some(given) = &self.filter.body {
            let config = cx.config()?;
            let names: Vec<&str> = config.bodies.iter().map(|b| b.name.as_str()).collect();
            match crate::model::fields::choose(&names, given) {
                Some(name) => self.filter.body = Some(name.to_string()),
                None => anyhow::bail!(
                    "no code body is called `{given}`\n  hint: the bodies in `ccag.toml` are {}",
                    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                ),
            }
        }
        let (filter, arrange) = (&self.filter, &self.arrange);
        if self.cards {
            // Cards show every text field, so the records are held whole.
            let markdown = match self.format {
                ListingFormat::Table => false,
                ListingFormat::Markdown => true,
                other => anyhow::bail!(
                    "`--cards` is a layout for reading (table or markdown); for {} use `ccag crs --format {}` without it",
                    if other == ListingFormat::Csv {
                        "a spreadsheet"
                    } else {
                        "programs"
                    },
                    if other == ListingFormat::Csv { "csv" } else { "json" }
                ),
            };
            let set = cx.load_some(&[Kind::Cr], &|r| {
                matches!(r, Record::Cr(c) if filter.matches(c)) && arrange.matches(r)
            })?;
            cx.print_document(&views::crs::cards(arrange.apply(&set.crs), cx.config()?), markdown)?;
            return Ok(cx.report_problems(&set));
        }
        let set = cx.load_shown(&[Kind::Cr], &|r| {
            matches!(r, Record::Cr(c) if filter.matches(c)) && arrange.matches(r)
        })?;
        let listing = views::crs(&set, arrange.apply(&set.crs), cx.config()?, cx.today);
        cx.print_listing(&listing, self.format, &set)
    }
}
