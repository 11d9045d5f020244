//! `ccag meetings`: every meeting with its start and end times.

use anyhow::Result;

use super::options::{arrange, listing_format};
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::MeetingsArgs;
use crate::model::Kind;
use crate::query::Arrange;
use crate::render::ListingFormat;
use crate::views;

pub struct Meetings {
    arrange: Arrange,
    format: ListingFormat,
}

impl Meetings {
    pub fn new(args: MeetingsArgs) -> Result<Meetings> {
        Ok(Meetings {
            arrange: arrange(Kind::Meeting, args.arrange)?,
            format: listing_format(args.format.format),
        })
    }
}

impl Run for Meetings {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let arrange = &self.arrange;
        let set = cx.load_some(&[Kind::Meeting], &|r| arrange.matches(r))?;
        let listing = views::meetings(arrange.apply(&set.meetings), cx.config()?.start);
        cx.print_listing(&listing, self.format, &set)
    }
}
