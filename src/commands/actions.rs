//! `ccag actions`: the actions log, filtered; `--trend` counts by status then and now.

use anyhow::Result;

use super::options::{arrange, checked, checked_date, listing_format};
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::ActionsArgs;
use crate::model::{Kind, Record};
use crate::query::{ActionFilter, Arrange};
use crate::render::ListingFormat;
use crate::views;

pub struct Actions {
    filter: ActionFilter,
    arrange: Arrange,
    /// `--trend`, with its `--since`.
    trend: Option<Option<String>>,
    format: ListingFormat,
}

impl Actions {
    pub fn new(args: ActionsArgs) -> Result<Actions> {
        Ok(Actions {
            filter: ActionFilter {
                open: args.open,
                overdue: args.overdue,
                status: checked(&args.status)?,
                owner: args.owner,
                meeting: args.meeting,
                due_before: checked_date(&args.due_before),
            },
            arrange: arrange(Kind::Action, args.arrange)?,
            trend: args.trend.trend.then_some(args.trend.since),
            format: listing_format(args.format.format),
        })
    }
}

impl Run for Actions {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        if let Some(since) = self.trend {
            return cx.print_trend(Kind::Action, since.as_deref(), self.format);
        }
        // A meeting that does not exist finds nothing because it is misspelt: say so.
        if let Some(given) = &self.filter.meeting {
            let meetings = cx.load(&[Kind::Meeting])?;
            meetings.pick_meeting(Some(given), cx.today)?;
        }
        let today = cx.today;
        let (filter, arrange) = (&self.filter, &self.arrange);
        let set = cx.load_shown(&[Kind::Action], &|r| {
            matches!(r, Record::Action(a) if filter.matches(a, today)) && arrange.matches(r)
        })?;
        let listing = views::actions(&set, arrange.apply(&set.actions), today);
        cx.print_listing(&listing, self.format, &set)
    }
}
