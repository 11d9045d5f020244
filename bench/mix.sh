#!/usr/bin/env bash
# Time ccag's everyday commands on record sets with a different mix from the other benchmarks:
# most actions open, long texts, many updates, and (on the second set) many findings.
#
#   bash bench/mix.sh
#
# The sets (bench/generate.py N /tmp/ccag-mix-<name>-N ..., made on first use and reused while
# the manifest, including the generator's sha256, matches):
#   clean-open-long  --invalid-share 0   --warning-share 0   --open-share 0.8 --text-length 4 --updates 6
#   findings         --invalid-share 0.3 --warning-share 0.4 --open-share 0.8 --text-length 4 --updates 6
# ("clean" means no defect and no planted warning; 80% of the actions are open and most of those
# are past due, so ccag still reports `overdue-action` warnings on about 28% of the files.)
#
# Timed on each set, inside the set's folder (C = $CCAG_BIN -C . --today $TODAY):
#   actions-open-json   C actions --open --format json > /dev/null
#   yq                  the same question answered by yq, as in listing.sh: every action whose
#                       status is not closed, xargs batches of YQ_BATCH files joined by jq -s add
#                       (yq also lists the defective action files that ccag skips)
#   actions-open-table  COLUMNS=120 C actions --open > out.txt   (the table, piped to a file)
#   report-json         C report --format json > /dev/null
#   show                C show ID > /dev/null, ID: the loaded open action with the most updates
#   validate-json       C validate --format json > /dev/null
#   ajv                 bench/ajv-yaml.js once per kind, as in validate.sh (Ajv + js-yaml)
#   read-floor          find records -name '*.yaml' -print0 | xargs -0 -P2 -n 5000 cat > /dev/null
#                       (a plain parallel read of every record file on 2 processes)
# and on a history repository (bench/make_history_repo.py --records HIST_RECORDS --commits
# HIST_COMMITS --hot-commits HIST_HOT: four records with HIST_HOT commits each):
#   log hot-action      $CCAG_BIN -C REPO log ID   vs  git -C REPO log --follow -p -- PATH
#   log hot-cr          the same for the hot cr (moved between folders every 12th commit)
#
# Checked before the timings: `ccag validate` reports errors on exactly the defective files and
# every planted warning (bench/check_findings.py); ccag and yq list the same open actions (on
# the findings set, yq's extra ones are all defective files); ccag log lists as many commits as
# `git log --follow`.
#
# Each command: hyperfine (one warm-up, RUNS runs, exit status 1 accepted: ccag exits 1 on
# findings), the median and fastest wall time; peak RSS is /usr/bin/time -f %M (the largest
# single process), the median of RSS_RUNS runs. Without hyperfine (and when apt cannot install
# it), RUNS runs under /usr/bin/time give both. Ratios are on the medians: peer / ccag for yq
# and ajv, validate / read floor, ccag log / git log.
#
# Environment:
#   CCAG_BIN    ccag binary (default: target/release/ccag, relative to the repository root)
#   N           records per set (default 100000); SEED (default 1); SETS (default both)
#   TODAY       --today for ccag (default 2026-09-30, the generator's fixed "now")
#   RUNS        timed runs per command (default 5); RSS_RUNS (default RUNS)
#   HYPERFINE   HYPERFINE=0 times with the /usr/bin/time loop even when hyperfine is present
#   YQ          yq command (default yq; YQ=0 skips yq); YQ_BATCH (default 10000)
#   AJV         AJV=0 skips Ajv; BENCH_NPM its npm prefix (default /tmp/bench-npm)
#   HIST        HIST=0 skips the log benchmark; HIST_RECORDS, HIST_COMMITS, HIST_HOT (default
#               10000, 3000, 300); HIST_REPO (default /tmp/ccag-mix-hist-RxC-hotH)
#   RESULTS     TSV of every figure (default /tmp/ccag-mix-results.tsv)
#   OUT         outputs and hyperfine JSON (default /tmp/ccag-mix-out)
#   QUIET_WAIT  before each command, wait up to this many seconds for >= 90% idle (default 600;
#               0: do not wait). A measurement that other jobs disturbed is repeated up to
#               ATTEMPTS times (default 3, or 1 with QUIET_WAIT=0) and marked `*` if it stays so.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
cd "$ROOT"

