//! `ccag report`: the status pack as one document — headline counts, trends, actions, horizon
//! log by body, risks with mitigations, milestones with slip, and the forward plan; as HTML, the
//! meeting pack a secretariat circulates (the agenda first, then each section with its charts).

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;

use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::{DocumentFormat, ReportArgs};
use crate::html::{self, Pages};
use crate::model::Kind;
use crate::pack::{Agenda, Report, Trends, in_pack};
use crate::query::RecordSet;
use crate::render;

pub struct ReportCommand {
    meeting: Option<String>,
    format: DocumentFormat,
    output: Option<PathBuf>,
    template: Option<PathBuf>,
}

impl ReportCommand {
    pub fn new(args: ReportArgs) -> Result<ReportCommand> {
        let default = if std::io::stdout().is_terminal() && args.page.output.is_none() {
            DocumentFormat::Table
        } else {
            DocumentFormat::Markdown
        };
        Ok(ReportCommand {
            meeting: args.meeting,
            format: output::document_format(args.format, args.page.output.as_deref(), default),
            output: args.page.output,
            template: args.page.template,
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

/// The report of `meeting` (or the next one) from `set`, with its trend or why there is none.
pub fn build<'a>(cx: &Context, set: &'a RecordSet, meeting: &'a crate::model::Meeting) -> Result<Report<'a>> {
    let config = cx.config()?;
    // The reason there is no trend, on one line (it is a sentence in the document).
    let trends = trends(cx, set).map_err(|e| format!("{e:#}").replace("\n  note: ", "; ").replace("\n  hint: ", "; "));
    Ok(Report::build(meeting, set, config, cx.today, trends))
}

impl Run for ReportCommand {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let config = cx.config()?;
        let set = cx.load_shown(&Kind::ALL, &in_pack)?;
        let meeting = cx.pick_meeting(&set, self.meeting.as_deref())?;
        let report = build(cx, &set, meeting)?;
        let output = self.output.as_deref();
        match self.format {
            DocumentFormat::Json => cx.emit(output, |out, _| report.write_json(out))?,
            DocumentFormat::Html => {
                let pages = Pages::new(self.template.as_deref(), Default::default())?;
                let agenda = Agenda::build(meeting, &set, config, cx.today);
                let context = html::pack_context(&report, &agenda, &set, &config.prefix, cx.today, false)?;
                let page = pages.render("report.html", context)?;
                cx.emit(output, |out, _| Ok(out.write_all(page.as_bytes())?))?;
            }
            format => {
                let doc = report.document();
                let format = if format == DocumentFormat::Table {
                    render::DocumentFormat::Table
                } else {
                    render::DocumentFormat::Markdown
                };
                cx.emit(output, |out, target| render::document(&doc, format, target, out))?;
            }
        }
        Ok(cx.report_problems(&set))
    }
}
