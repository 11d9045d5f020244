//! Git through the `git` binary: its own rename detection, mailmap and date parsing, and no
//! libgit2 to build. History is read as data: log entries and blobs (one `cat-file --batch`
//! process for all of them), never by checking out old revisions.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use anyhow::{Context, Result, bail};

/// A git work tree containing the records.
#[derive(Debug, Clone)]
pub struct Git {
    /// Where to run git (the records root).
    dir: PathBuf,
    /// The top of the work tree and the shallow file's path, asked of git once (`None`: not a
    /// repository).
    layout: std::sync::OnceLock<Option<(PathBuf, PathBuf)>>,
}

/// One commit that touched a file, as `git log --raw --no-renames` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub commit: String,
    pub short: String,
    pub author: String,
    /// Author date, ISO 8601 with offset.
    pub date: String,
    pub subject: String,
    /// `A`, `M`, `D`, `T` (renames are a deletion and an addition).
    pub status: String,
    /// The file's path.
    pub path: String,
    /// The first parent, if any.
    pub parent: Option<String>,
    /// The file's blob before the commit (`None` when it was added).
    pub old_blob: Option<String>,
    /// The file's blob after the commit (`None` when it was deleted).
    pub new_blob: Option<String>,
}

impl Git {
    pub fn new(dir: &Path) -> Git {
        Git {
            dir: dir.to_path_buf(),
            layout: std::sync::OnceLock::new(),
        }
    }

    /// The work tree's top and the shallow file, from one `git rev-parse`.
    fn layout(&self) -> Option<&(PathBuf, PathBuf)> {
        self.layout
            .get_or_init(|| {
                let out = self
                    .run(&[
                        "rev-parse",
                        "--is-inside-work-tree",
                        "--show-toplevel",
                        "--git-path",
                        "shallow",
                    ])
                    .ok()?;
                let mut lines = out.lines();
                if lines.next()? != "true" {
                    return None;
                }
                let top = PathBuf::from(lines.next()?);
                let shallow = self.dir.join(lines.next()?);
                Some((top, shallow))
            })
            .as_ref()
    }

