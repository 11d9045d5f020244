#!/usr/bin/env bash
# Time `ccag actions --open --format json` against yq answering the same question over the
# same files: every action whose status is not `closed`, as a JSON array of the records.
#
#   bench/listing.sh [N...]            (default: 10000 100000)
#
# Record sets: bench/generate.py N /tmp/ccag-list-N --invalid-share 0 (generated on first use,
# reused while the manifest matches). No file has a defect, so ccag exits 0; note that ccag
# validates every action file fully (schema and rules) before listing it, yq only parses.
#
# yq is kislyuk's yq (Debian/PyPI package `yq`: PyYAML, with libyaml's CSafeLoader when
# present, piping into jq). Its question:
#     yq -s '[.[] | select(.status != "closed")]' records/actions/...yaml
# with the file names passed by xargs: at most YQ_BATCH (default 10000) files and about 2 MB of
# arguments per invocation, because yq 3.x opens every file named on its command line before
# reading any (argparse FileType), and 35,000 files exceed the open-file limit (here a hard
# 20,000 that root in this container cannot raise: "[Errno 24] Too many open files"). When
# xargs needs more than one invocation the arrays are joined with `jq -s add`, inside the timed
# command, and the script says so.
#
# Before the timings the two answers are compared: same number of records, same ids, and the
# same records field for field (ccag adds the computed field `overdue`, ignored here).
#
# Timing: hyperfine (apt-get install hyperfine) with one warm-up run, the median reported;
# peak RSS from /usr/bin/time -f %M (largest single process), median of RSS_RUNS runs.
# "ccag-1t" is the same ccag command with RAYON_NUM_THREADS=1 (yq and jq are one process each).
#
# Environment:
#   CCAG_BIN   ccag binary (default: target/release/ccag, relative to the repository root)
#   YQ         yq command (default: yq); YQ_BATCH files per yq invocation (default 10000)
#   TODAY      --today for ccag (default 2024-02-28); SEED (default 1)
#   RUNS       timed runs of each ccag command (default 10); RUNS_YQ (default 5)
#   RSS_RUNS   runs under /usr/bin/time for peak RSS (default 3)
#   TOOLS      default "ccag ccag-1t yq"
#   OUT        where the outputs and hyperfine JSON go (default /tmp/ccag-listing-results)
#   QUIET_WAIT seconds to wait for an idle machine before each tool (default 900)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
cd "$REPO"

