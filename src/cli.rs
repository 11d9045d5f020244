//! The command line as clap types only; `commands/` turns them into work.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

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
