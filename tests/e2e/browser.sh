#!/usr/bin/env bash
# Browser end-to-end test: `exempelbank serve` on a new temporary library (the starter
# entries, and the made-up English entry from Finland of ui/tests/e2e/seed-english.json added
# with the CLI), and ui/tests/e2e/browser.mjs driving Debian's Chromium against it (search,
# filter, open, back; axe-core on every page in both themes; screenshots).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
pid=""
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
target/debug/exempelbank --library "$work/bibliotek" init > /dev/null
target/debug/exempelbank --library "$work/bibliotek" add ui/tests/e2e/seed-english.json > /dev/null
target/debug/exempelbank --library "$work/bibliotek" serve --addr 127.0.0.1:0 > "$work/serve.log" &
pid=$!
for _ in $(seq 1 200); do
  grep -q 'http://' "$work/serve.log" && break
  sleep 0.1
done
base=$(grep -o 'http://[^ ]*' "$work/serve.log" | head -n 1)
[ -n "$base" ] || { echo "serve did not start"; cat "$work/serve.log"; exit 1; }
cd ui
BASE_URL="$base" SCREENSHOT_DIR="${SCREENSHOT_DIR:-../test-output}" timeout 420 node tests/e2e/browser.mjs
