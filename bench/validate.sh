#!/usr/bin/env bash
# Time `ccag validate` against two JSON Schema peers on generated record sets.
#
#   bash bench/validate.sh [N...]          (default: 10000 100000)
#
# For each N: generate a repository with bench/generate.py (cached as /tmp/ccag-bench-N,
# regenerated when absent or made with other settings or another generate.py), then time,
# with /usr/bin/time:
#   ccag              $CCAG_BIN -C DIR validate --format json > /dev/null
#   ccag-1t           the same with RAYON_NUM_THREADS=1: ccag on one core, like the peers
#   check-jsonschema  one invocation per kind (xargs batches only past ~2 MB of arguments)
#   ajv               Ajv 2020 + ajv-formats, one invocation per kind, YAML read with js-yaml's
#                     CORE_SCHEMA by bench/ajv-yaml.js (see the note there and in README.md)
#   ajv-cli           ajv-cli 5.0.0 exactly as released, one invocation per kind with a -d glob:
#                     timed for reference only, it reports every record invalid (YAML dates
#                     become Date objects). Skip it with SKIP_AJV_CLI=1.
# Each tool's whole sequence of invocations runs under one /usr/bin/time, so "wall" is the
# total, "cpu" user+system time summed over all processes, and "peak RSS" the largest single
# process.
#
# Environment:
#   CCAG_BIN       ccag binary (default: target/release/ccag, relative to the repository root)
#   INVALID_SHARE  share of files with one defect (default 0.01); SEED (default 1)
#   RUNS           timed runs per tool and N, the median is reported (default 1); per tool:
#                  RUNS_CCAG, RUNS_CCAG_1T, RUNS_CHECK_JSONSCHEMA, RUNS_AJV, RUNS_AJV_CLI
#   TOOLS          which tools to run (default: "ccag ccag-1t check-jsonschema ajv ajv-cli")
#   BENCH_VENV     venv for check-jsonschema (default /tmp/bench-venv)
#   BENCH_NPM      npm prefix for ajv-cli and ajv-formats (default /tmp/bench-npm)
#   RESULTS        TSV of all runs (default /tmp/ccag-bench-results.tsv)
#   QUIET_WAIT     before each timed run, wait up to this many seconds (default 600) for the
#                  machine to be idle (>= 90% idle over 1 s): on 2 cores, any other job (a cargo
#                  build) halves ccag's parallelism. Runs that other jobs slowed down anyway are
#                  left out of the medians (see "disturbed" in the TSV).
# Peers are installed on first use. Exit status 1 (findings) is expected from every tool.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
cd "$REPO"

CCAG_BIN=${CCAG_BIN:-target/release/ccag}
case "$CCAG_BIN" in /*) ;; */*) CCAG_BIN="$REPO/$CCAG_BIN" ;; esac
INVALID_SHARE=${INVALID_SHARE:-0.01}
SEED=${SEED:-1}
RUNS=${RUNS:-1}
TOOLS=${TOOLS:-"ccag ccag-1t check-jsonschema ajv ajv-cli"}
[ "${SKIP_AJV_CLI:-0}" = 1 ] && TOOLS=${TOOLS//ajv-cli/}
BENCH_VENV=${BENCH_VENV:-/tmp/bench-venv}
BENCH_NPM=${BENCH_NPM:-/tmp/bench-npm}
RESULTS=${RESULTS:-/tmp/ccag-bench-results.tsv}
if [ $# -gt 0 ]; then NS=("$@"); else NS=(10000 100000); fi

KINDS=(action cr risk milestone meeting)
declare -A FOLDER=([action]=actions [cr]=changes [risk]=risks [milestone]=milestones [meeting]=meetings)

QUIET_WAIT=${QUIET_WAIT:-600}
. "$HERE/lib.sh"
has_tool() { [[ " $TOOLS " == *" $1 "* ]]; }

# --- setup ----------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time"
  (apt-get update -qq && apt-get install -y -qq time) >&2
fi
if { has_tool ccag || has_tool ccag-1t; } && [ ! -x "$CCAG_BIN" ]; then
  log "error: no ccag binary at $CCAG_BIN (build it with cargo build --release, or set CCAG_BIN)"
  exit 2
fi
if has_tool check-jsonschema && [ ! -x "$BENCH_VENV/bin/check-jsonschema" ]; then
  log "installing check-jsonschema into $BENCH_VENV"
  python3 -m venv "$BENCH_VENV"
  "$BENCH_VENV/bin/pip" install -q check-jsonschema >&2
fi
if { has_tool ajv || has_tool ajv-cli; } && [ ! -x "$BENCH_NPM/node_modules/.bin/ajv" ]; then
  log "installing ajv-cli and ajv-formats into $BENCH_NPM"
  npm install --silent --prefix "$BENCH_NPM" ajv-cli ajv-formats >&2
fi

version() {
  case $1 in
    ccag) "$CCAG_BIN" --version ;;
    ccag-1t) echo "ccag-1t: the same binary with RAYON_NUM_THREADS=1" ;;
    check-jsonschema) "$BENCH_VENV/bin/check-jsonschema" --version | sed 's/.*version /check-jsonschema /' ;;
    ajv) echo "ajv $(node -p "require('$BENCH_NPM/node_modules/ajv/package.json').version") + ajv-formats $(node -p "require('$BENCH_NPM/node_modules/ajv-formats/package.json').version") + js-yaml $(node -p "require('$BENCH_NPM/node_modules/js-yaml/package.json').version"), node $(node --version)" ;;
    ajv-cli) echo "ajv-cli $(node -p "require('$BENCH_NPM/node_modules/ajv-cli/package.json').version")" ;;
  esac
}

