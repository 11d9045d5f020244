#!/usr/bin/env python3
"""Check `ccag validate --format json` output against a generated set's bench-manifest.json.

    python3 bench/check_findings.py SETDIR FINDINGS.json [--today 2026-09-30]

Checks, and prints one line per check (exit 1 when one fails):

  * errors: the files with at least one error finding are exactly the manifest's `invalid`
    files (one defect each, see generate.py);
  * warning files: each of the manifest's `warnings` files has a warning finding of its rule
    and no error;
  * warnings by rule, over the files without a defect: as many `overdue-action`,
    `stale-decision` and `unresolved-related` warnings as the manifest's `expected_warnings`
    (only when --today is the manifest's `expected_warnings_at`: later days make more actions
    overdue), and no warning of any other rule.

Standard library only.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys


def rel(path: str) -> str:
    """A finding's file, relative to the set: everything from `records/` on."""
    k = path.rfind("records/")
    return path[k:] if k >= 0 else path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("setdir")
    ap.add_argument("findings")
    ap.add_argument("--today", default=None, help="the --today ccag ran with (default: unknown)")
    args = ap.parse_args()
    m = json.load(open(os.path.join(args.setdir, "bench-manifest.json")))
    d = json.load(open(args.findings))
    findings = d["findings"]

    invalid = {e["path"] for e in m["invalid"]}
    warn_files = {e["path"]: e["warning"].split(":", 1)[0] for e in m.get("warnings", [])}
    err_files = {rel(f["file"]) for f in findings if f["severity"] == "error"}
    warn_by_file = collections.defaultdict(set)
    for f in findings:
        if f["severity"] == "warning":
            warn_by_file[rel(f["file"])].add(f["rule"])

    ok = True

    def report(good: bool, text: str) -> None:
        nonlocal ok
        ok = ok and good
        print(f"  {'ok  ' if good else 'FAIL'} {text}")

    missing, extra = invalid - err_files, err_files - invalid
    report(not missing and not extra,
           f"errors on {len(err_files)} files; the manifest has {len(invalid)} defective files"
           + (f" (not reported: {len(missing)}, e.g. {sorted(missing)[:3]};" if missing else "")
           + (f" unexpected: {len(extra)}, e.g. {sorted(extra)[:3]})" if extra else ""))

    lacking = [p for p, r in warn_files.items() if r not in warn_by_file.get(p, ())]
    with_err = [p for p in warn_files if p in err_files]
    by_rule = collections.Counter(warn_files.values())
    report(not lacking and not with_err,
           f"{len(warn_files)} warning files {dict(sorted(by_rule.items()))}: "
           f"{len(warn_files) - len(lacking)} have their warning, {len(with_err)} have an error"
           + (f" (lacking: e.g. {lacking[:3]})" if lacking else ""))

    got = collections.Counter(f["rule"] for f in findings
                              if f["severity"] == "warning" and rel(f["file"]) not in invalid)
    exp = {k: v for k, v in m.get("expected_warnings", {}).items() if k != "open_actions"}
    files_warned = sum(1 for p in warn_by_file if p not in invalid)
    text = (f"warnings on files without a defect: {dict(sorted(got.items()))} on {files_warned} files "
            f"({files_warned / max(1, m['n'] - len(invalid)):.0%} of them)")
    if exp and args.today == m.get("expected_warnings_at"):
        others = set(got) - set(exp)
        report(all(got.get(k, 0) == v for k, v in exp.items()) and not others,
               text + f"; expected {exp}")
    else:
        print(f"  info {text}")

    summary = {k: d[k] for k in ("files", "records", "errors", "warnings") if k in d}
    print(f"  ccag's summary: {summary}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
