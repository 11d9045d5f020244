//! Git through the `git` binary: its own rename detection, mailmap and date parsing, and no
//! libgit2 to build. Only what authoring needs so far: commit one file, refusing strays.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

fn git(root: &Path, args: &[&str]) -> Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .context("cannot run `git` (is it installed?)")?;
    if !output.status.success() {
        bail!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Check, before anything is written, that a commit of `path` alone is possible: the root is in
/// a git work tree and nothing else is staged.
pub fn check_can_commit(root: &Path, path: &Path) -> Result<()> {
    git(root, &["rev-parse", "--is-inside-work-tree"]).context("`--commit` needs a git repository")?;
    let staged = git(root, &["diff", "--cached", "--name-only", "-z"])?;
    let ours = relative(root, path)?;
    let others: Vec<&str> = staged.split('\0').filter(|p| !p.is_empty() && *p != ours).collect();
    if !others.is_empty() {
        bail!(
            "other changes are staged ({}); `--commit` commits only this record\n  hint: commit or unstage them first (`git restore --staged …`)",
            others.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
        );
    }
    Ok(())
}

/// Stage and commit `path` alone with `message`; returns the short commit id.
pub fn commit_file(root: &Path, path: &Path, message: &str) -> Result<String> {
    let rel = relative(root, path)?;
    git(root, &["add", "--", &rel])?;
    git(root, &["commit", "--quiet", "-m", message, "--", &rel])?;
    Ok(git(root, &["rev-parse", "--short", "HEAD"])?.trim().to_string())
}

/// `path` relative to the top of the git work tree, as git names it.
fn relative(root: &Path, path: &Path) -> Result<String> {
    let top = git(root, &["rev-parse", "--show-toplevel"])?;
    let top = Path::new(top.trim()).canonicalize()?;
    let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let abs = match abs.strip_prefix(&top) {
        Ok(rel) => rel.to_path_buf(),
        Err(_) => {
            // The file may not exist yet: resolve its folder instead.
            let parent = path.parent().and_then(|p| p.canonicalize().ok()).unwrap_or_default();
            parent
                .strip_prefix(&top)
                .map(|p| p.join(path.file_name().unwrap_or_default()))
                .unwrap_or(abs)
        }
    };
    Ok(abs.to_string_lossy().into_owned())
}
