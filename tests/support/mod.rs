//! Shared helpers for integration tests: a throwaway records repository and a ccag run with a deadline.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A temporary repository with a `records/` folder, outside the project tree
/// (so root discovery cannot wander into the project's own `records/`).
pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Repo {
    pub fn new() -> Repo {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("records")).unwrap();
        Repo { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

/// Run ccag in `dir`; fail the test if it has not finished within `limit` (a hang is a bug).
pub fn ccag(dir: &Path, args: &[&str], limit: Duration) -> Run {
    ccag_env(dir, args, &[], limit)
}

/// As `ccag`, with extra environment variables.
pub fn ccag_env(dir: &Path, args: &[&str], env: &[(&str, &str)], limit: Duration) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ccag"))
        .args(args)
        .current_dir(dir)
        .env("CCAG_TODAY", "2024-02-28")
        // A committer identity for `--commit`, as a secretariat machine would have configured.
        .env("GIT_AUTHOR_NAME", "Secretariat")
        .env("GIT_AUTHOR_EMAIL", "secretariat@example.org")
        .env("GIT_COMMITTER_NAME", "Secretariat")
        .env("GIT_COMMITTER_EMAIL", "secretariat@example.org")
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ccag runs");
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).ok();
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut err, &mut s).ok();
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().ok();
            panic!("ccag {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: out_t.join().unwrap(),
        stderr: err_t.join().unwrap(),
        elapsed: start.elapsed(),
    }
}

/// Run git in `dir` as `author` at `date` (YYYY-MM-DD, 10:00 UTC), so commits are reproducible.
pub fn git_as(dir: &Path, author: &str, date: &str, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", format!("{}@example.org", author.to_lowercase()))
        .env("GIT_COMMITTER_NAME", author)
        .env("GIT_COMMITTER_EMAIL", format!("{}@example.org", author.to_lowercase()))
        .env("GIT_AUTHOR_DATE", format!("{date}T10:00:00Z"))
        .env("GIT_COMMITTER_DATE", format!("{date}T10:00:00Z"))
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("git prints UTF-8")
}

/// A git repository holding a copy of this repository's `records/`, committed.
pub fn pack_copy() -> Repo {
    let repo = Repo::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("records");
    for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(&src).unwrap();
        let to = repo.path().join("records").join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    git_as(repo.path(), "Sec", "2024-02-28", &["init", "-q"]);
    git_as(repo.path(), "Sec", "2024-02-28", &["add", "-A"]);
    git_as(repo.path(), "Sec", "2024-02-28", &["commit", "-qm", "the pack"]);
    repo
}
