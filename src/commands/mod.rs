//! One file per subcommand; the only layer that writes to stdout and stderr.

mod add;
mod agenda;
mod author;
mod changes;
mod listings;
mod log;
mod prompt;
mod report;
mod show;
mod trend;
mod update;
mod validate;

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use crate::Outcome;
use crate::cli::{Cli, Command};
use crate::color::Palette;
use crate::config::Config;
use crate::model::Kind;
use crate::query::RecordSet;
use crate::render::{self, Format, Listing, Target};
use crate::store::Root;

/// What every command knows: where the records are, the group's settings, and what day it is.
pub struct Context {
    pub root: Root,
    pub config: Config,
    pub today: NaiveDate,
    pub cwd: PathBuf,
    pub palette: Palette,
    /// `--at`: the commit the read commands show the records at.
    pub at: Option<String>,
}

impl Context {
    fn new(cli: &Cli) -> Result<Context> {
        let cwd = std::env::current_dir().context("cannot read the current folder")?;
        let cwd = cwd.canonicalize().unwrap_or(cwd);
        let root = Root::find(cli.dir.as_deref(), &cwd)?;
        let config = Config::load(&root.dir)?;
        // `--at DATE` also means "as on that day", unless `--today` says otherwise.
        let at_date = cli.at.as_deref().and_then(crate::model::date::parse);
        let today = cli
            .today
            .or(at_date)
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let at = match &cli.at {
            Some(rev) => {
                let writes = matches!(
                    cli.command,
                    Command::Add(_) | Command::Update(_) | Command::Close(_) | Command::Validate(_)
                );
                if writes {
                    anyhow::bail!(
                        "`--at` shows records as they stood; it works with the read commands, not `validate`, `add`, `update` or `close`"
                    );
                }
                Some(Self::git_of(&root)?.resolve(rev)?)
            }
            None => None,
        };
        Ok(Context {
            root,
            config,
            today,
            cwd,
            palette: Palette::for_stdout(cli.color),
            at,
        })
    }

    /// The git repository holding the records, or a clear error.
    fn git_of(root: &Root) -> Result<crate::git::Git> {
        let git = crate::git::Git::new(&root.dir);
        if !git.is_repo() {
            anyhow::bail!(
                "`{}` is not in a git repository, so it has no history to read",
                root.dir.display()
            );
        }
        Ok(git)
    }

    pub fn git(&self) -> Result<crate::git::Git> {
        Self::git_of(&self.root)
    }

    /// The records of `kinds` as they stood at `commit`.
    pub fn load_at(&self, commit: &str, kinds: &[Kind]) -> Result<RecordSet> {
        let snapshot = crate::history::snapshot_at(&self.git()?, &self.root.dir, commit, kinds)?;
        Ok(RecordSet::from_snapshot(snapshot, &self.config, self.today))
    }

    /// Where "since the last meeting" starts: `--since` if given, else the date of the meeting
    /// before the next one. Returns the commit and a label for it.
    pub fn since(&self, since: Option<&str>) -> Result<(String, String)> {
        let git = self.git()?;
        let label = match since {
            Some(s) => s.to_string(),
            None => {
                let meetings = self.load(&[Kind::Meeting])?;
                let previous = meetings
                    .previous_meeting(self.today)
                    .ok_or_else(|| anyhow::anyhow!("no earlier meeting to compare with; pass `--since REV|DATE`"))?;
                format!("{}", previous.date.format("%Y-%m-%d"))
            }
        };
        let commit = git.resolve(&label)?;
        Ok((commit, label))
    }

    /// Load the records of `kinds`; fails (exit 2) only when there is no `records/` at all.
    pub fn load(&self, kinds: &[Kind]) -> Result<RecordSet> {
        if let Some(commit) = &self.at {
            return self.load_at(commit, kinds);
        }
        let records = self.root.records();
        if !records.is_dir() {
            anyhow::bail!(
                "`{}` does not exist: there are no records here",
                self.show_path(&records)
            );
        }
        Ok(RecordSet::load(&self.root, &self.config, self.today, kinds))
    }

    /// Where rendered output goes: the terminal's width, or `COLUMNS`/120 when piped.
    pub fn target(&self) -> Target {
        use std::io::IsTerminal;
        let width = if std::io::stdout().is_terminal() {
            None
        } else {
            Some(
                std::env::var("COLUMNS")
                    .ok()
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(120),
            )
        };
        Target {
            palette: self.palette,
            width,
        }
    }

    /// Print a listing, then say on stderr which files were skipped (exit 1 if any were).
    pub fn print_listing(&self, listing: &Listing, format: Option<Format>, set: &RecordSet) -> Result<Outcome> {
        let text = render::listing(listing, format.unwrap_or(Format::Table), self.target())?;
        self.emit(&text)?;
        Ok(self.report_problems(set))
    }

    /// Write to stdout (a closed pipe ends the program quietly, in `main`).
    pub fn emit(&self, text: &str) -> Result<()> {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        Ok(())
    }

    /// No silent gaps: every file that failed to load is named on stderr.
    pub fn report_problems(&self, set: &RecordSet) -> Outcome {
        if set.problems.is_empty() {
            return Outcome::Success;
        }
        let mut files: Vec<&std::path::Path> = set.problems.iter().map(|f| f.path.as_path()).collect();
        files.dedup();
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "warning: {} record {} skipped because {} errors (run `ccag validate` for details):",
                files.len(),
                if files.len() == 1 { "file was" } else { "files were" },
                if files.len() == 1 { "it has" } else { "they have" },
            );
            // Enough to act on; `ccag validate` lists them all.
            const SHOWN: usize = 20;
            for f in set.problems.iter().take(SHOWN) {
                eprintln!("  {}", self.finding_line(f));
            }
            if set.problems.len() > SHOWN {
                eprintln!("  … and {} more", set.problems.len() - SHOWN);
            }
        }
        Outcome::Findings
    }

    /// A finding as one line, the way `ccag validate` prints it (without colour).
    pub fn finding_line(&self, f: &crate::validate::Finding) -> String {
        format!(
            "{}:{}:{}: {}[{}]: {}",
            self.show_path(&f.path),
            f.line,
            f.col,
            f.severity.as_str(),
            f.rule,
            f.message
        )
    }

    /// `path` as the user should see it.
    pub fn show_path(&self, path: &std::path::Path) -> String {
        self.root.display(path, &self.cwd)
    }
}

pub fn run(cli: Cli) -> Result<Outcome> {
    let cx = Context::new(&cli)?;
    match cli.command {
        Command::Validate(args) => validate::run(&cx, args),
        Command::Actions(args) => listings::actions(&cx, args),
        Command::Crs(args) => listings::crs(&cx, args),
        Command::Risks(args) => listings::risks(&cx, args),
        Command::Milestones(args) => listings::milestones(&cx, args),
        Command::Meetings(args) => listings::meetings(&cx, args),
        Command::Show(args) => show::run(&cx, args),
        Command::Agenda(args) => agenda::run(&cx, args),
        Command::Report(args) => report::run(&cx, args),
        Command::Add(args) => add::run(&cx, args),
        Command::Update(args) => update::update(&cx, args),
        Command::Close(args) => update::close(&cx, args),
        Command::Log(args) => log::run(&cx, args),
        Command::Changes(args) => changes::run(&cx, args),
    }
}
