//! The command line as clap types only; `commands/` turns them into work.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::model::{ActionStatus, CrStatus, Impact, MilestoneStatus, Rag, RiskStatus};
use crate::render::Format;

#[derive(Debug, Parser)]
#[command(
    name = "ccag",
    version,
    about = "Validate, query and render the working records of a code-change advisory group"
)]
#[command(propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// Run as if started in DIR (the records repository root)
    #[arg(short = 'C', long = "dir", global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Take "today" to be DATE (YYYY-MM-DD), for overdue and next-meeting logic
    #[arg(long, global = true, env = "CCAG_TODAY", value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    /// When to colour output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check records against the schemas and the semantic rules
    Validate(ValidateArgs),
    /// The actions log ("Review of outstanding actions")
    Actions(ActionsArgs),
    /// The horizon-scanning log of code changes and programme CRs, by code body
    Crs(CrsArgs),
    /// The risk register
    Risks(RisksArgs),
    /// The milestone plan, with slip (forecast − baseline)
    Milestones(MilestonesArgs),
    /// The meetings, with their start and end times
    Meetings(MeetingsArgs),
    /// One record in full
    Show(ShowArgs),
    /// A meeting's timed agenda, with the tables each item carries
    Agenda(AgendaArgs),
    /// The status pack: headline counts, actions, horizon log, risks, milestones, forward plan
    Report(ReportArgs),
}

#[derive(Debug, Clone, Copy, clap::Args)]
pub struct FormatArg {
    /// Output format [default: table]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

#[derive(Debug, clap::Args)]
pub struct ActionsArgs {
    /// Every status but closed
    #[arg(long)]
    pub open: bool,
    /// Open and due before today
    #[arg(long)]
    pub overdue: bool,
    /// Only this status (open, ongoing, recommend-closed, closed)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<ActionStatus>,
    /// Owner organisation or person (case-insensitive, part of the name is enough)
    #[arg(long, value_name = "ORG")]
    pub owner: Option<String>,
    /// Actions raised at this meeting (e.g. CCAG26)
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// Due before DATE
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub due_before: Option<NaiveDate>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, clap::Args)]
pub struct CrsArgs {
    /// Only this code body (BSC, REC, DCUSA, …)
    #[arg(long, value_name = "BODY")]
    pub body: Option<String>,
    /// Only this status (e.g. decision-pending)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<CrStatus>,
    /// Only this programme impact (direct, cr-needed, consequential, of-interest, awareness, none)
    #[arg(long, value_name = "IMPACT")]
    pub impact: Option<Impact>,
    /// Raised, updated or decided on or after DATE
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub updated_since: Option<NaiveDate>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, clap::Args)]
pub struct RisksArgs {
    /// Only this RAG (critical, high, medium, low)
    #[arg(long, value_name = "RAG")]
    pub rag: Option<Rag>,
    /// Only this status (open, closed)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<RiskStatus>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, clap::Args)]
pub struct MilestonesArgs {
    /// Only this status (complete, green, amber, red)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<MilestoneStatus>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, clap::Args)]
pub struct MeetingsArgs {
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The record's id (any kind)
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct AgendaArgs {
    /// The meeting (default: the next one on or after today)
    pub meeting: Option<String>,
    /// Output format: table, markdown or json [default: table]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The meeting the pack is for (default: the next one on or after today)
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// Output format: markdown, json, or table [default: table on a terminal, markdown otherwise]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Only report findings for these files or folders (all records are still loaded, for cross-record rules)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = FindingFormat::Text)]
    pub format: FindingFormat,

    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FindingFormat {
    /// `path:line:col: error[rule]: message`, then a summary
    Text,
    /// One JSON object with every finding
    Json,
    /// GitHub workflow annotations (`::error file=…`)
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::model::date::parse(s).ok_or_else(|| format!("`{s}` is not a date `YYYY-MM-DD`"))
}
