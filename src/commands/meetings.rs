//! `ccag meetings`: every meeting with its start and end times.

use anyhow::Result;

use super::options::listing_format;
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::MeetingsArgs;
use crate::model::Kind;
use crate::render::ListingFormat;
use crate::views;

pub struct Meetings {
    format: ListingFormat,
}

impl Meetings {
    pub fn new(args: MeetingsArgs) -> Result<Meetings> {
        Ok(Meetings {
            format: listing_format(args.format.format),
        })
    }
}

impl Run for Meetings {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let set = cx.load(&[Kind::Meeting])?;
        let listing = views::meetings(&set.meetings, cx.config()?.start);
        cx.print_listing(&listing, self.format, &set)
    }
}
