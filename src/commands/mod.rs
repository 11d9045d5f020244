//! One file per subcommand, each behind the `Run` trait and declaring what it needs; the only
//! layer that writes to stdout and stderr. `args.rs` builds the parser (the clap types of
//! `cli.rs` plus what the domain adds) and turns the parsed options into each command.

mod actions;
mod add;
mod agenda;
pub mod args;
mod changes;
mod close;
mod completions;
mod crs;
mod edit;
mod edits;
mod export;
mod fields;
mod fmt;
mod import;
mod init;
mod log;
mod man;
mod meetings;
mod milestones;
mod mv;
mod options;
pub mod output;
mod prompt;
pub(crate) mod report;
mod risks;
mod rm;
mod schemas;
mod show;
mod site;
mod templates;
mod update;
mod validate;

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

pub use args::{command, run};

use crate::Outcome;
use crate::color::{ColorWhen, Palette};
use crate::config::Config;
use crate::git::Git;
use crate::model::Kind;
use crate::query::RecordSet;
use crate::store::Root;
use crate::validate::Keep;

/// How much record text (file bytes) a listing or the report holds in memory before it keeps the
/// rest slim: a pack's worth many times over, and well under the memory a large set would need.
pub const SHOWN_IN_FULL: usize = 64 << 20;

/// What a command needs before it can start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Nothing: it runs in any folder (`ccag fields`).
    Nothing,
    /// A records repository to read (optionally as it stood at `--at`).
    Records,
    /// A records repository to change.
    WritableRecords,
}

/// A subcommand: its options as domain values, and what it needs.
pub trait Run {
    const NEEDS: Needs;
    fn run(self, cx: &Context) -> Result<Outcome>;
}

/// The records repository a command works on.
pub struct Repo {
    pub root: Root,
    pub config: Config,
    /// `--at`: the commit the read commands show the records at.
    pub at: Option<String>,
}

/// What every command knows: where it runs, what day it is, how to colour; and, for commands
/// that need one, the records repository.
pub struct Context {
    pub cwd: PathBuf,
    pub today: NaiveDate,
    pub palette: Palette,
    repo: Option<Repo>,
}

/// The global options, as domain values.
pub struct Globals {
    pub dir: Option<PathBuf>,
    pub today: Option<NaiveDate>,
    pub color: ColorWhen,
    pub at: Option<String>,
}

/// Build the context `C` needs, then run it.
pub fn start<C: Run>(command: C, globals: &Globals) -> Result<Outcome> {
    let cx = Context::new(globals, C::NEEDS)?;
    command.run(&cx)
}

impl Context {
    fn new(globals: &Globals, needs: Needs) -> Result<Context> {
        let cwd = std::env::current_dir().context("cannot read the current folder")?;
        let cwd = cwd.canonicalize().unwrap_or(cwd);
        // `--at DATE` also means "as on that day", unless `--today` says otherwise.
        let at_date = globals.at.as_deref().and_then(crate::model::date::parse);
        let today = globals
            .today
            .or(at_date)
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let repo = match needs {
            Needs::Nothing => None,
            Needs::Records | Needs::WritableRecords => {
                let root = Root::find(globals.dir.as_deref(), &cwd)?;
                let config = Config::load(&root.dir)?;
                crate::views::use_date_format(config.date_format);
                let at = match &globals.at {
                    Some(rev) => Some(git_of(&root)?.resolve(rev)?),
                    None => None,
                };
                Some(Repo { root, config, at })
            }
        };
        Ok(Context {
            cwd,
            today,
            palette: Palette::for_stdout(globals.color),
            repo,
        })
    }

    /// The records repository (every command that declares `Needs::Records` has one).
    pub fn repo(&self) -> Result<&Repo> {
        match &self.repo {
            Some(repo) => Ok(repo),
            None => bail!("this command needs a records repository"),
        }
    }

    pub fn root(&self) -> Result<&Root> {
        Ok(&self.repo()?.root)
    }

    pub fn config(&self) -> Result<&Config> {
        Ok(&self.repo()?.config)
    }

    /// The git repository holding the records, or a clear error.
    pub fn git(&self) -> Result<Git> {
        git_of(self.root()?)
    }

    /// The records of `kinds` as they stood at `commit`.
    pub fn load_at(&self, commit: &str, kinds: &[Kind]) -> Result<RecordSet> {
        self.load_at_some(commit, kinds, &crate::validate::keep_all)
    }