CCAG_BIN=${CCAG_BIN:-target/release/ccag}
case "$CCAG_BIN" in /*) ;; */*) CCAG_BIN="$ROOT/$CCAG_BIN" ;; esac
N=${N:-100000}
SEED=${SEED:-1}
SETS=${SETS:-"clean-open-long findings"}
TODAY=${TODAY:-2026-09-30}
RUNS=${RUNS:-5}
RSS_RUNS=${RSS_RUNS:-$RUNS}
YQ=${YQ:-yq}
YQ_BATCH=${YQ_BATCH:-10000}
AJV=${AJV:-1}
BENCH_NPM=${BENCH_NPM:-/tmp/bench-npm}
HIST=${HIST:-1}
HIST_RECORDS=${HIST_RECORDS:-10000}
HIST_COMMITS=${HIST_COMMITS:-3000}
HIST_HOT=${HIST_HOT:-300}
HIST_REPO=${HIST_REPO:-/tmp/ccag-mix-hist-${HIST_RECORDS}x${HIST_COMMITS}-hot${HIST_HOT}}
RESULTS=${RESULTS:-/tmp/ccag-mix-results.tsv}
OUT=${OUT:-/tmp/ccag-mix-out}
FILTER='[.[] | select(.status != "closed")]'
KINDS=(action cr risk milestone meeting)
declare -A FOLDER=([action]=actions [cr]=changes [risk]=risks [milestone]=milestones [meeting]=meetings)
declare -A SET_ARGS=(
  [clean-open-long]="--invalid-share 0 --warning-share 0 --open-share 0.8 --text-length 4 --updates 6"
  [findings]="--invalid-share 0.3 --warning-share 0.4 --open-share 0.8 --text-length 4 --updates 6"
)
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

QUIET_WAIT=${QUIET_WAIT:-600}
if [ "$QUIET_WAIT" = 0 ]; then ATTEMPTS=${ATTEMPTS:-1}; else ATTEMPTS=${ATTEMPTS:-3}; fi
WAIT_FOR='check-jsonschema|ajv-yaml|bench/validate\.sh|bench/listing\.sh|bench/history\.sh'
HYPERFINE_OPTS=-i # exit status 1 (findings) is expected from ccag
. "$HERE/lib.sh"

# --- tools ------------------------------------------------------------------------------------
[ -x "$CCAG_BIN" ] || { log "error: no ccag binary at $CCAG_BIN (build it with cargo build --release, or set CCAG_BIN)"; exit 2; }
apt_install() { (apt-get update -qq && apt-get install -y -qq "$@") >&2; }
if [ ! -x /usr/bin/time ]; then log "installing GNU time"; apt_install time; fi
if [ "${HYPERFINE:-1}" != 0 ] && ! command -v hyperfine >/dev/null; then
  log "installing hyperfine"
  apt_install hyperfine || log "  could not install hyperfine: timing with a loop of /usr/bin/time instead"
fi
HAVE_HYPERFINE=0
[ "${HYPERFINE:-1}" != 0 ] && command -v hyperfine >/dev/null && HAVE_HYPERFINE=1
if [ "$YQ" != 0 ] && ! { command -v "$YQ" >/dev/null && command -v jq >/dev/null; }; then
  log "installing yq and jq"; apt_install yq jq
fi
if [ "$AJV" != 0 ] && [ ! -d "$BENCH_NPM/node_modules/ajv-formats" ]; then
  log "installing ajv-cli and ajv-formats into $BENCH_NPM"
  npm install --silent --prefix "$BENCH_NPM" ajv-cli ajv-formats >&2
fi
mkdir -p "$OUT"

# --- data -------------------------------------------------------------------------------------
dataset() { # name -> prints the directory, generating it when needed
  local name=$1 dir=/tmp/ccag-mix-$1-$N t0
  # shellcheck disable=SC2086 # SET_ARGS: words on purpose
  if ! python3 - "$dir/bench-manifest.json" "$N" "$SEED" "$HERE/generate.py" ${SET_ARGS[$name]} <<'EOF' 2>/dev/null; then
import hashlib, json, sys
m = json.load(open(sys.argv[1]))
want = {"n": int(sys.argv[2]), "seed": int(sys.argv[3]), "open_share": None, "warning_share": 0.0,
        "text_length": 1.0, "updates": 3, "invalid_share": 0.01}
args = sys.argv[5:]
for k, v in zip(args[::2], args[1::2]):
    k = k.lstrip("-").replace("-", "_")
    want[k] = int(v) if k == "updates" else float(v)
ok = all(m.get(k) == v for k, v in want.items())
ok = ok and m.get("generator_sha256") == hashlib.sha256(open(sys.argv[4], "rb").read()).hexdigest()
sys.exit(0 if ok else 1)
EOF
    log "generating $N records into $dir (${SET_ARGS[$name]})"
    t0=$SECONDS
    # shellcheck disable=SC2086
    python3 "$HERE/generate.py" "$N" "$dir" --seed "$SEED" ${SET_ARGS[$name]} >&2
    log "  generated in $((SECONDS - t0)) s"
  fi
  printf '%s\n' "$dir"
}

