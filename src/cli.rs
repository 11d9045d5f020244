//! The command line as clap types only. This file depends on nothing else in the crate, so it
//! can be read (or included by a build script) on its own; `commands::args` adds what comes from
//! the domain (the record fields' flags, the allowed values of each enumerated option) and turns
//! these types into domain options at the boundary.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "ccag",
    version,
    about = "Validate, query and render the working records of a code-change advisory group"
)]
#[command(propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    /// Read the records as they stood at REV or DATE (read commands only; also accepted after the command)
    #[arg(long, value_name = "REV|DATE")]
    pub at: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes, before or after its name.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Run as if started in DIR (the records repository root)
    #[arg(
        short = 'C',
        long = "dir",
        global = true,
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub dir: Option<PathBuf>,

    /// Take "today" to be DATE (YYYY-MM-DD), for overdue and next-meeting logic
    #[arg(
        long,
        global = true,
        env = "CCAG_TODAY",
        value_name = "DATE",
        help_heading = "Global options"
    )]
    pub today: Option<String>,

    /// When to colour output
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = ColorChoice::Auto,
        value_name = "WHEN",
        help_heading = "Global options"
    )]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a records repository ready to use: git, ccag.toml, folders, schemas, CI (needs no repository)
    Init(InitArgs),
    /// Check records against the schemas and the semantic rules
    Validate(ValidateArgs),
    /// Lay record files out one canonical way (field order, indent, schema line), comments kept
    Fmt(FmtArgs),
    /// The actions log ("Review of outstanding actions")
    #[command(alias = "action")]
    Actions(ActionsArgs),
    /// The horizon-scanning log of code changes and programme CRs, by code body
    #[command(alias = "cr")]
    Crs(CrsArgs),
    /// The risk register
    #[command(alias = "risk")]
    Risks(RisksArgs),
    /// The milestone plan, with slip (forecast − baseline)
    #[command(alias = "milestone")]
    Milestones(MilestonesArgs),
    /// The meetings, with their start and end times
    #[command(alias = "meeting")]
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
    /// Open a closed action (removing `closed`) or risk again, optionally with a note
    Reopen(CloseArgs),
    /// Open a record in your editor; what you save is checked before it is written
    Edit(EditArgs),
    /// Delete a record (refused while other records' `related` name it, unless --force)
    Rm(RmArgs),
    /// Give a record a new id: the file renamed and every `related` reference to it changed
    Mv(MvArgs),
    /// A record's history from git: each commit and the fields it changed
    Log(LogArgs),
    /// Records added, modified and removed between two points in history
    Changes(ChangesArgs),
    /// The fields of each record kind: type, whether required, allowed values (needs no repository)
    Fields(FieldsArgs),
    /// Shell completions, record ids included: `source <(ccag completions bash)` (needs no repository)
    Completions(CompletionsArgs),
    /// Manual pages, one per subcommand, into DIR (or the main page to stdout) (needs no repository)
    Man(ManArgs),
    /// The JSON Schemas built into ccag: print one, write them all, or check a copy is current
    Schemas(SchemasArgs),
    /// The logs as a workbook (a sheet per kind, as the pack lays them out) or as CSV
    Export(ExportArgs),
    /// Records from a workbook or CSV file: new ids added, existing records updated in place
    Import(ImportArgs),
    /// A static site of the records: the current pack, a page per record, meeting and code body
    Site(SiteArgs),
    /// Copy the built-in HTML templates into a folder, to start a group's own layout (needs no repository)
    Templates(TemplatesArgs),
}

impl Command {
    /// The `--at` given after the command's name, for the commands that take one.
    pub fn at(&self) -> Option<&str> {
        match self {
            Command::Actions(a) => a.at.at.as_deref(),
            Command::Crs(a) => a.at.at.as_deref(),
            Command::Risks(a) => a.at.at.as_deref(),
            Command::Milestones(a) => a.at.at.as_deref(),
            Command::Meetings(a) => a.at.at.as_deref(),
            Command::Show(a) => a.at.at.as_deref(),
            Command::Agenda(a) => a.at.at.as_deref(),
            Command::Report(a) => a.at.at.as_deref(),
            Command::Log(a) => a.at.at.as_deref(),
            _ => None,
        }
    }

    /// Whether the command reads the records as they stood at a revision (`--at`).
    pub fn takes_at(&self) -> bool {
        matches!(
            self,
            Command::Actions(_)
                | Command::Crs(_)
                | Command::Risks(_)
                | Command::Milestones(_)
                | Command::Meetings(_)
                | Command::Show(_)
                | Command::Agenda(_)
                | Command::Report(_)
                | Command::Log(_)
        )
    }

