#!/usr/bin/env bash
# Time ccag's history commands against git on a generated repository with a long history.
#
#   bench/history.sh
#
# The repository: bench/make_history_repo.py REPO --records 1000 --commits 5000 (built on
# first use, reused while its manifest matches): 1,000 records, a first commit adding them all,
# then 4,999 commits each changing one record (updates appended, statuses, moves between
# records/changes/<BODY>/ and .../archive/, deletions and re-adds). Four records are hot
# (100 commits each); one action is cold (3 commits).
#
# Timed, each with hyperfine (one warm-up run, median reported):
#   ccag -C REPO log ID                      vs  git -C REPO log --follow -p -- PATH
#     for the hot action (deleted and re-added twice), the hot cr (moved 8 times) and the cold
#     action; goal: ccag within 2x of git
#   ccag -C REPO changes --since REV --format json, for REV = HEAD~2500 (COMMITS / 2) and the
#     root commit,
#     with `git -C REPO diff -M -p REV -- records` (the same span: REV to the work tree) for
#     reference
# Peak RSS of each ccag command from /usr/bin/time -f %M (median of RSS_RUNS runs).
#
# Checked first: ccag log lists as many commits as `git log --follow --oneline -- PATH`; ccag
# changes reports as many records as differ (by id) between REV and HEAD.
#
# Git runs with GIT_CONFIG_NOSYSTEM=1 and GIT_CONFIG_GLOBAL=/dev/null (both tools see the same
# repository configuration). The repository is gc-ed, so git has a commit-graph.
#
# Environment:
#   CCAG_BIN   ccag binary (default: target/release/ccag, relative to the repository root)
#   REPO       the history repository (default /tmp/ccag-hist-1000x5000)
#   RECORDS, COMMITS, SEED   for make_history_repo.py (default 1000, 5000, 1)
#   RUNS       timed runs per command (default 10); RSS_RUNS (default 3)
#   OUT        outputs and hyperfine JSON (default /tmp/ccag-history-results)
#   QUIET_WAIT seconds to wait for an idle machine before each command (default 900)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
cd "$ROOT"

CCAG_BIN=${CCAG_BIN:-target/release/ccag}
case "$CCAG_BIN" in /*) ;; */*) CCAG_BIN="$ROOT/$CCAG_BIN" ;; esac
REPO=${REPO:-/tmp/ccag-hist-1000x5000}
RECORDS=${RECORDS:-1000}
COMMITS=${COMMITS:-5000}
SEED=${SEED:-1}
RUNS=${RUNS:-10}
RSS_RUNS=${RSS_RUNS:-3}
OUT=${OUT:-/tmp/ccag-history-results}
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

QUIET_WAIT=${QUIET_WAIT:-900}
WAIT_FOR='check-jsonschema|ajv|validate.sh'
. "$HERE/lib.sh"
[ -x "$CCAG_BIN" ] || { log "error: no ccag binary at $CCAG_BIN (set CCAG_BIN)"; exit 2; }
for t in hyperfine git python3; do
  command -v "$t" >/dev/null || { log "error: $t not found"; exit 2; }
done
[ -x /usr/bin/time ] || { log "error: /usr/bin/time not found (apt-get install time)"; exit 2; }
mkdir -p "$OUT"

# --- the repository -------------------------------------------------------------------------
if ! python3 - "$REPO/history-manifest.json" "$RECORDS" "$COMMITS" "$SEED" "$HERE" <<'EOF' 2>/dev/null; then
import hashlib, json, os, sys
m = json.load(open(sys.argv[1]))
h = hashlib.sha256()
for name in ("make_history_repo.py", "generate.py"):
    h.update(open(os.path.join(sys.argv[5], name), "rb").read())
ok = (m["records"], m["commits"], m["seed"]) == tuple(map(int, sys.argv[2:5])) and m.get("hot_commits", 100) == 100
sys.exit(0 if ok and m.get("generator_sha256") == h.hexdigest() else 1)
EOF
  log "building $REPO ($RECORDS records, $COMMITS commits)"
  python3 "$HERE/make_history_repo.py" "$REPO" --records "$RECORDS" --commits "$COMMITS" --seed "$SEED" >&2
fi
M=$REPO/history-manifest.json
mf() { python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); v=m
for k in sys.argv[2].split("."): v=v[k]
print(v)' "$M" "$1"; }
ROOTREV=$(mf root)
MID=HEAD~$((COMMITS / 2))  # HEAD~2500 by default
HOT_A=$(mf hot.action.id); HOT_A_PATH=$(mf hot.action.path)
HOT_C=$(mf hot.cr.id); HOT_C_PATH=$(mf hot.cr.path)
COLD=$(mf cold.id); COLD_PATH=$(mf cold.path)
[ -z "$(git -C "$REPO" status --porcelain)" ] || { log "error: $REPO has uncommitted changes"; exit 2; }

log "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%dT%H:%MZ)"
log "  $("$CCAG_BIN" --version); $(git --version); $(hyperfine --version)"
log "  $REPO: $(git -C "$REPO" rev-list --count HEAD) commits, HEAD $(git -C "$REPO" rev-parse --short HEAD), $(find "$REPO/records" -name '*.yaml' | wc -l) record files"

