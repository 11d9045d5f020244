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
    // Never through a symbolic link: `.ccag` pointing elsewhere would have ccag write there.
    for p in [&dir, &tmp] {
        if fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()) {
            bail!(
                "`{}` is a symbolic link; ccag keeps its lock and temporary files only in a real folder at the repository's root\n  \
                 hint: remove the link (`rm {}`); ccag makes the folder again",
                p.display(),
                p.display()
            );
        }
    }
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

/// How long a writer waits for another to finish (`CCAG_LOCK_TIMEOUT`, seconds; default 60).
fn lock_timeout() -> std::time::Duration {
    let secs = std::env::var("CCAG_LOCK_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .unwrap_or(60.0);
    std::time::Duration::from_secs_f64(secs)
}

/// Take the records lock. While another ccag writer holds it, say who (its process id and
/// command, which each holder writes into the lock file) once, and wait up to the timeout; then
/// give up with that said. The lock is the operating system's, so a writer that was killed
/// holds nothing. Taking it also clears temporary files a killed writer left behind.
pub fn lock(root: &Path) -> Result<Lock> {
    let path = work_dir(root)?.join("lock");
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open `{}`", path.display()))?;
    let started = std::time::Instant::now();
    let limit = lock_timeout();
    let mut said = false;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(fs::TryLockError::WouldBlock) => {
                let holder: String = fs::read_to_string(&path)
                    .unwrap_or_default()
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(200)
                    .collect();
                let holder = holder.trim();
                let holder = if holder.is_empty() { "another ccag" } else { holder };
                if started.elapsed() >= limit {
                    bail!(
                        "gave up after {} s waiting for the records lock `{}`, held by {holder}; nothing was written\n  \
                         hint: let it finish and try again (`CCAG_LOCK_TIMEOUT=SECONDS` waits longer)",
                        limit.as_secs(),
                        path.display()
                    );
                }
                if !said {
                    said = true;
                    // The one message the library gives itself: the command is waiting, not hung.
                    #[allow(clippy::print_stderr)]
                    {
                        eprintln!("waiting for the records lock, held by {holder}…");
                    }
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock `{}`", path.display()));
            }
        }
    }
    // Say who holds it, for a writer that has to wait.
    let me = format!(
        "ccag (process {}: {})",
        std::process::id(),
        std::env::args().skip(1).take(4).collect::<Vec<_>>().join(" ")
    );
    file.set_len(0).ok();
    std::io::Seek::rewind(&mut file).ok();
    let me: String = me.chars().filter(|c| !c.is_control()).collect();
    file.write_all(me.as_bytes()).ok();
    clear_stale_temps(root);
    Ok(Lock { _file: file })
}

/// Remove temporary files a killed or crashed writer left in `.ccag/tmp/`. Only under the lock
/// (every writer of record files holds it while its temporary files exist), and only files
/// older than a minute, in case a writer without the lock is mid-way.
fn clear_stale_temps(root: &Path) {
    let Ok(entries) = fs::read_dir(root.join(".ccag").join("tmp")) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age.as_secs() >= 60));
        if old && entry.file_type().is_ok_and(|t| t.is_file()) {
            fs::remove_file(entry.path()).ok();
        }
    }
}

/// Write many record files as `replace` and `create_new` would, each atomically (a temporary
/// file renamed or linked into place), with the flush to disk done once for the batch: one
/// fsync per file in turn costs a journal commit each (an import of 10,000 records spent 3–8 s
/// in them on this project's machine). On Linux the batch ends with one `syncfs`; elsewhere each
/// file and folder is flushed after all are in place. `new` marks files that must not exist.
pub fn write_many(root: &Path, files: &[(&Path, &[u8], bool)]) -> Result<()> {
    for (path, _, new) in files {
        if !new {
            check_writable(path)?;
        }
    }
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
    let dir = work_dir(root)?.join("tmp");
    let (path, mut file) = unique_file(&dir, "", ".yaml")?;
    if let Err(e) = file.write_all(contents) {
        // A full disk: nothing half-written is left behind.
        drop(file);
        fs::remove_file(&path).ok();
        return Err(e).with_context(|| format!("cannot write `{}`", path.display()));
    }
    Ok((path, file))
}

/// A new file in `dir` named `{prefix}{pid}-{time}-{n}{suffix}`, made with `create_new`: a name
/// left by a killed process whose id has been reused is skipped, never opened.
fn unique_file(dir: &Path, prefix: &str, suffix: &str) -> Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    for _ in 0..100 {
        let name = format!(
            "{prefix}{}-{nanos:08x}-{}{suffix}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = dir.join(name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot create `{}`", path.display())),
        }
    }
    bail!("cannot create a temporary file in `{}`", dir.display())
}

/// Refuse to replace a file its owner made read-only: ccag would otherwise rename over it.
fn check_writable(path: &Path) -> Result<()> {
    if fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        bail!(
            "`{}` is read-only, so ccag does not replace it; nothing was written\n  \
             hint: make it writable (`chmod u+w`) if it should change",
            path.display()
        );
    }
    Ok(())
}

/// Replace `path` with `contents` atomically.
pub fn replace(root: &Path, path: &Path, contents: &[u8]) -> Result<()> {
    check_writable(path)?;
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
    let (tmp, mut file) = unique_file(dir, &format!(".{name}.ccag-"), ".tmp")?;
    let written = file.write_all(contents).and_then(|_| file.sync_all());
    drop(file);
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
