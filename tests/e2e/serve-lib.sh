# What the browser flows against a real `exempelbank serve` share (sourced by team.sh and
# ui-flows.sh, after `set -euo pipefail` and setting `suite`, the name its messages begin with):
# the binaries checked, a temporary directory with the library in it, a cleanup on exit (and at
# once on Ctrl-C) that stops the flows and the server and removes the library, starting the
# server and waiting for the line it prints when it listens, and running the flows.
#
# Sets: root, bin, shots, work, library, and `cli` (the CLI on that library).
# env: EXEMPELBANK_CLI (target/debug/exempelbank), SCREENSHOT_DIR (test-output/).

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=${EXEMPELBANK_CLI:-$root/target/debug/exempelbank}
shots=${SCREENSHOT_DIR:-$root/test-output}
[ -x "$bin" ] || { echo "$suite: $bin is missing: cargo build --workspace first"; exit 1; }
[ -f "$root/ui/dist/index.html" ] || { echo "$suite: ui/dist is missing: cd ui && npm run build"; exit 1; }

work=$(mktemp -d)
pid=""
flows=""
# Other servers a suite starts (their pids), stopped with the rest.
others=""
# On exit, and at once on Ctrl-C: the flows and the servers stop, and the library goes.
cleanup() {
  for p in $flows $pid $others; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

library=$work/bibliotek
cli() { timeout 60 "$bin" --library "$library" "$@"; }

# serve_start PATTERN FLAGS...: starts `serve FLAGS` on the library at a free port and sets
# `base` to the first match of PATTERN (grep -o) in what it prints when it listens.
serve_start() {
  local pattern=$1
  shift
  timeout 900 "$bin" --library "$library" serve "$@" --addr 127.0.0.1:0 \
    > "$work/serve.out" 2> "$work/serve.err" &
  pid=$!
  base=""
  for _ in $(seq 1 300); do
    base=$(grep -o "$pattern" "$work/serve.out" | head -n 1 || true)
    [ -n "$base" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$base" ]; then
    echo "$suite: the server did not start (serve $*)"
    cat "$work/serve.out" "$work/serve.err"
    exit 1
  fi
}

serve_stop() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
}

# run_flows SCRIPT VAR=VALUE...: runs `node SCRIPT` in ui/ with those variables (and
# BASE_URL, SCREENSHOT_DIR); the server's stderr is shown when the flows fail.
run_flows() {
  local script=$1
  shift
  # In the background, so that a signal reaches the trap while the flows run.
  (cd "$root/ui" && exec env BASE_URL="$base" SCREENSHOT_DIR="$shots" "$@" timeout 420 node "$script") &
  flows=$!
  local status=0
  wait "$flows" || status=$?
  flows=""
  if [ "$status" -ne 0 ] && [ -s "$work/serve.err" ]; then
    echo "$suite: the server's stderr:"
    tail -n 40 "$work/serve.err"
  fi
  return "$status"
}
