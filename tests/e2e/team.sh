#!/usr/bin/env bash
# A team library in Chromium against the real backend: `exempelbank serve --team` on a new
# temporary library (the starter entries) with four accounts made by the CLI, each with its
# password in a file: a skribent, a granskare, a läsare and a redaktör. The flows
# (ui/tests/e2e/team.mjs) log each in through the login page in a browser context of its own:
# the skribent writes a draft and sends it to review, the granskare publishes it with a
# comment, the läsare finds it but may change nothing (the server answers 403), the history
# names the accounts, two editors of one draft meet a conflict that the editor shows with both
# versions (and merge it), a logged-out session cookie is refused, the redaktör keeps the accounts
# and reads the audit log, downloads a bundle and imports it again (and one from a sender she
# then trusts), a session that ends brings the login back, and too many failed logins are told
# to wait; axe-core on the login, accounts and Redaktion pages, light and dark. Then the same
# library is served with `--team --public`: readers need no login, a "Logga in" link leads to
# it, and logging out leaves the reader's view. The server is stopped and the library removed
# on exit (tests/e2e/serve-lib.sh).
#
# env: EXEMPELBANK_CLI (target/debug/exempelbank), SCREENSHOT_DIR (test-output/).
set -euo pipefail
suite=team
# shellcheck source=tests/e2e/serve-lib.sh
source "$(dirname "$0")/serve-lib.sh"

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

# A bundle from another library (one made-up published entry), signed by a sender this library
# does not trust yet: the redaktör imports it from the browser after saying she trusts it.
other() { timeout 60 "$bin" --library "$work/annan" "$@"; }
cat > "$work/annan.json" <<'JSON'
{
  "id": "annan-region-verktygsbibliotek",
  "kind": "exempel",
  "status": "publicerad",
  "title": "Verktygsbibliotek i Region Annanstans (testdata)",
  "summary": "En påhittad post i ett paket från ett annat bibliotek, för tests/e2e/team.sh.",
  "focus_areas": ["hallbarhet-agenda-2030"],
  "tags": ["testdata"]
}
JSON
other init --empty > /dev/null
other add "$work/annan.json" > /dev/null
other bundle keygen "$work/annan.key" --name "Region Annanstans" > /dev/null
other bundle create --out "$work/annan-paket.zip" --key "$work/annan.key" > /dev/null

# Runs the flows of a phase against the server.
run() {
  run_flows tests/e2e/team.mjs PHASE="$1" ACCOUNTS="$(printf '%s\n' "${accounts[@]}")" \
    FOREIGN_BUNDLE="$work/annan-paket.zip"
}

status=0
serve_start 'http://127\.0\.0\.1:[0-9]*/' --team
run team || status=$?
serve_stop
serve_start 'http://127\.0\.0\.1:[0-9]*/' --team --public
run public || status=$?
exit "$status"
