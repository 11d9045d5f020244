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

    /// Read the records as they stood at REV (a commit, tag, branch) or DATE (the last commit on or before it)
    #[arg(long, global = true, value_name = "REV|DATE")]
    pub at: Option<String>,

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
    /// Raise a new record (asks for missing fields on a terminal)
    Add(AddArgs),
    /// Change fields of a record in place, keeping its comments and layout
    Update(UpdateArgs),
    /// Close an action (or a risk), optionally with a note
    Close(CloseArgs),
    /// A record's history from git: each commit and the fields it changed
    Log(LogArgs),
    /// Records added, modified and removed between two points in history
    Changes(ChangesArgs),
}

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// The record's id
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, clap::Args)]
pub struct ChangesArgs {
    /// From this revision or date [default: the date of the meeting before the next one]
    #[arg(long, value_name = "REV|DATE")]
    pub since: Option<String>,
    /// Up to this revision or date [default: the work tree as it is now]
    #[arg(long, value_name = "REV|DATE")]
    pub until: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// `--trend` and its starting point, shared by `risks` and `actions`.
#[derive(Debug, Clone, clap::Args)]
pub struct TrendArgs {
    /// Counts then and now instead of the records (the pack's previous/current chart)
    #[arg(long)]
    pub trend: bool,
    /// With --trend: compare with this revision or date [default: the previous meeting]
    #[arg(long, value_name = "REV|DATE", requires = "trend")]
    pub since: Option<String>,
}

/// The record fields settable from the command line; each applies to the kinds that have it.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Fields")]
pub struct FieldArgs {
    /// What is to be done (action), the change's or risk's title
    #[arg(long)]
    pub title: Option<String>,
    /// What the change does (cr)
    #[arg(long)]
    pub summary: Option<String>,
    /// Date raised [add default: today]
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub raised: Option<NaiveDate>,
    /// Due date (action)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub due: Option<NaiveDate>,
    /// Status [add default: open for actions and risks, raised for crs, green for milestones]
    #[arg(long)]
    pub status: Option<String>,
    /// Owning organisation (action, risk)
    #[arg(long, value_name = "ORG")]
    pub owner: Option<String>,
    /// Owning person (action, risk)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Code body (cr): BSC, REC, DCUSA, …
    #[arg(long)]
    pub body: Option<String>,
    /// Programme impact (cr: direct, cr-needed, …) or the risk's impact text
    #[arg(long)]
    pub impact: Option<String>,
    /// Note on the impact (cr), e.g. "Design impacted"
    #[arg(long)]
    pub impact_note: Option<String>,
    /// Decision date (cr)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub decision_date: Option<NaiveDate>,
    /// Who decides (cr), e.g. "REC Change Panel"
    #[arg(long)]
    pub decided_by: Option<String>,
    /// Stakeholder positions (cr)
    #[arg(long)]
    pub positions: Option<String>,
    /// Implementation date (cr)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub implementation: Option<NaiveDate>,
    /// Web address (cr)
    #[arg(long, value_name = "URL")]
    pub link: Option<String>,
    /// RAG (risk): critical, high, medium, low
    #[arg(long)]
    pub rag: Option<String>,
    /// Date last reviewed (risk)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub reviewed: Option<NaiveDate>,
    /// Baseline date (milestone)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub baseline: Option<NaiveDate>,
    /// Forecast date (milestone)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub forecast: Option<NaiveDate>,
    /// Date achieved (milestone, when complete)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub actual: Option<NaiveDate>,
    /// Meeting date (meeting)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub date: Option<NaiveDate>,
    /// Start time HH:MM (meeting)
    #[arg(long, value_name = "HH:MM")]
    pub start: Option<String>,
    /// Chair (meeting)
    #[arg(long)]
    pub chair: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Action,
    Cr,
    Risk,
    Milestone,
    Meeting,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The kind of record
    #[arg(value_enum)]
    pub kind: KindArg,
    /// The id, where ccag does not allocate it (crs, risks, milestones; optional for meetings)
    #[arg(long)]
    pub id: Option<String>,
    /// The meeting an action was raised at [default: the latest on or before today]
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// A related record id (repeatable)
    #[arg(long = "related", value_name = "ID")]
    pub related: Vec<String>,
    /// A mitigation (risk; repeatable)
    #[arg(long = "mitigation", value_name = "TEXT")]
    pub mitigations: Vec<String>,
    /// An agenda item `TITLE=MINUTES` (meeting; repeatable)
    #[arg(long = "item", value_name = "TITLE=MINUTES")]
    pub items: Vec<String>,
    /// A first update, dated today
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub fields: FieldArgs,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Clone, Copy, clap::Args)]
pub struct WriteArgs {
    /// Show what would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Commit the record's file (and nothing else) to git
    #[arg(long)]
    pub commit: bool,
}

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// The record's id
    pub id: String,
    /// Append an update `{date: today, text}`
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub fields: FieldArgs,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub struct CloseArgs {
    /// The action's (or risk's) id
    pub id: String,
    /// Append an update `{date: today, text}`
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
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
    pub trend: TrendArgs,
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
    pub trend: TrendArgs,
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
