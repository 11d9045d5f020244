//! `ccag man [DIR]`: manual pages from the clap definitions (clap_mangen): `ccag.1` and one
//! page per subcommand into DIR, or the main page to stdout.

use std::path::PathBuf;

use anyhow::{Context as _, Result};

use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::ManArgs;

pub struct Man {
    dir: Option<PathBuf>,
    /// The whole parser, as `commands::args` builds it.
    cmd: clap::Command,
}

impl Man {
    pub fn new(args: ManArgs, cmd: clap::Command) -> Result<Man> {
        Ok(Man { dir: args.dir, cmd })
    }
}

impl Run for Man {
    const NEEDS: Needs = Needs::Nothing;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let cmd = self.cmd;
        let Some(dir) = self.dir else {
            output::to_stdout(|out| Ok(clap_mangen::Man::new(cmd).render(out)?))?;
            return Ok(Outcome::Success);
        };
        let shown = dir.display().to_string();
        let dir = cx.cwd.join(dir);
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
        clap_mangen::generate_to(cmd, &dir)
            .with_context(|| format!("cannot write the pages into `{}`", dir.display()))?;
        let mut pages: Vec<String> = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("ccag") && n.ends_with(".1"))
            .collect();
        pages.sort();
        output::emit(&format!(
            "{} pages in `{shown}`: {}\n  hint: `man -l {shown}/ccag.1`, or put `{shown}` on MANPATH\n",
            pages.len(),
            pages.join(", ")
        ))?;
        Ok(Outcome::Success)
    }
}
