//! `ccag actions`, `crs`, `risks`, `milestones`, `meetings`: filter, then render in the chosen format.

use anyhow::Result;

use super::Context;
use crate::Outcome;
use crate::cli::{ActionsArgs, CrsArgs, MeetingsArgs, MilestonesArgs, RisksArgs};
use crate::model::Kind;
use crate::query::{ActionFilter, CrFilter, MilestoneFilter, RecordSet, RiskFilter};
use crate::views;

pub fn actions(cx: &Context, args: ActionsArgs) -> Result<Outcome> {
    if args.trend.trend {
        return super::trend::actions(cx, args.trend.since.as_deref(), args.format.format);
    }
    let set = cx.load(&[Kind::Action])?;
    let filter = ActionFilter {
        open: args.open,
        overdue: args.overdue,
        status: args.status,
        owner: args.owner,
        meeting: args.meeting,
        due_before: args.due_before,
    };
    let listing = views::actions(set.actions.iter().filter(|a| filter.matches(a, cx.today)), cx.today);
    cx.print_listing(&listing, args.format.format, &set)
}

pub fn crs(cx: &Context, args: CrsArgs) -> Result<Outcome> {
    let set = cx.load(&[Kind::Cr])?;
    let filter = CrFilter {
        body: args.body,
        status: args.status,
        impact: args.impact,
        updated_since: args.updated_since,
    };
    let listing = views::crs(set.crs.iter().filter(|c| filter.matches(c)), &cx.config);
    cx.print_listing(&listing, args.format.format, &set)
}

pub fn risks(cx: &Context, args: RisksArgs) -> Result<Outcome> {
    if args.trend.trend {
        return super::trend::risks(cx, args.trend.since.as_deref(), args.format.format);
    }
    let set = cx.load(&[Kind::Risk])?;
    let filter = RiskFilter {
        rag: args.rag,
        status: args.status,
    };
    let listing = views::risks(set.risks.iter().filter(|r| filter.matches(r)));
    cx.print_listing(&listing, args.format.format, &set)
}

pub fn milestones(cx: &Context, args: MilestonesArgs) -> Result<Outcome> {
    let set = cx.load(&[Kind::Milestone])?;
    let filter = MilestoneFilter { status: args.status };
    let listing = views::milestones(set.milestones.iter().filter(|m| filter.matches(m)));
    cx.print_listing(&listing, args.format.format, &set)
}

pub fn meetings(cx: &Context, args: MeetingsArgs) -> Result<Outcome> {
    let set: RecordSet = cx.load(&[Kind::Meeting])?;
    let listing = views::meetings(&set.meetings, cx.config.start);
    cx.print_listing(&listing, args.format.format, &set)
}