CCAG_BIN=${CCAG_BIN:-target/release/ccag}
case "$CCAG_BIN" in /*) ;; */*) CCAG_BIN="$REPO/$CCAG_BIN" ;; esac
YQ=${YQ:-yq}
YQ_BATCH=${YQ_BATCH:-10000}
TODAY=${TODAY:-2024-02-28}
SEED=${SEED:-1}
RUNS=${RUNS:-10}
RUNS_YQ=${RUNS_YQ:-5}
RSS_RUNS=${RSS_RUNS:-3}
TOOLS=${TOOLS:-"ccag ccag-1t yq"}
OUT=${OUT:-/tmp/ccag-listing-results}
if [ $# -gt 0 ]; then NS=("$@"); else NS=(10000 100000); fi
FILTER='[.[] | select(.status != "closed")]'

QUIET_WAIT=${QUIET_WAIT:-900}
WAIT_FOR='check-jsonschema|ajv|validate.sh'
. "$HERE/lib.sh"
has_tool() { [[ " $TOOLS " == *" $1 "* ]]; }

[ -x "$CCAG_BIN" ] || { log "error: no ccag binary at $CCAG_BIN (set CCAG_BIN)"; exit 2; }
for t in hyperfine jq "$YQ"; do
  command -v "$t" >/dev/null || { log "error: $t not found (apt-get install hyperfine jq yq)"; exit 2; }
done
[ -x /usr/bin/time ] || { log "error: /usr/bin/time not found (apt-get install time)"; exit 2; }
mkdir -p "$OUT"


# --- data ---------------------------------------------------------------------------------
dataset() { # N -> directory
  local n=$1 dir=/tmp/ccag-list-$1
  if ! python3 - "$dir/bench-manifest.json" "$n" "$SEED" "$HERE/generate.py" <<'EOF' 2>/dev/null; then
import hashlib, json, sys
m = json.load(open(sys.argv[1]))
ok = m["n"] == int(sys.argv[2]) and m["invalid_share"] == 0 and m["seed"] == int(sys.argv[3])
ok = ok and m.get("generator_sha256") == hashlib.sha256(open(sys.argv[4], "rb").read()).hexdigest()
sys.exit(0 if ok else 1)
EOF
    log "generating $n records into $dir"
    python3 "$HERE/generate.py" "$n" "$dir" --invalid-share 0 --seed "$SEED" >&2
  fi
  printf '%s\n' "$dir"
}

# --- main ---------------------------------------------------------------------------------
log "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%dT%H:%MZ)"
log "  $("$CCAG_BIN" --version); $("$YQ" --version 2>&1) (kislyuk's; Debian package $(dpkg-query -W -f '${Version}' yq 2>/dev/null || echo '?')); $(jq --version); $(hyperfine --version)"
SUMMARY=$OUT/summary.tsv
printf 'tool\tN\trecords_out\tmedian_s\tmin_s\tmean_s\tstddev_s\trss_mb\truns\tidle_before_pct\tother_cpu_s\n' > "$SUMMARY"

for n in "${NS[@]}"; do
  dir=$(dataset "$n")
  mkdir -p "$dir/.lists"
  (cd "$dir" && find records/actions -name '*.yaml' | LC_ALL=C sort) > "$dir/.lists/actions-listing"
  nfiles=$(wc -l < "$dir/.lists/actions-listing")
  batches=$(xargs -s 2000000 -n "$YQ_BATCH" -d '\n' -a "$dir/.lists/actions-listing" sh -c 'echo x' sh | wc -l)
  if [ "$batches" -gt 1 ]; then
    yq_cmd="xargs -s 2000000 -n $YQ_BATCH -d '\\n' -a .lists/actions-listing $YQ -s '$FILTER' | jq -s add"
    log "N=$n: $nfiles action files; yq runs in $batches invocations, joined with jq -s add (timed)"
  else
    yq_cmd="xargs -s 2000000 -n $YQ_BATCH -d '\\n' -a .lists/actions-listing $YQ -s '$FILTER'"
    log "N=$n: $nfiles action files; yq runs in one invocation"
  fi
  ccag_cmd="$CCAG_BIN -C . --today $TODAY actions --open --format json"
  declare -A CMD=([ccag]="$ccag_cmd" [ccag-1t]="RAYON_NUM_THREADS=1 $ccag_cmd" [yq]="$yq_cmd")

  # Warm the page cache (and flush the generator's writes).
  sync
  find "$dir/records" -name '*.yaml' -print0 | xargs -0 cat > /dev/null

  # Same answer?
  (cd "$dir" && bash -c "${CMD[ccag]}" > "$OUT/ccag-$n.json") || { log "ccag exited $?"; exit 1; }
  (cd "$dir" && bash -c "${CMD[yq]}" > "$OUT/yq-$n.json")
  python3 - "$OUT/ccag-$n.json" "$OUT/yq-$n.json" <<'EOF' >&2 || { log "answers differ"; exit 1; }
import json, sys
c = json.load(open(sys.argv[1])); y = json.load(open(sys.argv[2]))
print(f"  ccag: {len(c)} records, yq: {len(y)} records")
ys = {r["id"]: r for r in y}
bad = 0
for r in c:
    r = {k: v for k, v in r.items() if k != "overdue"}
    if ys.get(r["id"]) != r:
        bad += 1
        if bad <= 3:
            print("  differs:", r["id"])
if len(c) != len(y) or len({r["id"] for r in c}) != len(ys) or bad:
    sys.exit(1)
print("  same records, field for field (ignoring ccag's computed `overdue`)")
EOF
  records_out=$(jq length "$OUT/ccag-$n.json")

  for t in $TOOLS; do
    runs=$RUNS; [ "$t" = yq ] && runs=$RUNS_YQ
    timed_runs "$dir" "$t N=$n" "$runs" "$OUT/hf-$t-$n.json" "${CMD[$t]}"
    rss_mb=$(peak_rss_mb "$dir" "$RSS_RUNS" "${CMD[$t]}")
    log "  $t N=$n: median $med s (min $min, mean $mean ± $sd), peak RSS $rss_mb MB, idle before $idle%, other jobs ${other} s cpu over $elapsed s"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$n" "$records_out" "$med" "$min" "$mean" "$sd" "$rss_mb" "$runs" "$idle" "$other" >> "$SUMMARY"
  done
  unset CMD
done

echo
echo "nproc: $(nproc); median wall time of hyperfine runs; yq/ccag on the medians; goal: yq/ccag >= 10"
python3 - "$SUMMARY" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
by = {(r["tool"], r["N"]): r for r in rows}
print(f"{'tool':8} {'N':>7} {'records':>8} {'median_s':>9} {'min_s':>7} {'peak_MB':>8} {'yq/tool':>8}  goal")
for r in rows:
    yq = by.get(("yq", r["N"]))
    ratio = float(yq["median_s"]) / float(r["median_s"]) if yq else None
    rs = f"{ratio:.1f}x" if ratio else "-"
    goal = "-" if r["tool"] == "yq" or not ratio else ("met" if ratio >= 10 else "NOT met")
    print(f"{r['tool']:8} {r['N']:>7} {r['records_out']:>8} {float(r['median_s']):9.3f} {float(r['min_s']):7.3f} {r['rss_mb']:>8} {rs:>8}  {goal}")
EOF
echo "all figures: $SUMMARY; hyperfine JSON and outputs in $OUT"
