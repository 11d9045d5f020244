//! One file per subcommand; the only layer that writes to stdout and stderr.

mod validate;

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use crate::Outcome;
use crate::cli::{Cli, Command};
use crate::color::Palette;
use crate::config::Config;
use crate::store::Root;

/// What every command knows: where the records are, the group's settings, and what day it is.
pub struct Context {
    pub root: Root,
    pub config: Config,
    pub today: NaiveDate,
    pub cwd: PathBuf,
    pub palette: Palette,
}

impl Context {
    fn new(cli: &Cli) -> Result<Context> {
        let cwd = std::env::current_dir().context("cannot read the current folder")?;
        let cwd = cwd.canonicalize().unwrap_or(cwd);
        let root = Root::find(cli.dir.as_deref(), &cwd)?;
        let config = Config::load(&root.dir)?;
        let today = cli.today.unwrap_or_else(|| chrono::Local::now().date_naive());
        Ok(Context {
            root,
            config,
            today,
            cwd,
            palette: Palette::for_stdout(cli.color),
        })
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
    }
}
