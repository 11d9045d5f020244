//! `ccag completions SHELL`: the shell's registration of ccag's completions. They are dynamic
//! (clap_complete's engine, run by `ccag` itself when the shell asks), so record ids complete
//! for the commands that take one, read from the file names under `records/`.

use std::ffi::OsStr;

use anyhow::Result;
use clap_complete::engine::CompletionCandidate;

use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::{CompletionsArgs, Shell};
use crate::model::Kind;
use crate::store;

/// The environment variable the shell sets when it asks ccag for completions.
pub const VAR: &str = "COMPLETE";

pub struct Completions {
    shell: Shell,
}

impl Completions {
    pub fn new(args: CompletionsArgs) -> Result<Completions> {
        Ok(Completions { shell: args.shell })
    }
}

impl Run for Completions {
    const NEEDS: Needs = Needs::Nothing;

    fn run(self, _cx: &Context) -> Result<Outcome> {
        let name = match self.shell {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
            Shell::Powershell => "powershell",
            Shell::Elvish => "elvish",
        };
        let shells = clap_complete::env::Shells::builtins();
        let shell = shells
            .completer(name)
            .ok_or_else(|| anyhow::anyhow!("no completions for `{name}`"))?;
        // The script runs `ccag` from PATH, so it keeps working when ccag is upgraded.
        output::to_stdout(|out| Ok(shell.write_registration(VAR, "ccag", "ccag", "ccag", out)?))?;
        Ok(Outcome::Success)
    }
}

/// Record ids starting with what is typed (any case), from the file names under `records/` of
/// the repository the shell is in; none outside one.
pub fn record_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy().to_lowercase();
    let Ok(cwd) = std::env::current_dir() else {
        return Vec::new();
    };
    let Ok(root) = store::Root::find(None, &cwd) else {
        return Vec::new();
    };
    let (files, _) = store::walk(&root.records(), &Kind::ALL);
    let mut ids: Vec<String> = files
        .iter()
        .map(|f| store::walk::stem(&f.path).into_owned())
        .filter(|id| id.to_lowercase().starts_with(&typed))
        .collect();
    ids.sort_by(|a, b| crate::ids::natural(a, b));
    ids.into_iter().map(CompletionCandidate::new).collect()
}
