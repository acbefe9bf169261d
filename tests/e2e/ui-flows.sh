#!/usr/bin/env bash
# The UI's curation and sharing flows in Chromium against the real backend: `exempelbank serve
# --write` on a new temporary library (the starter entries, plus the made-up entries of
# ui/tests/e2e/seed.json added with the CLI before the server starts: two drafts, one in
# review, and the two whose id begins with "e2e-papperskorg-" moved to the trash). The flows
# (ui/tests/e2e/browser.mjs) open the link with the token the server prints, then search,
# write, review and publish entries, compare and restore revisions, import, empty the trash,
# keep lists and saved searches and export, with axe-core on every page in light and dark.
# Every run gets its own library, because the flows change it; the server is stopped and the
# library removed on exit. The desktop-only paths (the save dialog, bundles, progress over a
# channel, cancelling) are tested in the real window by tests/e2e/desktop.mjs.
#
# env: EXEMPELBANK_CLI (target/debug/exempelbank), SCREENSHOT_DIR (test-output/).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${EXEMPELBANK_CLI:-$root/target/debug/exempelbank}
seed=$root/ui/tests/e2e/seed.json
shots=${SCREENSHOT_DIR:-$root/test-output}
[ -x "$bin" ] || { echo "ui-flows: $bin is missing: cargo build --workspace first"; exit 1; }
[ -f "$root/ui/dist/index.html" ] || { echo "ui-flows: ui/dist is missing: cd ui && npm run build"; exit 1; }

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
cli add "$seed" > /dev/null
for id in $(grep -o '"id": *"e2e-papperskorg-[^"]*"' "$seed" | grep -o 'e2e-papperskorg-[^"]*'); do
  cli delete "$id" > /dev/null
done

# The server writes one line with the link (and its token) when it listens.
timeout 900 "$bin" --library "$library" serve --write --addr 127.0.0.1:0 \
  > "$work/serve.out" 2> "$work/serve.err" &
pid=$!
base=""
for _ in $(seq 1 300); do
  base=$(grep -o 'http://127\.0\.0\.1:[0-9]*/?token=[0-9a-f]*' "$work/serve.out" | head -n 1 || true)
  [ -n "$base" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$base" ]; then
  echo "ui-flows: the server did not start"
  cat "$work/serve.out" "$work/serve.err"
  exit 1
fi

cd "$root/ui"
# In the background, so that a signal reaches the trap while the flows run.
BASE_URL="$base" SEED="$seed" SCREENSHOT_DIR="$shots" timeout 420 node tests/e2e/browser.mjs &
flows=$!
status=0
wait "$flows" || status=$?
flows=""
if [ "$status" -ne 0 ] && [ -s "$work/serve.err" ]; then
  echo "ui-flows: the server's stderr:"
  tail -n 40 "$work/serve.err"
fi
exit "$status"