# --- data -----------------------------------------------------------------------------------
dataset() { # N -> prints the directory, generating it when needed
  local n=$1 dir=/tmp/ccag-bench-$1
  if ! python3 - "$dir/bench-manifest.json" "$n" "$INVALID_SHARE" "$SEED" "$HERE/generate.py" <<'EOF' 2>/dev/null; then
import hashlib, json, sys
m = json.load(open(sys.argv[1]))
ok = m["n"] == int(sys.argv[2]) and m["invalid_share"] == float(sys.argv[3]) and m["seed"] == int(sys.argv[4])
ok = ok and m.get("generator_sha256") == hashlib.sha256(open(sys.argv[5], "rb").read()).hexdigest()
sys.exit(0 if ok else 1)
EOF
    log "generating $n records into $dir"
    local t0=$SECONDS
    python3 "$HERE/generate.py" "$n" "$dir" --invalid-share "$INVALID_SHARE" --seed "$SEED" >&2
    log "  generated in $((SECONDS - t0)) s"
  fi
  printf '%s\n' "$dir"
}

lists() { # DIR: one sorted file list per kind, relative to DIR, in DIR/.lists/
  local dir=$1 k
  mkdir -p "$dir/.lists"
  for k in "${KINDS[@]}"; do
    (cd "$dir" && find "records/${FOLDER[$k]}" -name '*.yaml' | LC_ALL=C sort) > "$dir/.lists/$k"
  done
}

# --- the commands timed (run inside DIR; stdout and stderr go to files) ---------------------
run_ccag() { "$CCAG_BIN" -C . validate --format json; }
run_ccag_1t() { RAYON_NUM_THREADS=1 "$CCAG_BIN" -C . validate --format json; }

run_check_jsonschema() {
  local k
  for k in "${KINDS[@]}"; do
    # xargs passes up to ~2 MB of arguments per invocation: one invocation per kind up to
    # roughly 50,000 files of a kind, more batches beyond.
    xargs -s 2000000 -d '\n' -a ".lists/$k" \
      "$BENCH_VENV/bin/check-jsonschema" -o JSON --schemafile "schemas/$k.schema.json" || true
  done
}

run_ajv() {
  local k
  for k in "${KINDS[@]}"; do
    NODE_PATH="$BENCH_NPM/node_modules" node "$HERE/ajv-yaml.js" "schemas/$k.schema.json" ".lists/$k" || true
  done
}

run_ajv_cli() {
  local k
  for k in "${KINDS[@]}"; do
    # -d takes a glob that ajv-cli expands itself, so no argument-length limit applies.
    "$BENCH_NPM/node_modules/.bin/ajv" validate --spec=draft2020 -c ajv-formats \
      -s "schemas/$k.schema.json" -d "records/${FOLDER[$k]}/**/*.yaml" || true
  done
}

# How many files each tool called invalid, from its saved output.
count_invalid() { # tool outfile errfile
  case $1 in
    ccag|ccag-1t) python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len({f["file"] for f in d["findings"] if f["severity"]=="error"}))' "$2" ;;
    check-jsonschema) python3 -c '
import json, sys
names = set()
dec = json.JSONDecoder()
text = open(sys.argv[1]).read()
i = 0
while i < len(text):
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        break
    obj, i = dec.raw_decode(text, i)
    for e in obj.get("errors", []) + obj.get("parse_errors", []):
        names.add(e.get("filename"))
print(len(names))' "$2" ;;
    ajv|ajv-cli) grep -c ' invalid$' "$3" || true ;;
  esac
}

busy_jiffies() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }

