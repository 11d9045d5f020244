# Shared by the bench scripts (sourced): logging and waiting for a quiet machine, because on
# 2 cores any other job (a cargo build, another benchmark) halves ccag's parallelism.
#
#   QUIET_WAIT  seconds to wait for >= 90% idle before a timed run (each script sets a default);
#               0: do not wait, nor sample the idle time (wait_quiet prints "-")
#   ATTEMPTS    how many times timed_runs measures when other jobs disturbed it (default 3)
#   WAIT_FOR    pgrep -f pattern of other benchmarks to wait out first (empty: none)

log() { printf '%s\n' "$*" >&2; }

idle_pct() { # percent of CPU time idle over one second, from /proc/stat
  local a b total=0 i
  a=($(head -n 1 /proc/stat)); sleep 1; b=($(head -n 1 /proc/stat))
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  echo $(( total > 0 ? 100 * (b[4] - a[4] + b[5] - a[5]) / total : 100 ))
}

wait_quiet() { # -> prints the idle percent seen last
  local waited=0 idle
  if [ "${QUIET_WAIT:-900}" = 0 ]; then echo "-"; return; fi
  if [ -n "${WAIT_FOR:-}" ]; then
    while pgrep -f "$WAIT_FOR" >/dev/null; do
      [ "$waited" = 0 ] && log "  another benchmark is running; waiting"
      sleep 10; waited=$((waited + 10))
    done
  fi
  idle=$(idle_pct)
  while [ "$idle" -lt 90 ] && [ "$waited" -lt "${QUIET_WAIT:-900}" ]; do
    [ "$waited" = 0 ] && log "  machine busy ($idle% idle); waiting for it to be quiet"
    sleep 4; waited=$((waited + 5)); idle=$(idle_pct)
  done
  [ "$idle" -lt 90 ] && log "  WARNING: machine still busy ($idle% idle): these figures are unreliable"
  echo "$idle"
}

busy_s() { # seconds of CPU the whole machine has been busy, from /proc/stat
  awk -v hz="$(getconf CLK_TCK)" '/^cpu / {printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz; exit}' /proc/stat
}

# timed_runs DIR NAME RUNS JSON CMD: hyperfine CMD inside DIR (one warm-up, then RUNS runs) on a
# quiet machine, exporting to JSON. A measurement that other jobs disturbed (they used more CPU
# than 15% of the time plus 0.3 s, beyond hyperfine's own runs and overhead) is repeated, up to
# ATTEMPTS (default 3) attempts. HYPERFINE_OPTS adds options (e.g. -i: a non-zero exit status is
# not a failure). Sets the caller's idle, med, min, mean, sd, other and elapsed (bash's dynamic
# scope: declare them local in the caller).
timed_runs() {
  local dir=$1 name=$2 runs=$3 json=$4 cmd=$5 b0 b1 s0 s1 own attempt
  for ((attempt = 1; attempt <= ${ATTEMPTS:-3}; attempt++)); do
    idle=$(wait_quiet)
    b0=$(busy_s); s0=$(date +%s.%N)
    # shellcheck disable=SC2086 # HYPERFINE_OPTS: words on purpose
    (cd "$dir" && hyperfine --style basic --warmup 1 --runs "$runs" ${HYPERFINE_OPTS:-} --export-json "$json" \
      --command-name "$name" "$cmd" >&2)
    b1=$(busy_s); s1=$(date +%s.%N)
    read -r med min mean sd own < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(*(f"{r[k] or 0:.4f}" for k in ("median", "min", "mean", "stddev")), r["user"] + r["system"])' "$json")
    other=$(awk -v b0="$b0" -v b1="$b1" -v o="$own" -v k="$((runs + 1))" 'BEGIN {x = b1 - b0 - o * k; printf "%.2f", (x > 0 ? x : 0)}')
    elapsed=$(awk -v a="$s0" -v b="$s1" 'BEGIN {printf "%.1f", b - a}')
    awk -v o="$other" -v e="$elapsed" 'BEGIN {exit !(o > 0.15 * e + 0.3)}' || break
    log "  WARNING: other jobs used $other s of CPU during these $elapsed s (attempt $attempt)"
  done
}

# peak_rss_mb DIR RUNS CMD: the median peak RSS of RUNS runs of CMD inside DIR, in MB.
peak_rss_mb() {
  local dir=$1 runs=$2 cmd=$3 rss=() i tmp
  tmp=$(mktemp)
  for ((i = 0; i < runs; i++)); do
    (cd "$dir" && /usr/bin/time -f '%M' -o "$tmp" bash -c "$cmd" > /dev/null)
    rss+=("$(tail -n 1 "$tmp")")
  done
  rm -f "$tmp"
  printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)] / 1024}'
}
