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

/// Write `contents` to a fresh temporary file under `.ccag/tmp/`, fsynced.
fn temp_file(root: &Path, contents: &[u8]) -> Result<PathBuf> {
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
        .and_then(|_| file.sync_all())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    fault_point("temp-written");
    Ok(path)
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
    let linked = fs::hard_link(&tmp, path);
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
