#!/usr/bin/env bash
# The UI's curation and sharing flows in Chromium against the real backend: `exempelbank serve
# --write` on a new temporary library (the starter entries, plus the made-up entries of
# ui/tests/e2e/seed.json added with the CLI before the server starts: two drafts, one in
# review, and the two whose id begins with "e2e-papperskorg-" moved to the trash; and
# ui/tests/e2e/seed-english.json, a published entry in English from Finland). The flows
# (ui/tests/e2e/browser.mjs) open the link with the token the server prints, then search,
# write, review and publish entries, compare and restore revisions, import, empty the trash,
# keep lists and saved searches, export and download a bundle, with axe-core on every page in
# light and dark. Every run gets its own library, because the flows change it; the server is
# stopped and the library removed on exit (tests/e2e/serve-lib.sh). The desktop-only paths
# (the save and open dialogs, progress over a channel, cancelling) are tested in the real
# window by tests/e2e/desktop.mjs.
#
# Then subscriptions (ui/tests/e2e/subscriptions.mjs): a reader's `exempelbank serve` on a second
# library (the starter entries, its signer named "Regionens exempelbank") and the owner's `serve
# --write` on an empty one, which follows it in the UI, compares the fingerprint with what
# `exempelbank key --json` prints, and finds what the pulls brought; then two entries are changed
# here (through the API) and there (with the CLI), and the owner reviews "Inkommande versioner":
# takes their version of one, keeps ours of the other (screenshots incoming-*.png).
#
# env: EXEMPELBANK_CLI (target/debug/exempelbank), SCREENSHOT_DIR (test-output/).
set -euo pipefail
suite=ui-flows
# shellcheck source=tests/e2e/serve-lib.sh
source "$(dirname "$0")/serve-lib.sh"
seed=$root/ui/tests/e2e/seed.json

cli init > /dev/null
cli add "$seed" > /dev/null
cli add "$root/ui/tests/e2e/seed-english.json" > /dev/null
for id in $(grep -o '"id": *"e2e-papperskorg-[^"]*"' "$seed" | grep -o 'e2e-papperskorg-[^"]*'); do
  cli delete "$id" > /dev/null
done

# The server writes one line with the link (and its token) when it listens.
serve_start 'http://127\.0\.0\.1:[0-9]*/?token=[0-9a-f]*' --write
run_flows tests/e2e/browser.mjs SEED="$seed"
serve_stop

# Subscriptions: the library to follow, served to readers on a port of its own.
region=$work/region
region_cli() { timeout 60 "$bin" --library "$region" "$@"; }
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(eval(process.argv[1])(JSON.parse(s))))' "$1"; }
region_cli init > /dev/null
region_cli key --name "Regionens exempelbank" > /dev/null
fingerprint=$(region_cli key --json | json '(k) => k.fingerprint')
published=$(region_cli list --status publicerad --json | json '(l) => l.length')
title=$(region_cli search livsmedel --json | json '(r) => r.hits[0].title')
timeout 900 "$bin" --library "$region" serve --addr 127.0.0.1:0 > "$work/region.out" 2> "$work/region.err" &
others=$!
feed=""
for _ in $(seq 1 300); do
  feed=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/region.out" | head -n 1 || true)
  [ -n "$feed" ] && break
  kill -0 "$others" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$feed" ]; then
  echo "$suite: the library to follow was not served"
  cat "$work/region.out" "$work/region.err"
  exit 1
fi

# The owner's server, on an empty library.
library=$work/tom
cli init --empty > /dev/null
serve_start 'http://127\.0\.0\.1:[0-9]*/?token=[0-9a-f]*' --write
run_flows tests/e2e/subscriptions.mjs FEED_URL="$feed" FINGERPRINT="$fingerprint" \
  SIGNER="Regionens exempelbank" EXPECTED_NEW="$published" EXPECT_TITLE="$title" \
  FEED_LIBRARY="$region" EXEMPELBANK_CLI="$bin"
