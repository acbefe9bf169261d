#!/usr/bin/env bash
# A team library in Chromium against the real backend: `exempelbank serve --team` on a new
# temporary library (the starter entries) with four accounts made by the CLI, each with its
# password in a file: a skribent, a granskare, a läsare and a redaktör. The flows
# (ui/tests/e2e/team.mjs) log each in through the login page in a browser context of its own:
# the skribent writes a draft and sends it to review, the granskare publishes it with a
# comment, the läsare finds it but may change nothing (the server answers 403), the history
# names the accounts, a logged-out session cookie is refused, the redaktör keeps the accounts
# and reads the audit log, a session that ends brings the login back, and too many failed
# logins are told to wait; axe-core on the login and accounts pages, light and dark. Then the
# same library is served with `--team --public`: readers need no login, a "Logga in" link
# leads to it, and logging out leaves the reader's view. The server is stopped and the library
# removed on exit.
#
# env: EXEMPELBANK_CLI (target/debug/exempelbank), SCREENSHOT_DIR (test-output/).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${EXEMPELBANK_CLI:-$root/target/debug/exempelbank}
shots=${SCREENSHOT_DIR:-$root/test-output}
[ -x "$bin" ] || { echo "team: $bin is missing: cargo build --workspace first"; exit 1; }
[ -f "$root/ui/dist/index.html" ] || { echo "team: ui/dist is missing: cd ui && npm run build"; exit 1; }

work=$(mktemp -d)
pid=""
flows=""
# On exit, and at once on Ctrl-C: the flows and the server stop, and the library goes.
cleanup() {
  for p in $flows $pid; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

library=$work/bibliotek
cli() { timeout 60 "$bin" --library "$library" "$@"; }

cli init > /dev/null

# The accounts: name, role, password (each password in a file of its own, as an admin would).
accounts=(
  "Sara Skribent|skribent|skribentens lösenord 1"
  "Gustav Granskare|granskare|granskarens lösenord 2"
  "Lena Läsare|läsare|läsarens lösenord 3"
  "Rut Redaktör|redaktör|redaktörens lösenord 4"
)
i=0
for line in "${accounts[@]}"; do
  IFS='|' read -r name role password <<< "$line"
  i=$((i + 1))
  printf '%s\n' "$password" > "$work/password-$i"
  chmod 600 "$work/password-$i"
  cli account add "$name" --role "$role" --password-file "$work/password-$i" < /dev/null > /dev/null
done
cli account list

# Starts `serve` with the given flags; sets `base` to the address it prints when it listens.
start() {
  timeout 900 "$bin" --library "$library" serve "$@" --addr 127.0.0.1:0 \
    > "$work/serve.out" 2> "$work/serve.err" &
  pid=$!
  base=""
  for _ in $(seq 1 300); do
    base=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.out" | head -n 1 || true)
    [ -n "$base" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$base" ]; then
    echo "team: the server did not start (serve $*)"
    cat "$work/serve.out" "$work/serve.err"
    exit 1
  fi
}

stop() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
}

# Runs the flows against the server; the server's stderr is shown when they fail.
run() {
  cd "$root/ui"
  # In the background, so that a signal reaches the trap while the flows run.
  BASE_URL="$base" PHASE="$1" ACCOUNTS="$(printf '%s\n' "${accounts[@]}")" SCREENSHOT_DIR="$shots" \
    timeout 420 node tests/e2e/team.mjs &
  flows=$!
  local status=0
  wait "$flows" || status=$?
  flows=""
  if [ "$status" -ne 0 ] && [ -s "$work/serve.err" ]; then
    echo "team: the server's stderr:"
    tail -n 40 "$work/serve.err"
  fi
  return "$status"
}

status=0
start --team
run team || status=$?
stop
start --team --public
run public || status=$?
exit "$status"
