# Exempelbanken: `make run` opens the app, `make test` runs every test.
# Both install what is missing on a Debian/Ubuntu machine first (apt packages, npm
# packages, tauri-driver into ./tools), so they work on a fresh clone.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

TOOLS := $(CURDIR)/tools
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_BUILD := libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev libxdo-dev \
             libayatana-appindicator3-dev librsvg2-dev
APT_TEST := webkit2gtk-driver xvfb xauth chromium poppler-utils qpdf curl xdotool
DESKTOP_BIN := target/debug/exempelbanken
# The generated TypeScript types in ui/src/bindings are left out: `cargo test` writes them anew,
# and types are erased from the built UI, so rebuilding ui/dist (and the desktop crate, which
# embeds it) in the middle of `make test` bought nothing. Their one file with code, the
# command functions, is written only when it changes, and counts.
UI_SOURCES := $(shell find ui/src ui/index.html ui/vite.config.ts ui/tsconfig.json -type f -not -path 'ui/src/bindings/*' 2>/dev/null) ui/src/bindings/commands.ts
# One build of the workspace for every step: `cargo test --workspace`, the end-to-end tests and
# `make run` all build every crate with the same features, so nothing compiles twice.
BUILD := cargo build --workspace --all-targets
# Clippy lints inside that one build: clippy-driver, as the compiler wrapper of the workspace's
# own crates, compiles them and lints them in the same pass. A separate `cargo clippy` would
# check every dependency (typst, tauri, tantivy...) once more, which doubled a cold `make test`.
# Every cargo command here shares these variables, so `make run` after `make test` compiles
# nothing; a plain `cargo build` outside make recompiles the workspace crates (not their
# dependencies) once.
export RUSTC_WORKSPACE_WRAPPER := $(shell rustc --print sysroot 2>/dev/null)/bin/clippy-driver
export CLIPPY_ARGS := -D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__

.PHONY: run test fuzz deps deps-test node e2e e2e-browser e2e-team e2e-ui bench bench-serve bench-feed bench-share bench-ui clean-tools

## The app on your own library (the OS data directory), with the starter library on first run.
run: deps ui/dist/index.html
	$(BUILD)
	./$(DESKTOP_BIN)

## Everything CI runs: format, lints (clippy with -D warnings, in the build), unit and
## integration tests (with the layers check), UI checks and unit tests, the browser tests with
## axe-core against the real `exempelbank serve` (read-only, `--write` for the curation flows,
## and `--team` for accounts and roles), and the desktop end-to-end test.
test: deps-test ui/dist/index.html $(TOOLS)/bin/tauri-driver
	cargo fmt --all --check
	$(BUILD)
	cargo test --workspace
	@if [ "$${CI:-}" = true ] && [ -n "$$(git status --porcelain -- ui/src/bindings)" ]; then \
	  echo "ui/src/bindings is out of date: run cargo test and commit the generated types"; \
	  git status --porcelain -- ui/src/bindings; exit 1; fi
	cd ui && npm run check && npm test
	$(MAKE) --no-print-directory e2e-browser
	$(MAKE) --no-print-directory e2e-ui
	$(MAKE) --no-print-directory e2e-team
	$(MAKE) --no-print-directory e2e

## The desktop end-to-end test: the real window under Xvfb, driven by tauri-driver.
e2e: $(TOOLS)/bin/tauri-driver ui/dist/index.html
	$(BUILD)
	timeout 300 xvfb-run -a --server-args="-screen 0 1280x900x24" \
	  env TAURI_DRIVER=$(TOOLS)/bin/tauri-driver APP=$(CURDIR)/$(DESKTOP_BIN) \
	      EXEMPELBANK_CLI=$(CURDIR)/target/debug/exempelbank \
	  node tests/e2e/desktop.mjs

## The UI's curation and sharing flows in Chromium against `exempelbank serve --write` on a
## temporary library.
e2e-ui: ui/dist/index.html
	$(BUILD)
	tests/e2e/ui-flows.sh

## A team library in Chromium: `exempelbank serve --team` (and `--team --public`) on a
## temporary library with a skribent, a granskare, a läsare and a redaktör, each logged in in
## a browser of their own.
e2e-team: ui/dist/index.html
	$(BUILD)
	tests/e2e/team.sh

## The browser end-to-end test: `exempelbank serve` and headless Chromium, with axe-core.
e2e-browser: ui/dist/index.html
	$(BUILD)
	tests/e2e/browser.sh

# apt packages: `apt-get update` once, and only when something is missing.
define apt_install
	@missing=""; for p in $(1); do dpkg -s "$$p" >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

deps: node
	$(call apt_install,$(APT_BUILD))
	@command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first"; exit 1; }
	@[ -x "$$RUSTC_WORKSPACE_WRAPPER" ] || rustup component add clippy

deps-test: node
	$(call apt_install,$(APT_BUILD) $(APT_TEST))
	@command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first"; exit 1; }
	@[ -x "$$RUSTC_WORKSPACE_WRAPPER" ] || rustup component add clippy

node:
	@command -v node >/dev/null && command -v npm >/dev/null || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }

ui/node_modules/.package-lock.json: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund

ui/dist/index.html: ui/node_modules/.package-lock.json $(UI_SOURCES)
	cd ui && npm run build

$(TOOLS)/bin/tauri-driver:
	env -u RUSTC_WORKSPACE_WRAPPER -u CLIPPY_ARGS cargo install tauri-driver --locked --root $(TOOLS)

## The property tests over every parser of outside input (bundles, imports, search requests,
## queries), with many more cases than `make test` runs (SECURITY.md).
FUZZ_CASES ?= 5000
fuzz: deps
	$(BUILD)
	PROPTEST_CASES=$(FUZZ_CASES) cargo test --workspace --test integration properties:: -- --nocapture

## Benchmarks build in their own target so they never slow `make test`.
bench:
	CARGO_TARGET_DIR=target-bench cargo bench -p exempelbank-library --bench search

## The team edition under load: 50 readers and 5 writers on 10 000 entries for 60 s, over
## loopback, release build (BENCHMARKS.md).
bench-serve:
	CARGO_TARGET_DIR=target-bench cargo bench -p exempelbank-serve --bench load

## Subscriptions over loopback: the first pull of 10 000 entries, an unchanged pull (bytes
## and requests), a pull after 1 000 changed; release build (BENCHMARKS.md).
bench-feed:
	CARGO_TARGET_DIR=target-bench cargo bench -p exempelbank-serve --bench feed

## Exports and bundles against their targets: a card, a brief of 100, a bundle of 10 000.
bench-share:
	CARGO_TARGET_DIR=target-bench cargo bench -p exempelbank-library --bench share

## The desktop UI benchmark: keystroke → painted results at 10 000 entries, release build
## in the benchmark target (BENCHMARKS.md).
bench-ui: $(TOOLS)/bin/tauri-driver ui/dist/index.html
	CARGO_TARGET_DIR=target-bench cargo build --release -p exempelbank-desktop --bin exempelbanken
	CARGO_TARGET_DIR=target-bench cargo build --release -p exempelbank-cli --bin exempelbank
	timeout 600 xvfb-run -a --server-args="-screen 0 1280x900x24" \
	  env TAURI_DRIVER=$(TOOLS)/bin/tauri-driver APP=$(CURDIR)/target-bench/release/exempelbanken \
	      EXEMPELBANK_CLI=$(CURDIR)/target-bench/release/exempelbank \
	  node tests/e2e/perf.mjs

clean-tools:
	rm -rf $(TOOLS)
