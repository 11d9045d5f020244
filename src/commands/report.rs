//! `ccag report`: the status pack as one document — headline counts, trends, actions, horizon
//! log by body, risks with mitigations, milestones with slip, and the forward plan.

use std::io::IsTerminal;

use anyhow::Result;

use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::{DocumentFormat, ReportArgs};
use crate::model::Kind;
use crate::pack::{Report, Trends, in_pack};
use crate::query::RecordSet;

pub struct ReportCommand {
    meeting: Option<String>,
    format: DocumentFormat,
}

impl ReportCommand {
    pub fn new(args: ReportArgs) -> Result<ReportCommand> {
        Ok(ReportCommand {
            meeting: args.meeting,
            format: args.format.unwrap_or(if std::io::stdout().is_terminal() {
                DocumentFormat::Table
            } else {
                DocumentFormat::Markdown
            }),
        })
    }
}

/// Risks and actions when the previous meeting's day began and now; `Err` says why there is no trend.
fn trends(cx: &Context, now: &RecordSet) -> Result<Trends> {
    let previous = now
        .previous_meeting(cx.today)
        .ok_or_else(|| anyhow::anyhow!("no earlier meeting to compare with"))?;
    let (commit, since) = cx.since_meeting(previous)?;
    let then = cx.load_at(&commit, &[Kind::Risk, Kind::Action])?;
    Ok(Trends::new(since, &then, now))
}

impl Run for ReportCommand {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let config = cx.config()?;
        let set = cx.load_shown(&Kind::ALL, &in_pack)?;
        let meeting = cx.pick_meeting(&set, self.meeting.as_deref())?;
        // The reason there is no trend, on one line (it is a sentence in the document).
        let trends =
            trends(cx, &set).map_err(|e| format!("{e:#}").replace("\n  note: ", "; ").replace("\n  hint: ", "; "));
        let report = Report::build(meeting, &set, config, cx.today, trends);
        match self.format {
            DocumentFormat::Json => {
                output::to_stdout(|out| report.write_json(out))?;
            }
            DocumentFormat::Table => cx.print_document(&report.document(), false)?,
            DocumentFormat::Markdown => cx.print_document(&report.document(), true)?,
        }
        Ok(cx.report_problems(&set))
    }
}