    /// The command's name on the command line.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Validate(_) => "validate",
            Command::Fmt(_) => "fmt",
            Command::Actions(_) => "actions",
            Command::Crs(_) => "crs",
            Command::Risks(_) => "risks",
            Command::Milestones(_) => "milestones",
            Command::Meetings(_) => "meetings",
            Command::Show(_) => "show",
            Command::Agenda(_) => "agenda",
            Command::Report(_) => "report",
            Command::Add(_) => "add",
            Command::Update(_) => "update",
            Command::Close(_) => "close",
            Command::Reopen(_) => "reopen",
            Command::Rm(_) => "rm",
            Command::Edit(_) => "edit",
            Command::Mv(_) => "mv",
            Command::Log(_) => "log",
            Command::Changes(_) => "changes",
            Command::Fields(_) => "fields",
            Command::Completions(_) => "completions",
            Command::Man(_) => "man",
            Command::Init(_) => "init",
            Command::Schemas(_) => "schemas",
            Command::Export(_) => "export",
            Command::Import(_) => "import",
            Command::Site(_) => "site",
            Command::Templates(_) => "templates",
        }
    }
}

/// `--at`, offered by the read commands only.
#[derive(Debug, Clone, Default, Args)]
pub struct AtArg {
    /// Read the records as they stood at REV (a commit, tag, branch) or DATE (the last commit on or before it)
    #[arg(long, value_name = "REV|DATE")]
    pub at: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The record's id
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
    /// History up to REV or DATE only
    #[command(flatten)]
    pub at: AtArg,
}

#[derive(Debug, Args)]
pub struct ChangesArgs {
    /// From this revision, the start of this date, or the start of this meeting's day
    /// [default: the previous meeting's day, so its own decisions are included]
    #[arg(long, value_name = "REV|DATE|MEETING")]
    pub since: Option<String>,
    /// Up to this revision or the end of this date [default: the work tree as it is now]
    #[arg(long, value_name = "REV|DATE")]
    pub until: Option<String>,
    #[command(flatten)]
    pub format: ListingFormatArg,
}

/// `--trend` and its starting point, shared by `risks` and `actions`.
#[derive(Debug, Clone, Args)]
pub struct TrendArgs {
    /// Counts then and now instead of the records (the pack's previous/current chart)
    #[arg(long)]
    pub trend: bool,
    /// With --trend: compare with this revision, or the start of this date or meeting's day
    /// [default: the start of the previous meeting's day]
    #[arg(long, value_name = "REV|DATE|MEETING", requires = "trend")]
    pub since: Option<String>,
}

/// `add` and `update` also take a flag for each field (`--title`, `--due`, …); those come from the
/// field table, in `commands::args`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The kind of record
    #[arg(value_name = "KIND")]
    pub kind: String,
    /// The meeting an action was raised at [default: the latest on or before today]
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// A first update, dated today
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// A meeting: start from this meeting's agenda items (titles, purposes, types, leads,
    /// minutes, tables shown); `--item` adds to them
    #[arg(long, value_name = "MEETING")]
    pub from: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Clone, Copy, Args)]
