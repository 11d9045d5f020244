//! `ccag agenda [MEETING]`: the timed agenda, with the tables each item carries.

use anyhow::Result;

use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::{AgendaArgs, DocumentFormat};
use crate::model::Kind;
use crate::pack::{Agenda, in_pack};
use crate::render;

pub struct AgendaCommand {
    meeting: Option<String>,
    format: DocumentFormat,
}

impl AgendaCommand {
    pub fn new(args: AgendaArgs) -> Result<AgendaCommand> {
        Ok(AgendaCommand {
            meeting: args.meeting,
            format: args.format.unwrap_or(DocumentFormat::Table),
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
        match self.format {
            DocumentFormat::Json => {
                output::to_stdout(|out| render::json(&agenda, out))?;
            }
            DocumentFormat::Table => cx.print_document(&agenda.document(), false)?,
            DocumentFormat::Markdown => cx.print_document(&agenda.document(), true)?,
        }
        Ok(cx.report_problems(&set))
    }
}
