#!/usr/bin/env python3
"""Build a synthetic records repository with a long git history, for timing `ccag log` and
`ccag changes` against git itself.

    python3 bench/make_history_repo.py OUTDIR [--records 1000] [--commits 5000] [--seed 1]
        [--hot-commits 100]

The records come from bench/generate.py (N records, no defects). The first commit adds them
all (and schemas/); each later commit changes one record the way the secretariat would:

  * actions: append an `updates:` item (dates never go backwards), move the status along
    open / ongoing / recommend-closed, close (status closed + `closed:`) or reopen;
  * crs: append an update, change `impact`, `positions` or a pre-decision status; now and then
    move the file between records/changes/<BODY>/ and records/changes/<BODY>/archive/ (the
    same record to ccag; a rename with a one-line change to git: the `$schema=` comment's
    depth);
  * risks: change `rag`, `reviewed`, add a mitigation, open/close;
  * milestones: move `forecast`, change the RAG status, reopen a complete one (amber, no
    `actual`);
  * meetings: change the chair;
  * actions and risks are now and then deleted, and re-added (as they were) the next time the
    plan picks them.

A few records are "hot" (--hot-commits commits each, default HOT_TOUCHES = 100): one action (deleted and re-added
twice on the way), one cr (moved to archive/ and back several times), one risk, one
milestone. One action is "cold": added by the first commit and changed by two more.

The repository is written with `git fast-import` (pinned author, committer and dates), so it is
deterministic: the same arguments give the same commit ids. It is then checked out and
`git gc`-ed. OUTDIR/history-manifest.json names the hot and cold records, their paths at HEAD
and how many commits touched each.

Standard library only (plus git on PATH).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Reuse the record generator (and its word pools and YAML helpers).
_spec = importlib.util.spec_from_file_location("ccag_bench_generate", os.path.join(HERE, "generate.py"))
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)  # type: ignore[union-attr]

HOT_TOUCHES = 100
AUTHORS = [
    ("Secretariat", "secretariat@ccag.example"),
    ("Andrew Margan", "andrew.margan@ccag.example"),
    ("Chris Welby", "chris.welby@ccag.example"),
    ("Claire Hynes", "claire.hynes@ccag.example"),
]
# Commit clock: starts after the generator's TODAY (2026-09-30), so every new update date is
# after `raised` and after the records' existing dates.
T0 = int(dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.timezone.utc).timestamp())

ACTION_OPEN = ["open", "ongoing", "recommend-closed"]
CR_PRE_DECISION = ["raised", "definition", "under-development", "consultation", "withdrawing", "withdrawn"]
IMPACTS = ["direct", "cr-needed", "consequential", "of-interest", "awareness", "none"]
RAGS = ["critical", "high", "medium", "low"]


def kind_of(path: str) -> str:
    folder = path.split("/")[1]
    return {"actions": "action", "changes": "cr", "risks": "risk", "milestones": "milestone", "meetings": "meeting"}[folder]


def iso_of(ts: int) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).date().isoformat()


def last_update_in(text: str) -> str:
    """The latest `updates:` date of the record (update dates must not go backwards)."""
    ds = re.findall(r"(?m)^  - date: (\d{4}-\d{2}-\d{2})$", text)
    return max(ds) if ds else "0000-00-00"


def set_field(text: str, key: str, value: str) -> str:
    new, n = re.subn(rf"(?m)^{key}: .*$", f"{key}: {value}", text, count=1)
    assert n == 1, (key, text)
    return new


def get_field(text: str, key: str) -> str | None:
    m = re.search(rf"(?m)^{key}: (.*)$", text)
    return m.group(1) if m else None


def append_update(text: str, date: str, note: str) -> str:
    lines = text.splitlines(keepends=True)
    item = f"  - date: {date}\n" + gen.scalar("text", note, 4)
    try:
        i = lines.index("updates:\n")
    except ValueError:
        # No updates yet: add the list at the end (before `link:` on a cr).
        j = next((k for k, ln in enumerate(lines) if ln.startswith("link: ")), len(lines))
        return "".join(lines[:j]) + "updates:\n" + item + "".join(lines[j:])
    j = i + 1
    while j < len(lines) and lines[j].startswith("  "):
        j += 1
    return "".join(lines[:j]) + item + "".join(lines[j:])


class History:
    def __init__(self, src: str, n_commits: int, seed: int, hot_touches: int = HOT_TOUCHES):
        self.rng = random.Random(seed * 7_919 + 3)
        self.n_commits = n_commits
        self.hot_touches = hot_touches
        self.files: dict[str, str] = {}  # path -> text, the records at the current commit
        self.extra: dict[str, str] = {}  # non-record files of the first commit
        for root, _dirs, names in os.walk(src):
            for name in names:
                full = os.path.join(root, name)
                rel = os.path.relpath(full, src).replace(os.sep, "/")
                text = open(full, encoding="utf-8").read()
                if rel.startswith("records/"):
                    self.files[rel] = text
                elif rel.startswith("schemas/"):
                    self.extra[rel] = text
        self.path_of = {os.path.basename(p)[:-5]: p for p in self.files}  # id -> current path
        self.deleted: dict[str, tuple[str, str]] = {}  # id -> (path, text) while deleted
        self.touches: dict[str, int] = {i: 1 for i in self.path_of}  # commits touching each id
        self.ts = T0

    # -- the plan ------------------------------------------------------------

    def plan(self) -> list[str]:
        rng = self.rng
        ids = sorted(self.path_of)
        by_kind: dict[str, list[str]] = {}
        for i in ids:
            by_kind.setdefault(kind_of(self.path_of[i]), []).append(i)
        # Hot records: with updates, statuses and (for the cr) moves to pick from.
        self.hot = {
            "action": rng.choice(by_kind["action"]),
            "cr": rng.choice([c for c in by_kind["cr"] if "/BSC/" in self.path_of[c]]),
            "risk": rng.choice(by_kind["risk"]),
            "milestone": rng.choice([m for m in by_kind["milestone"] if "status: complete" not in self.files[self.path_of[m]]]),
        }
        hot_ids = set(self.hot.values())
        self.cold = rng.choice([a for a in by_kind["action"] if a not in hot_ids])
        slots = list(range(1, self.n_commits))  # commit 0 adds everything
        rng.shuffle(slots)
        plan: list[str | None] = [None] * self.n_commits
        k = 0
        for hid in self.hot.values():
            for _ in range(self.hot_touches - 1):
                plan[slots[k]] = hid
                k += 1
        for _ in range(2):
            plan[slots[k]] = self.cold
            k += 1
        others = [i for i in ids if i not in hot_ids and i != self.cold]
        for c in range(1, self.n_commits):
            if plan[c] is None:
                plan[c] = rng.choice(others)
        # The hot action is deleted at its 30th and 60th touch (and re-added at the next one);
        # the hot cr moves between folders every 12th touch.
        self.force_delete = set()
        self.force_move = set()
        seen = {self.hot["action"]: 0, self.hot["cr"]: 0}
        for c in range(1, self.n_commits):
            rid = plan[c]
            if rid in seen:
                seen[rid] += 1
                if rid == self.hot["action"] and seen[rid] in (30, 60):
                    self.force_delete.add(c)
                if rid == self.hot["cr"] and seen[rid] % 12 == 0:
                    self.force_move.add(c)
        return plan  # type: ignore[return-value]

    # -- one commit's change -------------------------------------------------

    def change(self, c: int, rid: str) -> tuple[str, list[tuple[str, str | None]]]:
        """Returns (subject, [(path, new text or None to delete)])."""
        rng = self.rng
        today = iso_of(self.ts)
        if rid in self.deleted:
            path, text = self.deleted.pop(rid)
            self.path_of[rid] = path
            self.files[path] = text
            return f"ccag: re-add {rid} (deleted in error)", [(path, text)]
        path = self.path_of[rid]
        text = self.files[path]
        kind = kind_of(path)
        date = max(today, last_update_in(text))
        note = rng.choice(gen.UPDATE_TEXTS)

        if kind in ("action", "risk") and (c in self.force_delete or (rid not in self.hot.values() and rng.random() < 0.01)):
            del self.files[path]
            del self.path_of[rid]
            self.deleted[rid] = (path, text)
            return f"ccag: remove {rid}", [(path, None)]

        if kind == "cr" and (c in self.force_move or (rid not in self.hot.values() and rng.random() < 0.03)):
            parts = path.split("/")
            if parts[3] == "archive":
                new = "/".join(parts[:3] + parts[4:])
                text = text.replace("$schema=../../../../schemas/", "$schema=../../../schemas/", 1)
                subject = f"ccag: restore {rid} from the archive"
            else:
                new = "/".join(parts[:3] + ["archive"] + parts[3:])
                text = text.replace("$schema=../../../schemas/", "$schema=../../../../schemas/", 1)
                subject = f"ccag: archive {rid}"
            del self.files[path]
            self.files[new] = text
            self.path_of[rid] = new
            return subject, [(path, None), (new, text)]

        r = rng.random()
        if kind == "action":
            status = get_field(text, "status")
            if status == "closed":
                if r < 0.5:  # reopen
                    text = set_field(text, "status", rng.choice(ACTION_OPEN))
                    text = re.sub(r"(?m)^closed: .*\n", "", text, count=1)
                    text = append_update(text, date, "Reopened: " + note)
                    subject = f"ccag: update {rid} — reopened"
                else:
                    text = append_update(text, date, note)
                    subject = f"ccag: update {rid} — note"
            elif r < 0.55:
                text = append_update(text, date, note)
                subject = f"ccag: update {rid} — note"
            elif r < 0.85:
                text = set_field(text, "status", rng.choice([s for s in ACTION_OPEN if s != status]))
                subject = f"ccag: update {rid} — status"
            else:
                text = set_field(text, "status", "closed")
                text = re.sub(r"(?m)^(status: closed\n)", rf"\1closed: {date}\n", text, count=1)
                text = append_update(text, date, "Closed at the meeting.")
                subject = f"ccag: close {rid}"
        elif kind == "cr":
            status = get_field(text, "status")
            if r < 0.6:
                text = append_update(text, date, " ".join(rng.sample(gen.SUMMARY_SENTENCES, rng.randint(1, 2))))
                subject = f"ccag: update {rid} — note"
            elif r < 0.8:
                text = set_field(text, "impact", rng.choice([i for i in IMPACTS if i != get_field(text, "impact")]))
                subject = f"ccag: update {rid} — impact"
            elif r < 0.9 and status in CR_PRE_DECISION:
                text = set_field(text, "status", rng.choice([s for s in CR_PRE_DECISION if s != status]))
                subject = f"ccag: update {rid} — status"
            else:
                pos = rng.choice([q for q in gen.POSITIONS if q != get_field(text, "positions")])
                if get_field(text, "positions") is not None:
                    text = set_field(text, "positions", pos)
                else:
                    text = re.sub(r"(?m)^(impact: .*\n)", rf"\1positions: {pos}\n", text, count=1)
                subject = f"ccag: update {rid} — positions"
        elif kind == "risk":
            if r < 0.4:
                text = set_field(text, "rag", rng.choice([g for g in RAGS if g != get_field(text, "rag")]))
                subject = f"ccag: update {rid} — rag"
            elif r < 0.7 and get_field(text, "reviewed") != date:
                text = set_field(text, "reviewed", date)
                subject = f"ccag: update {rid} — reviewed"
            elif r < 0.9:
                lines = text.splitlines(keepends=True)
                i = lines.index("mitigations:\n") + 1
                while i < len(lines) and lines[i].startswith("  "):
                    i += 1
                lines.insert(i, gen.list_item_text(rng.choice(gen.MITIGATIONS), 2))
                text = "".join(lines)
                subject = f"ccag: update {rid} — mitigation"
            else:
                text = set_field(text, "status", "closed" if get_field(text, "status") == "open" else "open")
                subject = f"ccag: update {rid} — status"
        elif kind == "milestone":
            status = get_field(text, "status")
            if status == "complete":  # reopened: `actual` goes (it is only for complete ones)
                text = set_field(text, "status", "amber")
                text = re.sub(r"(?m)^actual: .*\n", "", text, count=1)
                subject = f"ccag: update {rid} — reopened"
            elif r < 0.6:
                f = dt.date.fromisoformat(get_field(text, "forecast")).toordinal() + rng.choice([7, 14, 28, -7])
                text = set_field(text, "forecast", gen.iso(f))
                subject = f"ccag: update {rid} — forecast"
            else:
                text = set_field(text, "status", rng.choice([s for s in ("green", "amber", "red") if s != status]))
                subject = f"ccag: update {rid} — status"
        else:  # meeting
            text = set_field(text, "chair", rng.choice([p for p in gen.PEOPLE if p != get_field(text, "chair")]))
            subject = f"ccag: update {rid} — chair"
        assert text != self.files[path], (rid, subject)  # every commit changes its record
        self.files[path] = text
        return subject, [(path, text)]

    # -- the fast-import stream ----------------------------------------------

    def write_stream(self, out) -> None:
        plan = self.plan()

        def data(b: bytes) -> None:
            out.write(b"data %d\n" % len(b))
            out.write(b)
            out.write(b"\n")

        def commit(c: int, subject: str, ops: list[tuple[str, str | None]]) -> None:
            name, email = AUTHORS[c % len(AUTHORS)] if c else AUTHORS[0]
            who = f"{name} <{email}> {self.ts} +0000".encode()
            out.write(b"commit refs/heads/main\n")
            out.write(b"mark :%d\n" % (c + 1))
            out.write(b"author " + who + b"\n")
            out.write(b"committer " + who + b"\n")
            data(subject.encode())
            for path, text in ops:
                if text is None:
                    out.write(b"D " + path.encode() + b"\n")
                else:
                    out.write(b"M 100644 inline " + path.encode() + b"\n")
                    data(text.encode())
            out.write(b"\n")

        first = [(p, t) for p, t in sorted(self.extra.items())] + sorted(self.files.items())
        commit(0, "Add the CCAG records", first)
        for c in range(1, self.n_commits):
            self.ts += self.rng.randint(600, 4 * 3600)
            subject, ops = self.change(c, plan[c])
            self.touches[plan[c]] += 1
            commit(c, subject, ops)


def generator_sha256() -> str:
    """Of this script and generate.py together: a changed generator means a new repository."""
    h = hashlib.sha256()
    for name in ("make_history_repo.py", "generate.py"):
        h.update(open(os.path.join(HERE, name), "rb").read())
    return h.hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--records", type=int, default=1000)
    ap.add_argument("--commits", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hot-commits", type=int, default=HOT_TOUCHES,
                    help=f"commits touching each of the four hot records, the first included (default {HOT_TOUCHES})")
    args = ap.parse_args()
    if args.commits < 1000 or args.records < 100:
        ap.error("use at least 100 records and 1000 commits (the hot records need room)")
    if args.hot_commits < 2:
        ap.error("--hot-commits must be at least 2")
    if 4 * (args.hot_commits - 1) + 2 > args.commits - 1:
        ap.error(f"--commits {args.commits} leaves no room for 4 hot records of {args.hot_commits} commits")

    with tempfile.TemporaryDirectory(prefix="ccag-hist-src-") as src:
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(args.records), src,
                        "--invalid-share", "0", "--seed", str(args.seed)], check=True)
        h = History(src, args.commits, args.seed, args.hot_commits)
        if os.path.exists(args.outdir):
            shutil.rmtree(args.outdir)
        os.makedirs(args.outdir)
        env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
        git = ["git", "-C", args.outdir]
        subprocess.run(git + ["init", "-q", "-b", "main"], check=True, env=env)
        p = subprocess.Popen(git + ["fast-import", "--quiet", "--done"], stdin=subprocess.PIPE, env=env)
        h.write_stream(p.stdin)
        p.stdin.write(b"done\n")
        p.stdin.close()
        if p.wait() != 0:
            print("git fast-import failed", file=sys.stderr)
            return 1
        subprocess.run(git + ["reset", "-q", "--hard", "main"], check=True, env=env)
        subprocess.run(git + ["gc", "-q"], check=True, env=env)

    head = subprocess.run(git + ["rev-parse", "HEAD"], check=True, capture_output=True, text=True, env=env).stdout.strip()
    root = subprocess.run(git + ["rev-list", "--max-parents=0", "HEAD"], check=True, capture_output=True, text=True, env=env).stdout.strip()

    def rec(rid: str) -> dict:
        return {"id": rid, "path": h.path_of.get(rid), "touches": h.touches[rid]}

    manifest = {
        "records": args.records,
        "commits": args.commits,
        "seed": args.seed,
        "hot_commits": args.hot_commits,
        "generator_sha256": generator_sha256(),
        "head": head,
        "root": root,
        "hot": {k: rec(v) for k, v in h.hot.items()},
        "cold": rec(h.cold),
        "deleted_at_head": sorted(h.deleted),
        "archived_at_head": sum(1 for p in h.files if "/archive/" in p),
    }
    with open(os.path.join(args.outdir, "history-manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    # Keep the manifest out of `git status` (ccag reads uncommitted changes under records/ only,
    # but a clean tree is simpler to reason about).
    with open(os.path.join(args.outdir, ".git", "info", "exclude"), "a", encoding="utf-8") as f:
        f.write("history-manifest.json\n")
    print(f"wrote {args.commits} commits over {args.records} records into {args.outdir} (HEAD {head[:12]})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
