//! `ccag milestones`: the milestone plan with slip, filtered.

use anyhow::Result;

use super::options::{arrange, checked, listing_format};
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::MilestonesArgs;
use crate::model::{Kind, Record};
use crate::query::{Arrange, MilestoneFilter};
use crate::render::ListingFormat;
use crate::views;

pub struct Milestones {
    filter: MilestoneFilter,
    arrange: Arrange,
    format: ListingFormat,
}

impl Milestones {
    pub fn new(args: MilestonesArgs) -> Result<Milestones> {
        Ok(Milestones {
            filter: MilestoneFilter {
                status: checked(&args.status)?,
            },
            arrange: arrange(Kind::Milestone, args.arrange)?,
            format: listing_format(args.format.format),
        })
    }
}

impl Run for Milestones {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let (filter, arrange) = (&self.filter, &self.arrange);
        let set = cx.load_shown(&[Kind::Milestone], &|r| {
            matches!(r, Record::Milestone(m) if filter.matches(m)) && arrange.matches(r)
        })?;
        let listing = views::milestones(&set, arrange.apply(&set.milestones), cx.today);
        cx.print_listing(&listing, self.format, &set)
    }
}
