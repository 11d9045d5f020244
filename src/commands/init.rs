//! `ccag init [DIR]`: a records repository ready to use — git, `ccag.toml` with every setting
//! commented, the kind folders, the schemas, editor settings, a CI workflow, a pre-commit
//! config and a short README. It never overwrites a file that exists (it says which it kept),
//! so running it again changes nothing; `--dry-run` lists what it would write.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::InitArgs;
use crate::config::DEFAULT_BODIES;
use crate::model::Kind;

pub struct Init {
    dir: Option<PathBuf>,
    dry_run: bool,
}

impl Init {
    pub fn new(args: InitArgs) -> Result<Init> {
        Ok(Init {
            dir: args.dir,
            dry_run: args.dry_run,
        })
    }
}

/// `ccag.toml` with every setting present, commented, at its default.
fn config() -> String {
    let mut text = String::from(
        "# ccag settings for this group's records. Every setting is shown at its default.\n\
         \n\
         # Meeting ids are PREFIX and a number (CCAG27); action ids add the action's number (CCAG27-01).\n\
         prefix = \"CCAG\"\n\
         \n\
         # When a meeting has no `start`, it starts at this time (HH:MM).\n\
         start = \"10:00\"\n\
         \n\
         # How tables, markdown and CSV show dates: \"YYYY-MM-DD\" or \"DD/MM/YYYY\" (files stay YYYY-MM-DD).\n\
         date_format = \"YYYY-MM-DD\"\n\
         \n\
         # The code bodies whose changes the horizon log tracks, and the pattern of their references.\n\
         # Listing any [[body]] replaces the built-in list, so keep the ones the group tracks.\n",
    );
    for (name, pattern) in DEFAULT_BODIES {
        text.push_str(&format!("\n[[body]]\nname = \"{name}\"\npattern = '{pattern}'\n"));
    }
    text
}

/// `.vscode/settings.json`: each kind's folder checked against its schema, for editors that do
/// not read the `$schema` line.
fn vscode() -> String {
    let pairs: Vec<String> = Kind::ALL
        .iter()
        .map(|k| {
            format!(
                "    \"./schemas/{}\": \"records/{}/**/*.yaml\"",
                k.schema_file(),
                k.folder()
            )
        })
        .collect();
    format!("{{\n  \"yaml.schemas\": {{\n{}\n  }}\n}}\n", pairs.join(",\n"))
}

const WORKFLOW: &str = r#"# Check the records on every pull request; render the meeting pack on demand.
name: ccag
on:
  pull_request:
  push:
    branches: [main]
  workflow_dispatch:
    inputs:
      meeting:
        description: "The meeting the pack is for (empty: the next one)"
        required: false
env:
  CCAG_GIT: https://github.com/OWNER/ccag # where the group gets ccag from
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # the whole history, for `ccag log`, `ccag changes` and the trends
      - uses: cargo-bins/cargo-binstall@main
      - run: cargo binstall --no-confirm --locked --git "$CCAG_GIT" ccag
      - run: ccag schemas --check
      - run: ccag fmt --check # every record in the one layout; `ccag fmt` fixes it
      - run: ccag validate --format github
        if: github.event_name != 'pull_request'
      # On a pull request, also catch ids the base branch added meanwhile (two `CCAG27-01`s).
      - run: ccag validate --format github --against "origin/$GITHUB_BASE_REF"
        if: github.event_name == 'pull_request'
  pack:
    if: github.event_name == 'workflow_dispatch'
    needs: validate
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: cargo-bins/cargo-binstall@main
      - run: cargo binstall --no-confirm --locked --git "$CCAG_GIT" ccag
      - run: |
          ccag report ${{ github.event.inputs.meeting && format('--meeting {0}', github.event.inputs.meeting) || '' }} --format markdown > pack.md
          ccag agenda ${{ github.event.inputs.meeting }} --format markdown > agenda.md
      - uses: actions/upload-artifact@v4
        with:
          name: meeting-pack
          path: |
            pack.md
            agenda.md
"#;

