//! `ccag site OUT_DIR`: a static site of the records for members without the CLI — the current
//! pack as `index.html`, a page per record (fields, updates, history from git, related records
//! both ways), per meeting (its agenda) and per code body. Written whole to a folder beside
//! `OUT_DIR` and swapped into place, so a failed run leaves the previous site as it was.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::SiteArgs;
use crate::html::site::{self, SiteInput};
use crate::model::Kind;

/// The file that marks a folder as a site ccag wrote (so it may be replaced).
const MARKER: &str = ".ccag-site";

pub struct Site {
    out: PathBuf,
    meeting: Option<String>,
    template: Option<PathBuf>,
}

impl Site {
    pub fn new(args: SiteArgs) -> Result<Site> {
        Ok(Site {
            out: args.out,
            meeting: args.meeting,
            template: args.template,
        })
    }
}

impl Run for Site {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let root = cx.root()?;
        let out = cx.cwd.join(&self.out);
        check_target(&out, &root.records())?;
        let config = cx.config()?;
        let set = cx.load(&Kind::ALL)?;
        let meeting = cx.pick_meeting(&set, self.meeting.as_deref())?;
        let report = super::report::build(cx, &set, meeting)?;
        let (history, history_gap) = match cx.git() {
            Ok(git) => {
                let prefix = crate::history::records_prefix(&git, &root.dir)?;
                (crate::history::all::all_logs(&git, &prefix)?, None)
            }
            Err(_) => (
                Default::default(),
                Some("The records are not in a git repository, so there is no history.".to_string()),
            ),
        };
        let shown_paths = set
            .paths
            .iter()
            .map(|(id, path)| {
                let shown = path.strip_prefix(&root.dir).unwrap_or(path);
                (id.clone(), shown.display().to_string().replace('\\', "/"))
            })
            .collect();
        let input = SiteInput {
            set: &set,
            config,
            today: cx.today,
            report: &report,
            meeting,
            history: &history,
            history_gap,
            shown_paths: &shown_paths,
            templates: self.template.as_deref(),
        };
        let count = publish(&out, |emit| site::build(&input, emit))
            .with_context(|| format!("cannot write the site to `{}`", out.display()))?;
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "wrote {count} pages to {}: open {}",
                cx.show_path(&out),
                cx.show_path(&out.join("index.html"))
            );
        }
        Ok(cx.report_problems(&set))
    }
}

/// Refuse a folder that holds anything but a site ccag wrote, or that lies among the records.
fn check_target(out: &Path, records: &Path) -> Result<()> {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let parent = out.parent().map(canonical).unwrap_or_default();
    if parent.starts_with(canonical(records)) || canonical(out) == canonical(records) {
        bail!(
            "`{}` is inside the records folder; write the site somewhere else (like `site/`)",
            out.display()
        );
    }
    if out.exists() {
        if !out.is_dir() {
            bail!("`{}` exists and is not a folder; nothing was written", out.display());
        }
        let empty = fs::read_dir(out)?.next().is_none();
        if !empty && !out.join(MARKER).is_file() {
            bail!(
                "`{}` is not empty and is not a site ccag wrote, so it is left alone; nothing was written\n  \
                 hint: name a new or empty folder",
                out.display()
            );
        }
    }
    Ok(())
}

/// Write the pages `build` makes to a new folder beside `out`, then swap it into place; on any
/// failure the new folder is removed and `out` is as it was. Returns how many pages there were.
fn publish(
    out: &Path,
    build: impl FnOnce(&(dyn Fn(site::SitePage) -> Result<()> + Sync)) -> Result<usize>,
) -> Result<usize> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    let beside = |what: &str| out.with_file_name(format!(".{name}.ccag-{what}-{}", std::process::id()));
    let fresh = beside("new");
    let result = (|| -> Result<usize> {
        fs::create_dir_all(fresh.join("records"))?;
        fs::create_dir_all(fresh.join("bodies"))?;
        let write = |page: site::SitePage| -> Result<()> {
            let path = fresh.join(&page.path);
            fs::write(&path, &page.html).with_context(|| format!("cannot write `{}`", path.display()))
        };
        let count = build(&write)?;
        fs::write(
            fresh.join(MARKER),
            "This folder was written by `ccag site`; running it again replaces everything here.\n",
        )?;
        if out.exists() {
            let old = beside("old");
            fs::rename(out, &old)?;
            if let Err(e) = fs::rename(&fresh, out) {
                fs::rename(&old, out).ok();
                return Err(e.into());
            }
            fs::remove_dir_all(&old).ok();
        } else {
            fs::rename(&fresh, out)?;
        }
        Ok(count)
    })();
    if result.is_err() {
        fs::remove_dir_all(&fresh).ok();
    }
    result
}