# --- timing -----------------------------------------------------------------------------------
printf 'set\tlabel\ttool\tmedian_s\tmin_s\tmean_s\tstddev_s\tcpu_s\trss_mb\truns\tidle_before_pct\tother_cpu_s\telapsed_s\tdisturbed\tcommand\n' > "$RESULTS"

# measure SET LABEL TOOL DIR CMD: time CMD inside DIR, append a row to RESULTS.
measure() {
  local set=$1 label=$2 tool=$3 dir=$4 cmd=$5 idle med min mean sd other elapsed rss_mb flag cpu
  if [ "$HAVE_HYPERFINE" = 1 ]; then
    timed_runs "$dir" "$label [$set]" "$RUNS" "$OUT/hf-$set-$label.json" "$cmd"
    cpu=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f" % (r["user"] + r["system"]))' "$OUT/hf-$set-$label.json")
    rss_mb=$(peak_rss_mb "$dir" "$RSS_RUNS" "$cmd" 2> /dev/null) # ccag's stderr: skipped files
  else
    local r b0 b1 s0 s1 t0 t1 tf m u sy walls=() rss=() own=0
    tf=$(mktemp)
    idle=$(wait_quiet)
    b0=$(busy_s); s0=$(date +%s.%N)
    for ((r = 0; r < RUNS; r++)); do # wall from the clock: %e has 10 ms steps
      t0=$(date +%s%N)
      (cd "$dir" && /usr/bin/time -f '%M %U %S' -o "$tf" bash -c "$cmd" > /dev/null 2>&1) || true
      t1=$(date +%s%N)
      read -r m u sy < <(tail -n 1 "$tf")
      walls+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}')"); rss+=("$m")
      own=$(awk -v a="$own" -v u="$u" -v s="$sy" 'BEGIN {print a + u + s}')
    done
    b1=$(busy_s); s1=$(date +%s.%N)
    rm -f "$tf"
    read -r med min mean sd < <(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1; s+=$1; q+=$1*$1} END {m=s/NR; v=q/NR-m*m; printf "%s %s %.4f %.4f\n", a[int((NR+1)/2)], a[1], m, (v > 0 ? sqrt(v) : 0)}')
    rss_mb=$(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)] / 1024}')
    other=$(awk -v b0="$b0" -v b1="$b1" -v o="$own" 'BEGIN {x = b1 - b0 - o; printf "%.2f", (x > 0 ? x : 0)}')
    cpu=$(awk -v o="$own" -v n="$RUNS" 'BEGIN {printf "%.3f", o / n}')
    elapsed=$(awk -v a="$s0" -v b="$s1" 'BEGIN {printf "%.1f", b - a}')
  fi
  flag=ok
  awk -v o="$other" -v e="$elapsed" 'BEGIN {exit !(o > 0.15 * e + 0.3)}' && flag='*'
  log "  $label [$set]: median $med s (min $min), cpu $cpu s, peak RSS $rss_mb MB; idle before $idle%, other jobs $other s cpu over $elapsed s${flag/ok/}"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$label" "$tool" "$med" "$min" "$mean" "$sd" \
    "$cpu" "$rss_mb" "$RUNS" "$idle" "$other" "$elapsed" "$flag" "$cmd" >> "$RESULTS"
}

log "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
log "  $("$CCAG_BIN" --version) ($CCAG_BIN, sha256 $(sha256sum "$CCAG_BIN" | cut -c1-16)…)"
[ "$HAVE_HYPERFINE" = 1 ] && log "  $(hyperfine --version)"
[ "$YQ" != 0 ] && log "  $("$YQ" --version 2>&1) (kislyuk's, Debian package $(dpkg-query -W -f '${Version}' yq 2>/dev/null || echo '?')); $(jq --version)"
[ "$AJV" != 0 ] && log "  ajv $(node -p "require('$BENCH_NPM/node_modules/ajv/package.json').version") + js-yaml $(node -p "require('$BENCH_NPM/node_modules/js-yaml/package.json').version"), node $(node --version)"

