//! Writing record files so that a crash or kill at any point leaves the old file or the new one:
//! temporary files live in `<root>/.ccag/tmp/` (never under `records/`), are fsynced, then
//! renamed (or hard-linked, to refuse clobbering) into place; a lock serialises writers.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use anyhow::{Context, Result, bail};

/// ccag's own working folder at the root: the lock and temporary files. Git-ignored by itself.
pub fn work_dir(root: &Path) -> Result<PathBuf> {
    let dir = root.join(".ccag");
    let tmp = dir.join("tmp");
    fs::create_dir_all(&tmp).with_context(|| format!("cannot create `{}`", tmp.display()))?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        fs::write(&ignore, "*\n").with_context(|| format!("cannot write `{}`", ignore.display()))?;
    }
    Ok(dir)
}

/// An exclusive lock on the repository's records, held until dropped.
pub struct Lock {
    _file: File,
}

/// Take the records lock, waiting for other ccag writers.
pub fn lock(root: &Path) -> Result<Lock> {
    let path = work_dir(root)?.join("lock");
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open `{}`", path.display()))?;
    file.lock()
        .with_context(|| format!("cannot lock `{}`", path.display()))?;
    Ok(Lock { _file: file })
}

/// Write many record files as `replace` and `create_new` would, each atomically (a temporary
/// file renamed or linked into place), with the flush to disk done once for the batch: one
/// fsync per file in turn costs a journal commit each (an import of 10,000 records spent 3–8 s
/// in them on this project's machine). On Linux the batch ends with one `syncfs`; elsewhere each
/// file and folder is flushed after all are in place. `new` marks files that must not exist.
pub fn write_many(root: &Path, files: &[(&Path, &[u8], bool)]) -> Result<()> {
    let mut temps: Vec<PathBuf> = Vec::with_capacity(files.len());
    for (_, contents, _) in files {
        match temp_open(root, contents) {
            Ok((t, _)) => temps.push(t),
            Err(e) => {
                for t in &temps {
                    fs::remove_file(t).ok();
                }
                return Err(e);
            }
        }
    }
    fault_point("temp-written");
    let mut dirs: Vec<&Path> = Vec::new();
    let mut placed_paths: Vec<&Path> = Vec::new();
    let mut failed = None;
    for ((path, _, new), tmp) in files.iter().zip(&temps) {
        if failed.is_some() {
            fs::remove_file(tmp).ok();
            continue;
        }
        let placed = if *new {
            let made = match path.parent() {
                Some(parent) if !dirs.contains(&parent) => fs::create_dir_all(parent),
                _ => Ok(()),
            };
            let linked = made.and_then(|_| move_new(tmp, path));
            fs::remove_file(tmp).ok();
            linked.map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => anyhow::anyhow!("`{}` already exists", path.display()),
                _ => anyhow::Error::new(e).context(format!("cannot create `{}`", path.display())),
            })
        } else {
            if let Ok(meta) = fs::metadata(path) {
                fs::set_permissions(tmp, meta.permissions()).ok();
            }
            fs::rename(tmp, path).map_err(|e| {
                fs::remove_file(tmp).ok();
                anyhow::Error::new(e).context(format!("cannot replace `{}`", path.display()))
            })
        };
        match placed {
            Ok(()) => {
                placed_paths.push(path);
                if let Some(parent) = path.parent()
                    && !dirs.contains(&parent)
                {
                    dirs.push(parent);
                }
            }
            Err(e) => failed = Some(e),
        }
    }
    flush_all(root, &placed_paths, &dirs);
    match failed {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Move the temporary file `tmp` to `path`, refusing when `path` exists. On Linux one
/// `renameat2(RENAME_NOREPLACE)` (no second name to unlink, which makes ext4 hunt for free
/// inodes past the recently deleted ones); else, or where the file system lacks it, a hard link.
fn move_new(tmp: &Path, path: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let (Ok(from), Ok(to)) = (
            CString::new(tmp.as_os_str().as_bytes()),
            CString::new(path.as_os_str().as_bytes()),
        ) else {
            return fs::hard_link(tmp, path);
        };
        // SAFETY: both are NUL-terminated paths that live across the call.
        let done = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                from.as_ptr(),
                libc::AT_FDCWD,
                to.as_ptr(),
                libc::RENAME_NOREPLACE,
            )
        };
        if done == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        if !matches!(e.raw_os_error(), Some(libc::EINVAL) | Some(libc::ENOSYS)) {
            return Err(e);
        }
    }
    fs::hard_link(tmp, path)
}

