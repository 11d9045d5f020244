//! `ccag agenda [MEETING]`: the timed agenda, with the tables each item carries.

use std::io::Write;

use anyhow::{Result, bail};

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
        if set.meetings.is_empty() && self.meeting.is_none() {
            bail!(
                "there are no meeting records in `{}`",
                cx.show_path(&cx.root()?.records())
            );
        }
        let meeting = set.pick_meeting(self.meeting.as_deref(), cx.today)?;
        let agenda = Agenda::build(meeting, &set, config, cx.today);
        let mut out = output::stdout();
        match self.format {
            DocumentFormat::Json => render::json(&agenda, &mut out)?,
            DocumentFormat::Table => {
                render::document(&agenda.document(), render::DocumentFormat::Table, cx.target(), &mut out)?
            }
            DocumentFormat::Markdown => render::document(
                &agenda.document(),
                render::DocumentFormat::Markdown,
                cx.target(),
                &mut out,
            )?,
        }
        out.flush()?;
        Ok(cx.report_problems(&set))
    }
}