    fn run(&self, args: &[&str]) -> Result<String> {
        let output = Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .args(args)
            .output()
            .context("cannot run `git` (is it installed?)")?;
        if !output.status.success() {
            // Some failures (`git commit` with nothing to commit) are told on stdout.
            let said = match String::from_utf8_lossy(&output.stderr).trim() {
                "" => String::from_utf8_lossy(&output.stdout).trim().to_string(),
                err => err.to_string(),
            };
            bail!("`git {}` failed: {said}", args.join(" "));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// Whether `dir` is inside a git work tree.
    pub fn is_repo(&self) -> bool {
        self.layout().is_some()
    }

    /// The commits whose parents a shallow clone does not have (none in a full clone).
    pub fn shallow_boundary(&self) -> Vec<String> {
        self.layout()
            .and_then(|(_, shallow)| std::fs::read_to_string(shallow).ok())
            .map(|s| s.lines().map(str::to_string).collect())
            .unwrap_or_default()
    }

    pub fn is_shallow(&self) -> bool {
        !self.shallow_boundary().is_empty()
    }

    /// The top of the work tree.
    pub fn top(&self) -> Result<PathBuf> {
        match self.layout() {
            Some((top, _)) => Ok(top.clone()),
            None => bail!("`{}` is not in a git work tree", self.dir.display()),
        }
    }

    /// The path of `path` relative to the top of the work tree, `/`-separated.
    pub fn relative(&self, path: &Path) -> Result<String> {
        let top = self.top()?.canonicalize()?;
        // A file (or folders) not made yet: the nearest folder that exists, then the rest.
        let abs = path
            .ancestors()
            .find_map(|a| a.canonicalize().ok().map(|c| (c, a)))
            .map(|(c, a)| c.join(path.strip_prefix(a).unwrap_or(Path::new(""))))
            .unwrap_or_else(|| path.to_path_buf());
        let rel = abs
            .strip_prefix(&top)
            .with_context(|| format!("`{}` is outside the git work tree", path.display()))?;
        Ok(rel.to_string_lossy().replace('\\', "/"))
    }

    /// Resolve a revision (`main`, `HEAD~3`, a tag) or a date (`YYYY-MM-DD`: the last commit on or
    /// before that day, so the records as they stood at its end) to a full commit id.
    pub fn resolve(&self, rev_or_date: &str) -> Result<String> {
        if let Some(day) = crate::model::date::parse(rev_or_date) {
            return self.last_commit_by(day, || format!("no commit on or before {rev_or_date}"));
        }
        self.require_commits()?;
        self.run(&["rev-parse", "--verify", "--quiet", &format!("{rev_or_date}^{{commit}}")])
            .map(|s| s.trim().to_string())
            .map_err(|_| anyhow::anyhow!("`{rev_or_date}` is neither a date `YYYY-MM-DD` nor a git revision"))
    }

    /// The branch HEAD's branch tracks (`origin/main`), when it has one.
    pub fn upstream(&self) -> Option<String> {
        self.run(&["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"])
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    /// The record ids (file names) under `prefix` at `rev`, each with its path, without
    /// reading any blob.
    pub fn ids_at(&self, rev: &str, prefix: &str) -> Result<Vec<(String, String)>> {
        Ok(self
            .ls_tree(rev, prefix)?
            .into_iter()
            .filter_map(|(path, _)| {
                let id = path.rsplit('/').next()?.strip_suffix(".yaml")?.to_string();
                Some((id, path))
            })
            .collect())
    }

    /// The newest commit both `a` and `b` descend from: where two branches parted.
    pub fn merge_base(&self, a: &str, b: &str) -> Result<String> {
        match self.run(&["merge-base", a, b]) {
            Ok(out) if !out.trim().is_empty() => Ok(out.trim().to_string()),
            _ => bail!(
                "`{a}` and `{b}` share no history, so ids added on each cannot be told apart{}",
                if self.is_shallow() { SHALLOW_HINT } else { "" }
            ),
        }
    }

    /// The last commit made before `day` began: the records as they stood when that day started,
    /// so that what was done on the day itself (a meeting's decisions) counts as after it.
    pub fn before_day(&self, day: chrono::NaiveDate) -> Result<String> {
        let eve = day.pred_opt().unwrap_or(day);
        self.last_commit_by(eve, || format!("no commit before {day} began"))
    }

    /// The newest commit on HEAD's history made on or before the end of `day`.
    fn last_commit_by(&self, day: chrono::NaiveDate, none: impl FnOnce() -> String) -> Result<String> {
        self.require_commits()?;
        let out = self.run(&["rev-list", "-1", &format!("--before={day} 23:59:59"), "HEAD"])?;
        let commit = out.trim();
        if commit.is_empty() {
            bail!("{}{}", none(), if self.is_shallow() { SHALLOW_HINT } else { "" });
        }
        Ok(commit.to_string())
    }

    /// An error in words when HEAD has no commit yet (a repository just made with `git init`).
    fn require_commits(&self) -> Result<()> {
        if self.is_repo()
            && self
                .run(&["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
                .is_err()
        {
            bail!(
                "the repository has no commits yet, so there is no history to compare with\n  \
                 hint: commit the records first: `git add records && git commit -m \"Records\"`"
            );
        }
        Ok(())
    }

    /// Every commit that touched a file under `prefix`, newest first, one entry per file it
    /// touched (renames as a deletion and an addition: records are followed by id, not by git's
    /// similarity guess). One `git log` for the whole history, for pages of every record.
    pub fn log_all(&self, prefix: &str) -> Result<Vec<LogEntry>> {
        self.log_raw(None, &literal(prefix), &|_| true)
    }

    /// Every commit that touched a file named `name` (any case) in any folder under `folder`,
    /// newest first, from `start` (default HEAD), one entry per file it touched: a record's
    /// history by its id, whatever paths it had and however much a move rewrote it. One `git
    /// log` over the folder (a literal path: the name is compared as text, never matched as a
    /// pattern, so `ccag log 'R*'` finds no other record), its entries kept by file name.
    pub fn log_named(&self, folder: &str, name: &str, start: Option<&str>) -> Result<Vec<LogEntry>> {
        let named = |path: &str| path.rsplit('/').next().is_some_and(|n| n.eq_ignore_ascii_case(name));
        match (self.log_raw(start, &literal(folder), &named), start) {
            (Ok(entries), _) => Ok(entries),
            // A start before the first commit, or a repository with no commits yet, has no history.
            (Err(_), Some(_)) => Ok(Vec::new()),
            (Err(_), None)
                if self
                    .run(&["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
                    .is_err() =>
            {
                Ok(Vec::new())
            }
            (Err(e), None) => Err(e),
        }
    }

    /// `git log --raw --no-renames` from `start` over one pathspec, as entries for the paths
    /// `keep` accepts. git walks history on one thread, and over a folder it compares the
    /// folder's trees at every commit, so a long linear history is walked as two ranges side by
    /// side: the commits after its midpoint, then the midpoint and before, which is exactly the
    /// order (and the set) of one walk.
    fn log_raw(&self, start: Option<&str>, spec: &str, keep: &(dyn Fn(&str) -> bool + Sync)) -> Result<Vec<LogEntry>> {
        let tip = start.unwrap_or("HEAD");
        let Some(mid) = self.midpoint(tip) else {
            return self.log_range(&[tip], spec, keep);
        };
        let not_mid = format!("^{mid}");
        let (newer, older) = std::thread::scope(|scope| {
            let newer = scope.spawn(|| self.log_range(&[tip, &not_mid], spec, keep));
            let older = self.log_range(&[&mid], spec, keep);
            (newer.join(), older)
        });
        let mut entries = newer.map_err(|_| anyhow::anyhow!("reading the history failed"))??;
        entries.extend(older?);
        Ok(entries)
    }

    /// The commit halfway down the history from `tip`, when that history is long enough to be
    /// worth two walks (`CCAG_HISTORY_SPLIT` commits, default 1,000) and has no merge: two
    /// ranges reproduce one walk's order only on a line.
    fn midpoint(&self, tip: &str) -> Option<String> {
        let at_least = std::env::var("CCAG_HISTORY_SPLIT")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1000usize)
            .max(2);
        // One walk gives the count, the merges (a line with two parents) and the midpoint.
        let out = self.run(&["rev-list", "--parents", tip, "--"]).ok()?;
        let lines: Vec<&str> = out.lines().collect();
        if lines.len() < at_least || lines.iter().any(|l| l.split(' ').count() > 2) {
            return None;
        }
        lines[lines.len() / 2].split(' ').next().map(str::to_string)
    }

    /// One `git log --raw --no-renames` over `revs` (a tip, and commits to leave out).
    fn log_range(&self, revs: &[&str], spec: &str, keep: &(dyn Fn(&str) -> bool + Sync)) -> Result<Vec<LogEntry>> {
        let mut args = vec![
            "log",
            "-z",
            "--raw",
            "--no-renames",
            // Commit and blob ids as git abbreviates them (unique; `%h` stays short).
            "--format=%x1e%H%x1f%h%x1f%aN%x1f%aI%x1f%P%x1f%s",
        ];
        args.extend(revs);
        args.extend(["--", spec]);
        let out = self.run(&args)?;
        let mut entries = Vec::new();
        for chunk in out.split('\x1e').filter(|c| !c.is_empty()) {
            let (header, rest) = chunk.split_once('\0').unwrap_or((chunk, ""));
            let fields: Vec<&str> = header.split('\x1f').collect();
            if fields.len() < 6 {
                continue;
            }
            let tokens: Vec<&str> = rest
                .trim_start_matches('\n')
                .split('\0')
                .map(|t| t.trim_start_matches('\n'))
                .filter(|t| !t.is_empty())
                .collect();
            // `:100644 100644 <old blob> <new blob> <status>` then the path, for each file.
            for pair in tokens.chunks(2) {
                let [raw, path] = pair else { continue };
                if !keep(path) {
                    continue;
                }
                let raw: Vec<&str> = raw.trim_start_matches(':').split(' ').collect();
                let blob = |i: usize| {
                    raw.get(i)
                        .filter(|b| !b.is_empty() && !b.bytes().all(|c| c == b'0'))
                        .map(|b| b.to_string())
                };
                entries.push(LogEntry {
                    commit: fields[0].into(),
                    short: fields[1].into(),
                    author: fields[2].into(),
                    date: fields[3].into(),
                    parent: fields[4]
                        .split(' ')
                        .next()
                        .filter(|p| !p.is_empty())
                        .map(str::to_string),
                    subject: fields[5..].join("\x1f"),
                    status: raw.get(4).copied().unwrap_or("M").into(),
                    path: path.to_string(),
                    old_blob: blob(2),
                    new_blob: blob(3),
                });
            }
        }
        Ok(entries)
    }

    /// The latest path in history (newest commit first) whose file name is `name`, any case, in
    /// any folder under `prefix`: where a deleted record last was.
    pub fn last_path_named(&self, prefix: &str, name: &str) -> Result<Option<String>> {
        let spec = format!(":(glob,icase){}", under_any_folder(prefix, name));
        let out = self.run(&["log", "--format=", "--name-only", "-z", "--", &spec])?;
        Ok(out
            .split('\0')
            .map(|p| p.trim_matches('\n'))
            .find(|p| !p.is_empty())
            .map(str::to_string))
    }

    /// The files under `prefix` that differ between `since` and `until` (a commit), or between
    /// `since` and the work tree (untracked files included) when `until` is `None`.
    pub fn changed_paths(&self, since: &str, until: Option<&str>, prefix: &str) -> Result<Vec<String>> {
        let split = |out: String| {
            out.split('\0')
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        Ok(match until {
            Some(until) => {
                split(self.run(&["diff", "--no-renames", "--name-only", "-z", since, until, "--", prefix])?)
            }
            None => {
                let mut paths = split(self.run(&["diff", "--no-renames", "--name-only", "-z", since, "--", prefix])?);
                paths.extend(split(self.run(&[
                    "ls-files",
                    "--others",
                    "--exclude-standard",
                    "-z",
                    "--",
                    prefix,
                ])?));
                paths
            }
        })
    }

    /// `(path, blob id)` of every file under `prefix` at `rev`.
    pub fn ls_tree(&self, rev: &str, prefix: &str) -> Result<Vec<(String, String)>> {
        let out = self.run(&["ls-tree", "-r", "-z", "--full-tree", rev, "--", prefix])?;
        Ok(out
            .split('\0')
            .filter_map(|line| {
                let (meta, path) = line.split_once('\t')?;
                let mut parts = meta.split(' ');
                let (_mode, kind, oid) = (parts.next()?, parts.next()?, parts.next()?);
                (kind == "blob").then(|| (path.to_string(), oid.to_string()))
            })
            .collect())
    }

    /// The paths (relative to the top) that differ between the index or work tree and HEAD, under `prefix`.
    pub fn dirty(&self, prefix: &str) -> Result<Vec<String>> {
        let out = self.run(&["status", "--porcelain", "-z", "--untracked-files=all", "--", prefix])?;
        Ok(out
            .split('\0')
            .filter(|l| l.len() > 3)
            .map(|l| l[3..].to_string())
            .collect())
    }

    /// A reader of blobs by `<rev>:<path>` or object id, through one `git cat-file --batch`.
    pub fn blobs(&self) -> Result<Blobs> {
        let mut child = Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot run `git cat-file`")?;
        let stdin = child.stdin.take().context("no stdin for `git cat-file`")?;
        let stdout = BufReader::new(child.stdout.take().context("no stdout for `git cat-file`")?);
        Ok(Blobs {
            git: self.clone(),
            child,
            stdin: Some(stdin),
            stdout,
        })
    }
}

impl Git {
    /// The contents of many blobs (`<rev>:<path>` or object ids) through one `git cat-file
    /// --batch`, the requests written on a thread while the answers are read, so there is no
    /// round trip per blob. `None` for a blob that does not exist.
    pub fn read_blobs(&self, specs: &[String]) -> Result<Vec<Option<Blob>>> {
        if specs.is_empty() {
            return Ok(Vec::new());
        }
        let mut blobs = self.blobs()?;
        let mut stdin = blobs.stdin.take().context("`git cat-file` is closed")?;
        let requests: Vec<u8> = specs.iter().flat_map(|s| format!("{s}\n").into_bytes()).collect();
        let writer = std::thread::spawn(move || stdin.write_all(&requests));
        let mut out = Vec::with_capacity(specs.len());
        for spec in specs {
            match read_one(&mut blobs.stdout, spec) {
                Ok(blob) => out.push(blob),
                Err(e) => return Err(self.unreadable(spec, e)),
            }
        }
        writer
            .join()
            .map_err(|_| anyhow::anyhow!("the `git cat-file` writer failed"))?
            .context("cannot write to `git cat-file`")?;
        Ok(out)
    }

    /// An object the history names that git cannot produce: git's own words for it (from
    /// `git cat-file -p`), and plainly whether the clone is shallow or partial.
    pub(crate) fn unreadable(&self, spec: &str, e: anyhow::Error) -> anyhow::Error {
        let said = Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .args(["cat-file", "-p", spec])
            .stdout(Stdio::null())
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stderr).trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| e.to_string());
        let partial = self
            .run(&["config", "--get", "extensions.partialClone"])
            .is_ok_and(|s| !s.trim().is_empty());
        let note = if partial {
            "\n  note: this is a partial clone, and git could not fetch the object from its promisor remote"
        } else if self.is_shallow() {
            SHALLOW_HINT
        } else {
            "\n  hint: the repository may be damaged; `git fsck` says which objects are missing or corrupt"
        };
        anyhow::anyhow!("git cannot read `{spec}`, which the history holds: {said}{note}")
    }
}

/// A blob as history holds it: its bytes, or only its size when it is over the loader's limit
/// (it is then never read into memory, as the loader never reads such a file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blob {
    Bytes(Vec<u8>),
    TooLarge(u64),
}

/// Whether `spec` is an object id (as opposed to `<rev>:<path>`, which may rightly be absent).
fn is_object_id(spec: &str) -> bool {
    spec.len() >= 7 && spec.bytes().all(|b| b.is_ascii_hexdigit())
}

/// One answer of `git cat-file --batch`: `<oid> blob <size>\n<bytes>\n`, or `… missing`. A
/// `<rev>:<path>` that is missing is an absent file (`None`); an object id that is missing, or
/// an answer cut short (git met a corrupt object), is an error, never taken for "absent".
fn read_one(stdout: &mut impl BufRead, spec: &str) -> Result<Option<Blob>> {
    let mut header = String::new();
    stdout.read_line(&mut header)?;
    let header = header.trim_end();
    if header.is_empty() {
        bail!("`git cat-file` stopped before answering");
    }
    if header.ends_with(" missing") || header.ends_with(" ambiguous") {
        if is_object_id(spec) && !spec.bytes().all(|b| b == b'0') {
            bail!("the object is missing");
        }
        return Ok(None);
    }
    let size: u64 = header
        .rsplit(' ')
        .next()
        .and_then(|s| s.parse().ok())
        .context("unexpected `git cat-file` output")?;
    if size > crate::store::load::MAX_FILE_BYTES {
        // Skip it (and its newline) without holding it.
        std::io::copy(&mut std::io::Read::take(&mut *stdout, size + 1), &mut std::io::sink())?;
        return Ok(Some(Blob::TooLarge(size)));
    }
    let mut buf = vec![0; size as usize + 1];
    stdout.read_exact(&mut buf)?;
    buf.pop();
    Ok(Some(Blob::Bytes(buf)))
}

/// Said whenever history may be missing because the clone is shallow.
pub const SHALLOW_HINT: &str =
    "\n  note: this is a shallow clone, so older history is missing; run `git fetch --unshallow` to get all of it";

pub struct Blobs {
    git: Git,
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Blobs {
    /// The contents of `spec` (`<rev>:<path>` or an object id), or `None` when it does not exist.
    pub fn get(&mut self, spec: &str) -> Result<Option<Blob>> {
        let stdin = self.stdin.as_mut().context("`git cat-file` is closed")?;
        writeln!(stdin, "{spec}")?;
        stdin.flush()?;
        read_one(&mut self.stdout, spec).map_err(|e| self.git.unreadable(spec, e))
    }
}

impl Drop for Blobs {
    fn drop(&mut self) {
        // Closing its input ends `git cat-file --batch` normally.
        drop(self.stdin.take());
        self.child.wait().ok();
    }
}

/// Check, before anything is written, that a commit of `paths` alone is possible: the root is
/// in a git work tree, each path matches HEAD, and nothing else is staged.
pub fn check_can_commit(root: &Path, paths: &[&Path]) -> Result<()> {
    let git = Git::new(root);
    if !git.is_repo() {
        bail!("`--commit` needs a git repository; `{}` is not in one", root.display());
    }
    let ours: Vec<String> = paths.iter().map(|p| git.relative(p)).collect::<Result<_>>()?;
    let top = Git::new(&git.top()?);
    // Each record must match HEAD, or its commit would carry a hand edit under ccag's message
    // (and `git commit -- PATH` takes the whole file).
    for path in &ours {
        let status = top.run(&["status", "--porcelain=v1", "-z", "--", path])?;
        if !status.is_empty() {
            bail!(
                "`{path}` has changes that are not committed, and `--commit` would sweep them into \
                 ccag's commit; nothing was written\n  \
                 hint: commit them first (`git commit {path}`), or undo them (`git restore --staged --worktree {path}`), \
                 or run without `--commit` and commit the file yourself"
            );
        }
    }
    let staged = git.run(&["diff", "--cached", "--name-only", "-z"])?;
    let others: Vec<&str> = staged
        .split('\0')
        .filter(|p| !p.is_empty() && !ours.iter().any(|o| o == p))
        .collect();
    if !others.is_empty() {
        bail!(
            "other changes are staged ({}); `--commit` commits only ccag's change\n  hint: commit or unstage them first (`git restore --staged …`)",
            others.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
        );
    }
    Ok(())
}

/// Stage and commit `paths` (written or deleted) and nothing else, with `message`; returns the
/// short commit id.
pub fn commit_paths(root: &Path, paths: &[&Path], message: &str) -> Result<String> {
    let git = Git::new(root);
    let rel: Vec<String> = paths.iter().map(|p| git.relative(p)).collect::<Result<_>>()?;
    let at_top = Git::new(&git.top()?);
    let mut add = vec!["add", "--all", "--"];
    add.extend(rel.iter().map(String::as_str));
    at_top.run(&add)?;
    let mut commit = vec!["commit", "--quiet", "-m", message, "--"];
    commit.extend(rel.iter().map(String::as_str));
    at_top.run(&commit)?;
    Ok(at_top.run(&["rev-parse", "--short", "HEAD"])?.trim().to_string())
}

/// `path` as a pathspec that matches exactly that path (no glob, no magic).
fn literal(path: &str) -> String {
    format!(":(literal){path}")
}

/// A glob for a file named `name` in any folder under `prefix` (the top when empty).
fn under_any_folder(prefix: &str, name: &str) -> String {
    match prefix.trim_end_matches('/') {
        "" => format!("**/{}", glob_escaped(name)),
        prefix => format!("{}/**/{}", glob_escaped(prefix), glob_escaped(name)),
    }
}

/// `text` with glob's special characters escaped, for a place in a `:(glob)` pathspec.
fn glob_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