# --- sanity -----------------------------------------------------------------------------------
fail=0
for pair in "$HOT_A:$HOT_A_PATH" "$HOT_C:$HOT_C_PATH" "$COLD:$COLD_PATH"; do
  id=${pair%%:*}; path=${pair#*:}
  "$CCAG_BIN" -C "$REPO" log "$id" --format json > "$OUT/log-$id.json"
  "$CCAG_BIN" -C "$REPO" --color never log "$id" > "$OUT/log-$id.txt"
  c=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$OUT/log-$id.json")
  ct=$(grep -c -E '^[0-9a-f]{7,} ' "$OUT/log-$id.txt" || true)
  g=$(git -C "$REPO" log --follow --oneline -- "$path" | wc -l)
  kinds=$(python3 -c 'import json,sys,collections; print(dict(collections.Counter(e["change"] for e in json.load(open(sys.argv[1])))))' "$OUT/log-$id.json")
  log "  log $id: ccag $c commits (json; $ct in text), git log --follow $g; $kinds"
  [ "$c" = "$g" ] && [ "$ct" = "$g" ] || { log "  MISMATCH for $id"; fail=1; }
done
for rev in "$MID" "$ROOTREV"; do
  "$CCAG_BIN" -C "$REPO" changes --since "$rev" --format json > "$OUT/changes-${rev:0:12}.json"
  python3 - "$REPO" "$rev" "$OUT/changes-${rev:0:12}.json" <<'EOF' >&2 || fail=1
import collections, json, subprocess, sys
repo, rev, out = sys.argv[1:4]
def tree(r):
    t = {}
    for line in subprocess.run(["git", "-C", repo, "ls-tree", "-r", r, "--", "records"], capture_output=True, text=True, check=True).stdout.splitlines():
        meta, path = line.split("\t", 1)
        if path.endswith(".yaml"):
            t[path.rsplit("/", 1)[1][:-5]] = (path, meta.split()[2])
    return t
a, b = tree(rev), tree("HEAD")
exp = collections.Counter()
for i in a.keys() | b.keys():
    if i not in b: exp["removed"] += 1
    elif i not in a: exp["added"] += 1
    elif a[i] != b[i]: exp["modified"] += 1
moved_only = sum(1 for i in a.keys() & b.keys() if a[i][0] != b[i][0])
got = json.load(open(out))
kinds = collections.Counter(e.get("change", "?") for e in got)
print(f"  changes --since {rev[:12]}: ccag {len(got)} records {dict(kinds)}; git (ids whose path or blob differ) {sum(exp.values())} {dict(exp)}, of which at another path {moved_only}")
sys.exit(0 if len(got) == sum(exp.values()) else 1)
EOF
done
[ "$fail" = 0 ] || log "  WARNING: the sanity checks above found a mismatch"

# --- timings ----------------------------------------------------------------------------------
SUMMARY=$OUT/summary.tsv
printf 'name\tcommand\tmedian_s\tmin_s\tmean_s\tstddev_s\trss_mb\truns\tidle_before_pct\tother_cpu_s\n' > "$SUMMARY"
bench() { # name command
  local name=$1 cmd=$2 idle med min mean sd other elapsed rss_mb
  timed_runs "$PWD" "$name" "$RUNS" "$OUT/hf-$name.json" "$cmd"
  rss_mb=$(peak_rss_mb "$PWD" "$RSS_RUNS" "$cmd")
  log "  $name: median $med s (min $min, mean $mean ± $sd), peak RSS $rss_mb MB, idle before $idle%, other jobs $other s cpu over $elapsed s"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$cmd" "$med" "$min" "$mean" "$sd" "$rss_mb" "$RUNS" "$idle" "$other" >> "$SUMMARY"
}
C="$CCAG_BIN -C $REPO"
G="git -C $REPO"
bench "ccag log hot-action $HOT_A" "$C log $HOT_A"
bench "git log hot-action" "$G log --follow -p -- $HOT_A_PATH"
bench "ccag log hot-cr $HOT_C" "$C log $HOT_C"
bench "git log hot-cr" "$G log --follow -p -- $HOT_C_PATH"
bench "ccag log cold $COLD" "$C log $COLD"
bench "git log cold" "$G log --follow -p -- $COLD_PATH"
bench "ccag changes $MID" "$C changes --since $MID --format json"
bench "git diff $MID" "$G diff -M -p $MID -- records"
bench "ccag changes root" "$C changes --since $ROOTREV --format json"
bench "git diff root" "$G diff -M -p $ROOTREV -- records"

echo
echo "nproc: $(nproc); $REPO: $COMMITS commits, $RECORDS records; median wall time of $RUNS hyperfine runs"
python3 - "$SUMMARY" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print(f"{'command':34} {'median_s':>9} {'min_s':>7} {'peak_MB':>8}  ratio")
for i in range(0, len(rows), 2):
    c, g = rows[i], rows[i + 1]
    r = float(c["median_s"]) / float(g["median_s"])
    goal = (" (goal <= 2x: " + ("met" if r <= 2 else "NOT met") + ")") if " log " in c["name"] else " (no goal)"
    print(f"{c['name']:34} {float(c['median_s']):9.3f} {float(c['min_s']):7.3f} {c['rss_mb']:>8}  ccag/git {r:.2f}x{goal}")
    print(f"{g['name']:34} {float(g['median_s']):9.3f} {float(g['min_s']):7.3f} {g['rss_mb']:>8}")
EOF
echo "all figures: $SUMMARY; hyperfine JSON and outputs in $OUT"