const PRE_COMMIT: &str = "# Check the records before each commit (https://pre-commit.com): `pre-commit install`.\n\
repos:\n  - repo: local\n    hooks:\n      - id: ccag-validate\n        name: ccag validate\n        entry: ccag validate\n        language: system\n        pass_filenames: false\n        files: ^(records/|schemas/|ccag\\.toml$)\n      - id: ccag-fmt\n        name: ccag fmt --check\n        entry: ccag fmt --check\n        language: system\n        pass_filenames: false\n        files: ^records/\n";

fn readme() -> String {
    "# Our group's records\n\n\
     One YAML file per record, checked and shown by [ccag](https://github.com/OWNER/ccag):\n\n\
     ```sh\n\
     ccag validate                     # check every record\n\
     ccag add action --meeting CCAG1   # raise an action (asks for what is missing)\n\
     ccag actions --open               # the outstanding actions\n\
     ccag agenda                       # the next meeting's agenda\n\
     ccag report --format markdown     # the meeting pack\n\
     ```\n\n\
     - `records/<kind>/`: actions, changes (the horizon log, a folder per code body), risks,\n  milestones, meetings. The file name is the record's id.\n\
     - `schemas/`: the fields of each kind (`ccag schemas --write` refreshes them after an upgrade).\n\
     - `ccag.toml`: the group's settings.\n"
        .to_string()
}

impl Run for Init {
    const NEEDS: Needs = Needs::Nothing;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let root = match &self.dir {
            Some(dir) => cx.cwd.join(dir),
            None => cx.cwd.clone(),
        };
        let mut files: Vec<(PathBuf, String)> = vec![
            (root.join("ccag.toml"), config()),
            (root.join("README.md"), readme()),
            (root.join(".vscode/settings.json"), vscode()),
            (root.join(".github/workflows/ccag.yml"), WORKFLOW.to_string()),
            (root.join(".pre-commit-config.yaml"), PRE_COMMIT.to_string()),
        ];
        for (name, text) in super::schemas::embedded() {
            files.push((root.join("schemas").join(name), text.to_string()));
        }
        // Git keeps no empty folder: a `.gitkeep` holds each kind's place.
        for kind in Kind::ALL {
            files.push((root.join("records").join(kind.folder()).join(".gitkeep"), String::new()));
        }
        let shown = |p: &Path| p.strip_prefix(&root).unwrap_or(p).display().to_string();
        let is_repo = crate::git::Git::new(&root).is_repo();
        let mut report = String::new();
        let (mut written, mut kept) = (Vec::new(), Vec::new());
        for (path, _) in &files {
            if path.exists() {
                kept.push(shown(path))
            } else {
                written.push(shown(path))
            }
        }
        if self.dry_run {
            if !is_repo {
                report.push_str("would run `git init`\n");
            }
            for w in &written {
                report.push_str(&format!("would write {w}\n"));
            }
            for k in &kept {
                report.push_str(&format!("would keep {k} (it exists)\n"));
            }
            output::emit(&report)?;
            return Ok(Outcome::Success);
        }
        std::fs::create_dir_all(&root).with_context(|| format!("cannot create `{}`", root.display()))?;
        if !is_repo {
            let status = std::process::Command::new("git")
                .args(["init", "--quiet"])
                .current_dir(&root)
                .status()
                .context("cannot run `git` (is it installed?)")?;
            if !status.success() {
                anyhow::bail!("`git init` failed in `{}`", root.display());
            }
            report.push_str("ran `git init`\n");
        }
        for (path, text) in &files {
            if path.exists() {
                continue;
            }
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
            }
            std::fs::write(path, text).with_context(|| format!("cannot write `{}`", path.display()))?;
        }
        for w in &written {
            report.push_str(&format!("wrote {w}\n"));
        }
        for k in &kept {
            report.push_str(&format!("kept {k} (it exists)\n"));
        }
        let place = self
            .dir
            .as_ref()
            .map(|d| format!("cd {} && ", d.display()))
            .unwrap_or_default();
        report.push_str(&format!(
            "next: {place}ccag add meeting --date YYYY-MM-DD --item \"Minutes and Actions=10\", then `ccag validate`\n"
        ));
        output::emit(&report)?;
        Ok(Outcome::Success)
    }
}