for set in $SETS; do
  [ -n "${SET_ARGS[$set]:-}" ] || { log "error: unknown set $set (known: ${!SET_ARGS[*]})"; exit 2; }
  dir=$(dataset "$set")
  mkdir -p "$dir/.lists"
  for k in "${KINDS[@]}"; do
    (cd "$dir" && find "records/${FOLDER[$k]}" -name '*.yaml' | LC_ALL=C sort) > "$dir/.lists/$k"
  done
  log "set $set: $N records, $(du -sm "$dir/records" | cut -f1) MB, $(wc -l < "$dir/.lists/action") action files"
  # Flush what generating wrote and warm the page cache.
  sync
  find "$dir/records" -name '*.yaml' -print0 | xargs -0 cat > /dev/null

  C="$CCAG_BIN -C . --today $TODAY"
  # Sanity: validate's findings against the manifest.
  rc=0; (cd "$dir" && $C validate --format json > "$OUT/validate-$set.json") || rc=$?
  log "  ccag validate exit status $rc"
  python3 "$HERE/check_findings.py" "$dir" "$OUT/validate-$set.json" --today "$TODAY" >&2 || log "  WARNING: the findings do not match the manifest"
  rc=0; (cd "$dir" && $C actions --open --format json > "$OUT/actions-$set.json" 2>/dev/null) || rc=$?
  [ "$rc" -le 1 ] || { log "ccag actions exited $rc"; exit 1; }
  show_id=$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print(max(a, key=lambda r: (len(r.get("updates", [])), r["id"]))["id"])' "$OUT/actions-$set.json")
  log "  ccag actions --open: $(jq length "$OUT/actions-$set.json") records (exit $rc); show $show_id"

  yq_cmd=
  if [ "$YQ" != 0 ]; then
    batches=$(xargs -s 2000000 -n "$YQ_BATCH" -d '\n' -a "$dir/.lists/action" sh -c 'echo x' sh | wc -l)
    yq_cmd="xargs -s 2000000 -n $YQ_BATCH -d '\\n' -a .lists/action $YQ -s '$FILTER'"
    [ "$batches" -gt 1 ] && yq_cmd="$yq_cmd | jq -s add"
    (cd "$dir" && bash -c "$yq_cmd" > "$OUT/yq-$set.json")
    python3 - "$OUT/actions-$set.json" "$OUT/yq-$set.json" "$dir/bench-manifest.json" "$batches" <<'EOF' >&2 || log "  WARNING: ccag and yq answers differ"
import json, sys
c = json.load(open(sys.argv[1])); y = json.load(open(sys.argv[2])); m = json.load(open(sys.argv[3]))
defective = {e["path"].rsplit("/", 1)[1][:-5] for e in m["invalid"] if e["kind"] == "action"}
ys = {r.get("id"): r for r in y}
cs = {r["id"] for r in c}
bad = [r["id"] for r in c if ys.get(r["id"]) != {k: v for k, v in r.items() if k != "overdue"}]
extra = set(ys) - cs
print(f"  yq ({sys.argv[4]} invocation(s)): {len(y)} records; ccag: {len(c)}; "
      f"{len(c) - len(bad)} of ccag's identical field for field, {len(bad)} differ; "
      f"yq's {len(extra)} more are {'all' if extra <= defective else 'NOT all'} defective files (ccag skips those)")
sys.exit(0 if not bad and extra <= defective else 1)
EOF
  fi
  if [ "$AJV" != 0 ]; then
    ajv_cmd="for k in ${KINDS[*]}; do NODE_PATH=$BENCH_NPM/node_modules node $HERE/ajv-yaml.js schemas/\$k.schema.json .lists/\$k; done"
    (cd "$dir" && sh -c "$ajv_cmd" > /dev/null 2> "$OUT/ajv-$set.err") || true
    log "  ajv: $(grep -c ' invalid$' "$OUT/ajv-$set.err" || true) files invalid (schema defects only; the manifest has $(jq '.invalid | length' "$dir/bench-manifest.json") defects)"
  fi

  measure "$set" actions-open-json ccag "$dir" "$C actions --open --format json > /dev/null"
  [ -n "$yq_cmd" ] && measure "$set" yq yq "$dir" "$yq_cmd > /dev/null"
  measure "$set" actions-open-table ccag "$dir" "COLUMNS=120 $C actions --open > out.txt"
  measure "$set" report-json ccag "$dir" "$C report --format json > /dev/null"
  measure "$set" show ccag "$dir" "$C show $show_id > /dev/null"
  measure "$set" validate-json ccag "$dir" "$C validate --format json > /dev/null"
  [ "$AJV" != 0 ] && measure "$set" ajv ajv "$dir" "$ajv_cmd > /dev/null 2>&1"
  measure "$set" read-floor floor "$dir" "find records -name '*.yaml' -print0 | xargs -0 -P2 -n 5000 cat > /dev/null"
done

