#!/usr/bin/env bash
# The UI's curation and sharing flows in Chromium against the development backend
# (ui/scripts/fake-api.mjs, in memory): the editor, workflow, history and diff, the Redaktion
# and trash pages, the export dialog (ui/tests/e2e/browser.mjs), and the desktop-only export
# and bundle paths with a simulated Tauri IPC (ui/tests/e2e/export-desktop.mjs). Each run gets a
# freshly started backend, because the tests change its data. The real window is tested by
# tests/e2e/desktop.mjs; the real core by the Rust tests.
set -euo pipefail
cd "$(dirname "$0")/../../ui"
run() {
  local port=$1; shift
  node scripts/fake-api.mjs --port "$port" > /dev/null &
  local pid=$!
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/api/info" > /dev/null && break
    sleep 0.1
  done
  BASE_URL="http://127.0.0.1:$port/" EXPECT_TITLE='Mindre matsvinn' SCREENSHOT_DIR=../test-output \
    timeout 240 node "$@" || { kill "$pid"; return 1; }
  kill "$pid"
}
run 5191 tests/e2e/browser.mjs
run 5192 tests/e2e/export-desktop.mjs