/// Flush a batch of written files and their folders to disk.
#[cfg(target_os = "linux")]
fn flush_all(root: &Path, _files: &[&Path], _dirs: &[&Path]) {
    use std::os::fd::AsRawFd;
    if let Ok(dir) = File::open(root) {
        // SAFETY: `syncfs` takes an open file descriptor, which `dir` holds for the call.
        unsafe {
            libc::syncfs(dir.as_raw_fd());
        }
    }
}

/// Flush a batch of written files and their folders to disk.
#[cfg(not(target_os = "linux"))]
fn flush_all(_root: &Path, files: &[&Path], dirs: &[&Path]) {
    use rayon::prelude::*;
    files.par_iter().chain(dirs.par_iter()).for_each(|p| {
        if let Ok(f) = File::open(p) {
            f.sync_all().ok();
        }
    });
}

/// Write `contents` to a fresh temporary file under `.ccag/tmp/`, fsynced.
fn temp_file(root: &Path, contents: &[u8]) -> Result<PathBuf> {
    let (path, file) = temp_open(root, contents)?;
    file.sync_all()
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    fault_point("temp-written");
    Ok(path)
}

/// Write `contents` to a fresh temporary file under `.ccag/tmp/`, not yet flushed to disk, and
/// keep it open (to flush it without opening it again).
fn temp_open(root: &Path, contents: &[u8]) -> Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let dir = work_dir(root)?.join("tmp");
    let name = format!(
        "{}-{}.yaml",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let path = dir.join(name);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("cannot create `{}`", path.display()))?;
    file.write_all(contents)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok((path, file))
}

/// Replace `path` with `contents` atomically.
pub fn replace(root: &Path, path: &Path, contents: &[u8]) -> Result<()> {
    let tmp = temp_file(root, contents)?;
    // Keep the file's permissions.
    if let Ok(meta) = fs::metadata(path) {
        fs::set_permissions(&tmp, meta.permissions()).ok();
    }
    if let Err(e) = fs::rename(&tmp, path) {
        fs::remove_file(&tmp).ok();
        return Err(e).with_context(|| format!("cannot replace `{}`", path.display()));
    }
    sync_dir(path);
    Ok(())
}

/// Create `path` with `contents`, refusing if it exists; atomic (it appears whole or not at all).
pub fn create_new(root: &Path, path: &Path, contents: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    let tmp = temp_file(root, contents)?;
    let linked = move_new(&tmp, path);
    fs::remove_file(&tmp).ok();
    match linked {
        Ok(()) => {
            sync_dir(path);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!("`{}` already exists", path.display()),
        Err(e) => Err(e).with_context(|| format!("cannot create `{}`", path.display())),
    }
}

/// Replace (or create) `path`, anywhere, with `contents` atomically: a temporary file beside
/// it, fsynced, renamed over it. For files ccag makes for people (`export -o`), not records.
pub fn replace_file(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.ccag-{}.tmp", std::process::id()));
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| f.write_all(contents).and_then(|_| f.sync_all()));
    if let Err(e) = written.and_then(|_| fs::rename(&tmp, path)) {
        fs::remove_file(&tmp).ok();
        return Err(e.into());
    }
    sync_dir(path);
    Ok(())
}

fn sync_dir(path: &Path) {
    if let Some(parent) = path.parent()
        && let Ok(dir) = File::open(parent)
    {
        dir.sync_all().ok();
    }
}

/// Fault injection for the interrupt-safety tests: `CCAG_FAULT=temp-written` aborts the
/// process right after the temporary file is written, as a kill at that moment would.
fn fault_point(name: &str) {
    if std::env::var("CCAG_FAULT").is_ok_and(|f| f == name) {
        std::process::abort();
    }
}