# --- history ----------------------------------------------------------------------------------
if [ "$HIST" != 0 ]; then
  if ! python3 - "$HIST_REPO/history-manifest.json" "$HIST_RECORDS" "$HIST_COMMITS" "$SEED" "$HIST_HOT" "$HERE" <<'EOF' 2>/dev/null; then
import hashlib, json, os, sys
m = json.load(open(sys.argv[1]))
h = hashlib.sha256()
for name in ("make_history_repo.py", "generate.py"):
    h.update(open(os.path.join(sys.argv[6], name), "rb").read())
ok = (m["records"], m["commits"], m["seed"], m.get("hot_commits")) == tuple(map(int, sys.argv[2:6]))
sys.exit(0 if ok and m.get("generator_sha256") == h.hexdigest() else 1)
EOF
    log "building $HIST_REPO ($HIST_RECORDS records, $HIST_COMMITS commits, hot records $HIST_HOT commits each)"
    python3 "$HERE/make_history_repo.py" "$HIST_REPO" --records "$HIST_RECORDS" --commits "$HIST_COMMITS" \
      --hot-commits "$HIST_HOT" --seed "$SEED" >&2
    sync # let the writeback finish before timing
  fi
  hist="hist-${HIST_RECORDS}x${HIST_COMMITS}"
  log "history $HIST_REPO: $(git -C "$HIST_REPO" rev-list --count HEAD) commits, $(find "$HIST_REPO/records" -name '*.yaml' | wc -l) record files; $(git --version)"
  for kind in action cr; do
    read -r id path < <(python3 -c 'import json,sys; h=json.load(open(sys.argv[1]))["hot"][sys.argv[2]]; print(h["id"], h["path"])' "$HIST_REPO/history-manifest.json" "$kind")
    c=$("$CCAG_BIN" -C "$HIST_REPO" log "$id" --format json | jq length)
    g=$(git -C "$HIST_REPO" log --follow --oneline -- "$path" | wc -l)
    log "  log $id: ccag $c commits, git log --follow $g"
    [ "$c" = "$g" ] || log "  WARNING: MISMATCH for $id"
    measure "$hist" "log-hot-$kind" ccag "$PWD" "$CCAG_BIN -C $HIST_REPO log $id > /dev/null"
    measure "$hist" "git-log-hot-$kind" git "$PWD" "git -C $HIST_REPO log --follow -p -- $path > /dev/null"
  done
fi

# --- table ------------------------------------------------------------------------------------
echo
echo "nproc $(nproc); $("$CCAG_BIN" --version); --today $TODAY; median (and fastest) wall time of $RUNS runs; cpu: user+system per run (mean, all processes); peak RSS: median of $RSS_RUNS runs"
python3 - "$RESULTS" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
by = {(r["set"], r["label"]): r for r in rows}
def x(a, b):
    return f"{float(a['median_s']) / float(b['median_s']):.1f}×" if a and b and float(b["median_s"]) > 0 else ""
COMMAND = {
    "actions-open-json": "`ccag actions --open --format json`",
    "yq": "yq, same question",
    "actions-open-table": "`ccag actions --open > out.txt` (table)",
    "report-json": "`ccag report --format json`",
    "show": "`ccag show ID`",
    "validate-json": "`ccag validate --format json`",
    "ajv": "Ajv (ajv-yaml.js, per kind)",
    "read-floor": "read floor (`xargs -P2 cat`)",
    "log-hot-action": "`ccag log` hot action",
    "git-log-hot-action": "`git log --follow -p` hot action",
    "log-hot-cr": "`ccag log` hot cr",
    "git-log-hot-cr": "`git log --follow -p` hot cr",
}
print("| command | set | wall s | fastest s | cpu s | peak MB | peer / ccag | validate / floor | ccag / git |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    s, l = r["set"], r["label"]
    peer = x(r, by.get((s, "actions-open-json"))) if l == "yq" else x(r, by.get((s, "validate-json"))) if l == "ajv" else ""
    floor = x(r, by.get((s, "read-floor"))) if l == "validate-json" else ""
    git = x(r, by.get((s, "git-" + l))) if l.startswith("log-") else ""
    mark = "*" if r["disturbed"] != "ok" else ""
    print(f"| {COMMAND.get(l, l)}{mark} | {s} | {float(r['median_s']):.3f} | {float(r['min_s']):.3f} | {float(r['cpu_s']):.2f} | {r['rss_mb']} | {peer} | {floor} | {git} |")
if any(r["disturbed"] != "ok" for r in rows):
    print("\n\\* other jobs used the CPU during these runs (see other_cpu_s in the TSV): not to be trusted")
EOF
echo "all figures: $RESULTS; outputs and hyperfine JSON in $OUT"
