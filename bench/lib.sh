# Shared by the bench scripts (sourced): logging and waiting for a quiet machine, because on
# 2 cores any other job (a cargo build, another benchmark) halves ccag's parallelism.
#
#   QUIET_WAIT  seconds to wait for >= 90% idle before a timed run (each script sets a default)
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