timed() { # tool dir -> "wall_s rss_kb cpu_s other_cpu_s invalid_files"
  local tool=$1 dir=$2 fn out err tf b0 b1
  fn=run_${tool//-/_}
  out=$dir/.out.$tool; err=$dir/.err.$tool; tf=$dir/.time.$tool
  b0=$(busy_jiffies)
  (cd "$dir" && export -f "$fn" && export CCAG_BIN BENCH_VENV BENCH_NPM HERE &&
    /usr/bin/time -f '%e %M %U %S' -o "$tf" bash -c "$(declare -p KINDS FOLDER); $fn" > "$out" 2> "$err") || true
  b1=$(busy_jiffies)
  # other_cpu_s: CPU time the whole machine was busy during the run beyond the tool's own,
  # i.e. what other jobs took (~0 on a quiet machine).
  printf '%s %s\n' "$(tail -n 1 "$tf" | awk -v j=$((b1 - b0)) -v hz="$(getconf CLK_TCK)" \
    '{c = $3 + $4; o = j / hz - c; printf "%s %s %.2f %.2f", $1, $2, c, (o > 0 ? o : 0)}')" \
    "$(count_invalid "$tool" "$out" "$err")"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# --- main -----------------------------------------------------------------------------------
log "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%dT%H:%MZ)"
log "ccag validates files in parallel on all cores (rayon); the peers are single-threaded."
for t in $TOOLS; do log "  $(version "$t")"; done

printf 'tool\tN\trun\tfiles_invalid\twall_s\tcpu_s\trss_mb\tidle_before_pct\tother_cpu_s\tdisturbed\n' > "$RESULTS"
declare -A WALL WMIN RSS CPU BAD DISTURBED
for n in "${NS[@]}"; do
  dir=$(dataset "$n")
  lists "$dir"
  expected=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["invalid"]))' "$dir/bench-manifest.json")
  log "N=$n: $expected files carry a defect"
  # Flush what generating wrote (writeback competes for the CPU otherwise) and warm the page
  # cache, so that no tool pays for the first read of the files.
  sync
  find "$dir/records" -name '*.yaml' -print0 | xargs -0 cat > /dev/null
  for t in $TOOLS; do
    walls=() rsss=() cpus=() dw=() dm=() dc=()
    runs_var=RUNS_${t//-/_}; runs_var=${runs_var^^}; runs=${!runs_var:-$RUNS}
    for ((r = 1; r <= runs; r++)); do
      idle=$(wait_quiet)
      read -r w m c o b < <(timed "$t" "$dir")
      log "  $t N=$n run $r: ${w} s wall, ${c} s cpu, $((m / 1024)) MB, $b files invalid (idle before: $idle%, other jobs: ${o} s cpu)"
      # Disturbed: other jobs ran and the machine was short of cores (tool + others needed
      # more than 90% of all cores). A single-threaded peer beside a one-core job is not.
      flag=
      if awk -v o="$o" -v w="$w" -v c="$c" -v p="$(nproc)" 'BEGIN {exit !(o > 0.1 * w + 0.05 && c + o > 0.9 * p * w)}'; then
        flag='*'
        log "  WARNING: other jobs used ${o} s of CPU during this ${w} s run: left out of the medians"
      fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$n" "$r" "$b" "$w" "$c" "$((m / 1024))" "$idle" "$o" "${flag:-ok}" >> "$RESULTS"
      if [ -z "$flag" ]; then walls+=("$w"); rsss+=("$m"); cpus+=("$c"); else dw+=("$w"); dm+=("$m"); dc+=("$c"); fi
    done
    DISTURBED[$t,$n]=
    if [ ${#walls[@]} -eq 0 ]; then # every run disturbed: report them, marked
      walls=("${dw[@]}"); rsss=("${dm[@]}"); cpus=("${dc[@]}"); DISTURBED[$t,$n]='*'
    fi
    WALL[$t,$n]=$(printf '%s\n' "${walls[@]}" | median)
    WMIN[$t,$n]=$(printf '%s\n' "${walls[@]}" | sort -n | head -n 1)
    RSS[$t,$n]=$(printf '%s\n' "${rsss[@]}" | median)
    CPU[$t,$n]=$(printf '%s\n' "${cpus[@]}" | median)
    BAD[$t,$n]=$b
  done
done

echo
echo "nproc: $(nproc) (ccag uses every core; ccag-1t, check-jsonschema, ajv and ajv-cli run on one)"
echo "medians of the undisturbed runs (wall_min: the fastest); ratios are tool / ccag, on the medians"
printf '%-17s %8s %8s %8s %8s %8s %8s %10s %9s\n' tool N invalid wall_s wall_min cpu_s peak_MB wall/ccag rss/ccag
for n in "${NS[@]}"; do
  for t in $TOOLS; do
    w=${WALL[$t,$n]}; m=${RSS[$t,$n]}; c=${CPU[$t,$n]}
    if has_tool ccag; then
      rw=$(awk -v a="$w" -v b="${WALL[ccag,$n]}" 'BEGIN {printf (b > 0 ? "%.1fx" : "-"), a / (b > 0 ? b : 1)}')
      rm=$(awk -v a="$m" -v b="${RSS[ccag,$n]}" 'BEGIN {printf (b > 0 ? "%.1fx" : "-"), a / (b > 0 ? b : 1)}')
    else
      rw=- rm=-
    fi
    printf '%-17s %8s %8s %8s %8s %8s %8s %10s %9s\n' "$t${DISTURBED[$t,$n]}" "$n" "${BAD[$t,$n]}" "$w" "${WMIN[$t,$n]}" "$c" "$((m / 1024))" "$rw" "$rm"
  done
done
echo "(invalid = files the tool reported invalid; ajv-cli 5.0.0 misreads YAML dates, see README.md)"
echo "(* = every run of it was disturbed by other jobs on the machine: not to be trusted)"
echo "all runs: $RESULTS"
