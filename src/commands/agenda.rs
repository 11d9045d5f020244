//! `ccag agenda [MEETING]`: the timed agenda, with the tables each item carries.

use std::path::PathBuf;

use anyhow::Result;

use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::{AgendaArgs, DocumentFormat};
use crate::html::{self, Pages};
use crate::model::Kind;
use crate::pack::{Agenda, in_pack};
use crate::render;

pub struct AgendaCommand {
    meeting: Option<String>,
    format: DocumentFormat,
    output: Option<PathBuf>,
    template: Option<PathBuf>,
}

impl AgendaCommand {
    pub fn new(args: AgendaArgs) -> Result<AgendaCommand> {
        Ok(AgendaCommand {
            meeting: args.meeting,
            format: output::document_format(args.format, args.page.output.as_deref(), DocumentFormat::Table),
            output: args.page.output,
            template: args.page.template,
        })
    }
}

impl Run for AgendaCommand {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let config = cx.config()?;
        let set = cx.load_some(&Kind::ALL, &in_pack)?;
        let meeting = cx.pick_meeting(&set, self.meeting.as_deref())?;
        let agenda = Agenda::build(meeting, &set, config, cx.today);
        let output = self.output.as_deref();
        match self.format {
            DocumentFormat::Json => cx.emit(output, |out, _| render::json(&agenda, out))?,
            DocumentFormat::Html => {
                let pages = Pages::new(self.template.as_deref(), Default::default())?;
                let page = pages.render("agenda.html", html::agenda_context(&agenda, &config.prefix)?)?;
                cx.emit(output, |out, _| Ok(out.write_all(page.as_bytes())?))?;
            }
            format => {
                let doc = agenda.document();
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
