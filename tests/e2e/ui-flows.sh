#!/usr/bin/env bash
# The UI's curation and sharing flows in Chromium against the real backend: `exempelbank serve
# --write` on a new temporary library (the starter entries, plus the made-up entries of
# ui/tests/e2e/seed.json added with the CLI before the server starts: two drafts, one in
# review, and the two whose id begins with "e2e-papperskorg-" moved to the trash). The flows
# (ui/tests/e2e/browser.mjs) open the link with the token the server prints, then search,
# write, review and publish entries, compare and restore revisions, import, empty the trash,
# keep lists and saved searches, export and download a bundle, with axe-core on every page in
# light and dark. Every run gets its own library, because the flows change it; the server is
# stopped and the library removed on exit (tests/e2e/serve-lib.sh). The desktop-only paths
# (the save and open dialogs, progress over a channel, cancelling) are tested in the real
# window by tests/e2e/desktop.mjs.
#
# env: EXEMPELBANK_CLI (target/debug/exempelbank), SCREENSHOT_DIR (test-output/).
set -euo pipefail
suite=ui-flows
# shellcheck source=tests/e2e/serve-lib.sh
source "$(dirname "$0")/serve-lib.sh"
seed=$root/ui/tests/e2e/seed.json

cli init > /dev/null
cli add "$seed" > /dev/null
for id in $(grep -o '"id": *"e2e-papperskorg-[^"]*"' "$seed" | grep -o 'e2e-papperskorg-[^"]*'); do
  cli delete "$id" > /dev/null
done

# The server writes one line with the link (and its token) when it listens.
serve_start 'http://127\.0\.0\.1:[0-9]*/?token=[0-9a-f]*' --write
run_flows tests/e2e/browser.mjs SEED="$seed"
