//! The repository root: `-C DIR`, else the nearest folder upwards holding `ccag.toml` or `records/`.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

#[derive(Debug, Clone)]
pub struct Root {
    pub dir: PathBuf,
}

impl Root {
    /// Use `dir` as given (`-C`), or search upwards from `cwd`.
    pub fn find(explicit: Option<&Path>, cwd: &Path) -> Result<Root> {
        if let Some(dir) = explicit {
            let dir = normalize(&cwd.join(dir));
            if !dir.is_dir() {
                bail!("`{}` is not a folder", dir.display());
            }
            return Ok(Root { dir });
        }
        for dir in cwd.ancestors() {
            if dir.join("ccag.toml").is_file() || dir.join("records").is_dir() {
                return Ok(Root { dir: dir.to_path_buf() });
            }
        }
        bail!(
            "no ccag repository here: no `ccag.toml` or `records/` in `{}` or any folder above it\n  hint: run ccag inside a records repository, or pass `-C DIR`",
            cwd.display()
        )
    }

    pub fn records(&self) -> PathBuf {
        self.dir.join("records")
    }

    /// `path` as the user should see it: relative to the working directory when below it.
    pub fn display(&self, path: &Path, cwd: &Path) -> String {
        let shown = path.strip_prefix(cwd).unwrap_or(path);
        shown.display().to_string()
    }
}

/// Remove `.` and `..` components without touching the file system (paths stay as the user wrote them).
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
