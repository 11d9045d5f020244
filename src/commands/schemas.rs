//! `ccag schemas`: the JSON Schemas built into this ccag — printed, written into a records
//! repository's `schemas/` (after an upgrade), or checked to be current there (in CI).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::SchemasArgs;
use crate::model::Kind;

enum Action {
    List,
    Print(Kind),
    Write(Option<PathBuf>),
    Check(Option<PathBuf>),
}

pub struct Schemas {
    action: Action,
}

impl Schemas {
    pub fn new(args: SchemasArgs) -> Result<Schemas> {
        let action = match (args.kind, args.write, args.check) {
            (Some(kind), _, _) => Action::Print(super::options::checked_kind(&kind)?),
            (None, Some(dir), _) => Action::Write(dir),
            (None, None, Some(dir)) => Action::Check(dir),
            (None, None, None) => Action::List,
        };
        Ok(Schemas { action })
    }
}

/// Every kind's schema file name and text, as built in.
pub fn embedded() -> Vec<(String, &'static str)> {
    Kind::ALL
        .iter()
        .filter_map(|k| ccag_jsonschema::source(k.name()).map(|s| (k.schema_file(), s)))
        .collect()
}

/// DIR as given (from the working folder), else the repository's `schemas/`, else `./schemas`.
fn folder(cx: &Context, given: Option<PathBuf>) -> PathBuf {
    match given {
        Some(dir) => cx.cwd.join(dir),
        None => crate::store::Root::find(None, &cx.cwd)
            .map(|root| root.dir.join("schemas"))
            .unwrap_or_else(|_| cx.cwd.join("schemas")),
    }
}

/// The schema files in `dir` that are missing or differ from the built-in ones.
pub fn stale(dir: &Path) -> Vec<String> {
    embedded()
        .into_iter()
        .filter(|(name, text)| std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(*text))
        .map(|(name, _)| name)
        .collect()
}

impl Run for Schemas {
    const NEEDS: Needs = Needs::Nothing;

    fn run(self, cx: &Context) -> Result<Outcome> {
        match self.action {
            Action::Print(kind) => {
                let text = ccag_jsonschema::source(kind.name()).unwrap_or_default();
                output::emit(text)?;
            }
            Action::List => {
                let dir = folder(cx, None);
                let stale = stale(&dir);
                let mut text = String::new();
                for (name, _) in embedded() {
                    let state = if !dir.join(&name).exists() {
                        "missing"
                    } else if stale.contains(&name) {
                        "differs"
                    } else {
                        "current"
                    };
                    text.push_str(&format!("{name}  {state} in {}\n", cx.show_path(&dir)));
                }
                output::emit(&text)?;
            }
            Action::Write(dir) => {
                let dir = folder(cx, dir);
                std::fs::create_dir_all(&dir).with_context(|| format!("cannot create `{}`", cx.show_path(&dir)))?;
                let stale = stale(&dir);
                for (name, text) in embedded() {
                    if stale.contains(&name) {
                        let path = dir.join(&name);
                        std::fs::write(&path, text)
                            .with_context(|| format!("cannot write `{}`", cx.show_path(&path)))?;
                    }
                }
                output::emit(&match stale.len() {
                    0 => format!(
                        "the schemas in `{}` are current; nothing was written\n",
                        cx.show_path(&dir)
                    ),
                    _ => format!("wrote {} into `{}`\n", stale.join(", "), cx.show_path(&dir)),
                })?;
            }
            Action::Check(dir) => {
                let dir = folder(cx, dir);
                if !dir.is_dir() {
                    bail!(
                        "`{}` does not exist\n  hint: `ccag schemas --write` writes the schemas there",
                        cx.show_path(&dir)
                    );
                }
                let stale = stale(&dir);
                if !stale.is_empty() {
                    #[allow(clippy::print_stderr)]
                    {
                        eprintln!(
                            "error: {} in `{}` {} not what this ccag checks against\n  hint: `ccag schemas --write` brings them up to date",
                            stale.join(", "),
                            cx.show_path(&dir),
                            if stale.len() == 1 { "is" } else { "are" }
                        );
                    }
                    return Ok(Outcome::Findings);
                }
                output::emit(&format!("the schemas in `{}` are current\n", cx.show_path(&dir)))?;
            }
        }
        Ok(Outcome::Success)
    }
}
