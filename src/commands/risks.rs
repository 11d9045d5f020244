//! `ccag risks`: the risk register, filtered; `--trend` counts open risks by RAG then and now.

use anyhow::Result;

use super::options::{arrange, checked, listing_format};
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::RisksArgs;
use crate::model::{Kind, Record};
use crate::query::{Arrange, RiskFilter};
use crate::render::ListingFormat;
use crate::views;

pub struct Risks {
    filter: RiskFilter,
    arrange: Arrange,
    trend: Option<Option<String>>,
    format: ListingFormat,
}

impl Risks {
    pub fn new(args: RisksArgs) -> Result<Risks> {
        Ok(Risks {
            filter: RiskFilter {
                rag: checked(&args.rag)?,
                status: checked(&args.status)?,
                owner: args.owner,
            },
            arrange: arrange(Kind::Risk, args.arrange)?,
            trend: args.trend.trend.then_some(args.trend.since),
            format: listing_format(args.format.format),
        })
    }
}

impl Run for Risks {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        if let Some(since) = self.trend {
            return cx.print_trend(Kind::Risk, since.as_deref(), self.format);
        }
        let (filter, arrange) = (&self.filter, &self.arrange);
        let set = cx.load_shown(&[Kind::Risk], &|r| {
            matches!(r, Record::Risk(x) if filter.matches(x)) && arrange.matches(r)
        })?;
        let listing = views::risks(&set, arrange.apply(&set.risks), cx.today);
        cx.print_listing(&listing, self.format, &set)
    }
}
