//! `ccag milestones`: the milestone plan with slip, filtered.

use anyhow::Result;

use super::options::{checked, listing_format};
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::MilestonesArgs;
use crate::model::{Kind, Record};
use crate::query::MilestoneFilter;
use crate::render::ListingFormat;
use crate::views;

pub struct Milestones {
    filter: MilestoneFilter,
    format: ListingFormat,
}

impl Milestones {
    pub fn new(args: MilestonesArgs) -> Result<Milestones> {
        Ok(Milestones {
            filter: MilestoneFilter {
                status: checked(&args.status)?,
            },
            format: listing_format(args.format.format),
        })
    }
}

impl Run for Milestones {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let filter = &self.filter;
        let set = cx.load_shown(
            &[Kind::Milestone],
            &|r| matches!(r, Record::Milestone(m) if filter.matches(m)),
        )?;
        let listing = views::milestones(&set, &set.milestones, cx.today);
        cx.print_listing(&listing, self.format, &set)
    }
}