pub struct WriteArgs {
    /// Show what would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Commit the record's file (and nothing else) to git
    #[arg(long)]
    pub commit: bool,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The record's id; several ids get the same change, all or none
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Append an update `{date: today, text}`
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Args)]
pub struct CloseArgs {
    /// The action's (or risk's) id; several ids are changed together, all or none
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Append an update `{date: today, text}`
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The record's id
    pub id: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// How `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    /// A workbook: a sheet per kind, dates as date cells, drop-downs, colours
    Xlsx,
    /// One kind as CSV, in the same columns
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The kinds to export (default: every kind): action, cr, risk, milestone, meeting
    #[arg(value_name = "KIND")]
    pub kinds: Vec<String>,
    /// xlsx or csv (default: from FILE's extension, else xlsx)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<SheetFormat>,
    /// Write to FILE (replaced atomically) instead of stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Actions: every status but closed
    #[arg(long, help_heading = "Filters (as the listings take them)")]
    pub open: bool,
    /// Actions: open and due before today
    #[arg(long, help_heading = "Filters (as the listings take them)")]
    pub overdue: bool,
    /// Only this status (with one kind)
    #[arg(long, value_name = "STATUS", help_heading = "Filters (as the listings take them)")]
    pub status: Option<String>,
    /// Actions and risks: owner organisation or person (part of the name is enough)
    #[arg(long, value_name = "ORG", help_heading = "Filters (as the listings take them)")]
    pub owner: Option<String>,
    /// Actions raised at this meeting
    #[arg(long, value_name = "ID", help_heading = "Filters (as the listings take them)")]
    pub meeting: Option<String>,
    /// Actions due before DATE
    #[arg(long, value_name = "DATE", help_heading = "Filters (as the listings take them)")]
    pub due_before: Option<String>,
    /// Crs of this code body
    #[arg(long, value_name = "BODY", help_heading = "Filters (as the listings take them)")]
    pub body: Option<String>,
    /// Crs with this programme impact
    #[arg(long, value_name = "IMPACT", help_heading = "Filters (as the listings take them)")]
    pub impact: Option<String>,
    /// Crs raised, updated or decided on or after DATE
    #[arg(long, value_name = "DATE", help_heading = "Filters (as the listings take them)")]
    pub updated_since: Option<String>,
    /// Risks of this RAG
    #[arg(long, value_name = "RAG", help_heading = "Filters (as the listings take them)")]
    pub rag: Option<String>,
    /// Records holding TEXT (ids, titles, summaries, owners, updates), in any case
    #[arg(long, value_name = "TEXT", help_heading = "Filters (as the listings take them)")]
    pub grep: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The workbook (.xlsx, .xls, .ods) or .csv file
    pub file: PathBuf,
    /// Only this sheet
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The kind the rows are (default: from the sheet's name, else its headers)
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Say what would change (new, changed field by field, unchanged), and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Commit the import, as one commit
    #[arg(long)]
    pub commit: bool,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Record files or folders under `records/` (default: every record)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write nothing; list the files that are not laid out canonically, and exit 1 if any (for CI)
    #[arg(long)]
    pub check: bool,
    /// Write nothing; show what would change, as a unified diff (exit 1 if anything would)
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// The record's id
    pub id: String,
    /// Remove it even though other records' `related` name it
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Args)]
pub struct MvArgs {
    /// The record's id now
    #[arg(index = 1)]
    pub id: String,
    /// Its new id (the file is renamed to match)
    #[arg(index = 2)]
    pub new_id: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Clone, Copy, Args)]
pub struct ListingFormatArg {
    /// Output format [default: table]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ListingFormat>,
}

/// Text search, order and length: every listing takes them.
#[derive(Debug, Clone, Args)]
pub struct ArrangeArgs {
    /// Only records whose text holds TEXT, in any case (ids, titles, summaries, owners, updates,
    /// mitigations)
    #[arg(long, value_name = "TEXT", help_heading = "Search and order")]
    pub grep: Option<String>,
    /// Order by FIELD: a date, status, id, body or owner (`ccag fields KIND` lists them)
    #[arg(long, value_name = "FIELD", help_heading = "Search and order")]
    pub sort: Option<String>,
    /// With --sort: latest, highest or last first
    #[arg(long, requires = "sort", help_heading = "Search and order")]
    pub desc: bool,
    /// At most N records (after --sort)
    #[arg(long, value_name = "N", help_heading = "Search and order")]
    pub limit: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ActionsArgs {
    /// Every status but closed
    #[arg(long)]
    pub open: bool,
    /// Open and due before today
    #[arg(long)]
    pub overdue: bool,
    /// Only this status
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Owner organisation or person (case-insensitive, part of the name is enough)
    #[arg(long, value_name = "ORG")]
    pub owner: Option<String>,
    /// Actions raised at this meeting (e.g. CCAG26)
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// Due before DATE
    #[arg(long, value_name = "DATE")]
    pub due_before: Option<String>,
    #[command(flatten)]
    pub trend: TrendArgs,
    #[command(flatten)]
    pub arrange: ArrangeArgs,
    #[command(flatten)]
    pub format: ListingFormatArg,
    #[command(flatten)]
    pub at: AtArg,
}

#[derive(Debug, Args)]
pub struct CrsArgs {
    /// Only this code body (BSC, REC, DCUSA, …)
    #[arg(long, value_name = "BODY")]
    pub body: Option<String>,
    /// Only this status
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Only this programme impact
    #[arg(long, value_name = "IMPACT")]
    pub impact: Option<String>,
    /// Raised, updated or decided on or after DATE
    #[arg(long, value_name = "DATE")]
    pub updated_since: Option<String>,
    /// One card per change, as the pack lays out the log (summary, latest update, positions,
    /// status, decision date, impact); table or markdown
    #[arg(long)]
    pub cards: bool,
    #[command(flatten)]
    pub arrange: ArrangeArgs,
    #[command(flatten)]
    pub format: ListingFormatArg,
    #[command(flatten)]
    pub at: AtArg,
}

#[derive(Debug, Args)]
pub struct RisksArgs {
    /// Only this RAG
    #[arg(long, value_name = "RAG")]
    pub rag: Option<String>,
    /// Owner organisation or person (case-insensitive, part of the name is enough)
    #[arg(long, value_name = "ORG")]
    pub owner: Option<String>,
    /// Only this status
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    #[command(flatten)]
    pub trend: TrendArgs,
    #[command(flatten)]
    pub arrange: ArrangeArgs,
    #[command(flatten)]
    pub format: ListingFormatArg,
    #[command(flatten)]
    pub at: AtArg,
}

#[derive(Debug, Args)]
pub struct MilestonesArgs {
    /// Only this status
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    #[command(flatten)]
    pub arrange: ArrangeArgs,
    #[command(flatten)]
    pub format: ListingFormatArg,
    #[command(flatten)]
    pub at: AtArg,
}

#[derive(Debug, Args)]
pub struct MeetingsArgs {
    #[command(flatten)]
    pub arrange: ArrangeArgs,
    #[command(flatten)]
    pub format: ListingFormatArg,
    #[command(flatten)]
    pub at: AtArg,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The record's id (any kind)
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
    #[command(flatten)]
    pub at: AtArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// The meeting (default: the next one on or after today)
    pub meeting: Option<String>,
    /// Output format [default: table]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<DocumentFormat>,
    #[command(flatten)]
    pub page: PageArgs,
    #[command(flatten)]
    pub at: AtArg,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The meeting the pack is for (default: the next one on or after today)
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// Output format [default: table on a terminal, markdown otherwise; html when FILE ends `.html`]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<DocumentFormat>,
    #[command(flatten)]
    pub page: PageArgs,
    #[command(flatten)]
    pub at: AtArg,
}

/// Where a document goes, and the templates of its HTML.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// Write to FILE (replaced atomically) instead of stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// HTML: a folder of templates (`report.html`, `agenda.html`, `_style.css`…) used instead of the built-in ones it names
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The folder to write the site to (created; files ccag wrote there before are replaced)
    #[arg(value_name = "OUT_DIR")]
    pub out: PathBuf,
    /// The meeting the front page's pack is for (default: the next one on or after today)
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// A folder of templates used instead of the built-in ones it names
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// The folder to copy them into (created; a file already there is kept, not replaced)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
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