    fn load_at_some(&self, commit: &str, kinds: &[Kind], keep: &Keep<'_>) -> Result<RecordSet> {
        let repo = self.repo()?;
        let snapshot = crate::history::snapshot_at(&self.git()?, &repo.root.dir, commit, kinds)?;
        Ok(RecordSet::from_snapshot(snapshot, &repo.config, self.today, keep))
    }

    /// Where "since the last meeting" starts, as a commit and a label for it. `--since` takes a
    /// revision, a date or a meeting id; a date (or a meeting's date) means the records as they
    /// stood when that day began, so the day's own decisions count as changes. Without
    /// `--since`, the previous meeting's day is taken.
    pub fn since(&self, since: Option<&str>) -> Result<(String, String)> {
        let git = self.git()?;
        let day = match since {
            None => {
                let meetings = self.load(&[Kind::Meeting])?;
                let previous = meetings.previous_meeting(self.today).ok_or_else(|| {
                    anyhow::anyhow!("no earlier meeting to compare with; pass `--since REV|DATE|MEETING`")
                })?;
                return self.since_meeting(previous);
            }
            Some(s) => crate::model::date::parse(s),
        };
        let given = since.unwrap_or_default();
        if let Some(day) = day {
            return Ok((git.before_day(day)?, given.to_string()));
        }
        if crate::ids::looks_like_meeting(&self.config()?.prefix, given) {
            let meetings = self.load(&[Kind::Meeting])?;
            let meeting = meetings.pick_meeting(Some(given), self.today)?;
            return self.since_meeting(meeting);
        }
        Ok((git.resolve(given)?, given.to_string()))
    }

    /// The records as they stood when `meeting`'s day began, and its date as the label.
    pub fn since_meeting(&self, meeting: &crate::model::Meeting) -> Result<(String, String)> {
        let commit = self.git()?.before_day(meeting.date)?;
        Ok((commit, meeting.date.format("%Y-%m-%d").to_string()))
    }

    /// Load the records of `kinds`; fails (exit 2) only when there is no `records/` at all.
    pub fn load(&self, kinds: &[Kind]) -> Result<RecordSet> {
        self.load_some(kinds, &crate::validate::keep_all)
    }

    /// As `load`, keeping in memory only the records `keep` accepts (the rest are still checked).
    pub fn load_some(&self, kinds: &[Kind], keep: &Keep<'_>) -> Result<RecordSet> {
        let repo = self.repo()?;
        if let Some(commit) = &repo.at {
            return self.load_at_some(commit, kinds, keep);
        }
        self.records_dir()?;
        Ok(RecordSet::load_some(&repo.root, &repo.config, self.today, kinds, keep))
    }

    /// As `load_some` for commands that show many records (listings, the report): past a budget
    /// of record text held in full, records are kept slim and their rows read them again as they
    /// are written, so memory stays bounded on any record set.
    pub fn load_shown(&self, kinds: &[Kind], keep: &Keep<'_>) -> Result<RecordSet> {
        let repo = self.repo()?;
        if let Some(commit) = &repo.at {
            return self.load_at_some(commit, kinds, keep);
        }
        self.records_dir()?;
        // `CCAG_SHOWN_IN_FULL` (bytes) lets the tests prove that slim and whole records print alike.
        let budget = std::env::var("CCAG_SHOWN_IN_FULL")
            .ok()
            .and_then(|b| b.parse().ok())
            .unwrap_or(SHOWN_IN_FULL);
        Ok(RecordSet::load_within(
            &repo.root,
            &repo.config,
            self.today,
            kinds,
            keep,
            budget,
        ))
    }

    /// `records/`, which must exist.
    pub fn records_dir(&self) -> Result<PathBuf> {
        let records = self.root()?.records();
        if !records.is_dir() {
            bail!(
                "`{}` does not exist: there are no records here",
                self.show_path(&records)
            );
        }
        Ok(records)
    }

    /// `path` as the user should see it: relative to the working folder when below it.
    pub fn show_path(&self, path: &Path) -> String {
        path.strip_prefix(&self.cwd).unwrap_or(path).display().to_string()
    }
}

fn git_of(root: &Root) -> Result<Git> {
    let git = Git::new(&root.dir);
    if !git.is_repo() {
        bail!(
            "`{}` is not in a git repository, so it has no history to read",
            root.dir.display()
        );
    }
    Ok(git)
}