    /// Also check ids across branches: an id this branch added that REV (in CI, the pull
    /// request's base) also added since they parted, or holds in another file, is an error
    #[arg(long, value_name = "REV")]
    pub against: Option<String>,

    /// Also write the findings as FORMAT to FILE (repeatable): `--report sarif=ccag.sarif`
    #[arg(long, value_name = "FORMAT=FILE")]
    pub report: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make (or complete) [default: the working folder]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// List what would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct SchemasArgs {
    /// Print this kind's schema
    #[arg(value_name = "KIND", conflicts_with_all = ["write", "check"])]
    pub kind: Option<String>,
    /// Write every schema into DIR [default: the repository's `schemas/`]
    #[arg(long, value_name = "DIR", num_args = 0..=1, conflicts_with = "check")]
    pub write: Option<Option<PathBuf>>,
    /// Exit 1 unless DIR holds exactly these schemas [default: the repository's `schemas/`]
    #[arg(long, value_name = "DIR", num_args = 0..=1)]
    pub check: Option<Option<PathBuf>>,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `ccag.1` and a page per subcommand (`ccag-actions.1`, …) into DIR
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct FieldsArgs {
    /// Only this kind
    #[arg(value_name = "KIND")]
    pub kind: Option<String>,
    #[command(flatten)]
    pub format: ListingFormatArg,
}

/// How a listing is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListingFormat {
    /// A table that fits the terminal
    Table,
    /// GitHub-flavoured markdown tables
    Markdown,
    /// RFC 4180 CSV with a header row
    Csv,
    /// The records as a JSON array, with computed fields
    Json,
}

/// How a document (the agenda, the report) is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentFormat {
    /// Headings and tables that fit the terminal
    Table,
    /// Markdown headings and GitHub-flavoured tables
    Markdown,
    /// One JSON object with everything the document shows
    Json,
    /// One self-contained HTML page (inline CSS and SVG charts, no scripts), printable to PDF
    Html,
}

/// How findings are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FindingFormat {
    /// `path:line:col: error[rule]: message`, then a summary
    Text,
    /// One JSON object with every finding
    Json,
    /// GitHub workflow annotations (`::error file=…`)
    Github,
    /// SARIF 2.1.0, for code scanning (paths from the repository root)
    Sarif,
    /// JUnit XML: a test suite per kind, a test case per record file, a failure per error
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
