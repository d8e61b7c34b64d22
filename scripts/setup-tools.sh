#!/usr/bin/env bash
# Installs the build and test tools Needscope needs on a Debian machine, skipping what is
# already present at the right version. Safe to run again.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

WASM_BINDGEN_VERSION=0.2.130
CARGO_LEPTOS_VERSION=0.3.11
BINARYEN_VERSION=132.0.0

log() { printf '\033[1m[setup %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*"; }

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt: installing ${missing[*]}"
    sudo_if_needed apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq "${missing[@]}"
  fi
}

install_rust_bits() {
  command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first (https://rustup.rs)"; exit 1; }
  if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
    log "rustup: adding wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
}

install_wasm_bindgen() {
  if wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then return; fi
  log "cargo: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (~4 min)"
  # Not --locked: its lockfile names a crate version this registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
}

install_cargo_leptos() {
  if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then return; fi
  log "cargo: installing cargo-leptos $CARGO_LEPTOS_VERSION (~6 min on 2 cores)"
  # `--locked` fails on rustc 1.95 (cargo-util-schemas 0.14.2 needs 1.96): pin it back in a copy.
  cargo info "cargo-leptos@$CARGO_LEPTOS_VERSION" >/dev/null
  local src
  src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/cargo-leptos-"$CARGO_LEPTOS_VERSION" | head -n 1)
  local copy
  copy=$(mktemp -d)/cargo-leptos
  cp -r "$src" "$copy"
  (cd "$copy" && cargo update -p cargo-util-schemas --precise 0.14.1)
  # An unoptimised build: cargo-leptos only drives cargo, wasm-bindgen and wasm-opt, so its crate's
  # release profile (fat LTO, one codegen unit: ~19 min on 2 cores) buys no measurable build time,
  # while this takes about a third of the CPU time. No debug info keeps the binary and link small.
  CARGO_PROFILE_DEV_DEBUG=0 cargo install --path "$copy" --locked --features no_downloads --debug
  rm -rf "$(dirname "$copy")"
}

install_node_bits() {
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -x node_modules/.bin/wasm-opt ] || ! node_modules/.bin/wasm-opt --version | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    log "npm: installing binaryen and Playwright"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  # cargo-leptos runs wasm-opt from node_modules/.bin: route it through our wrapper, which skips
  # the tiny lazy-loaded chunks (see scripts/wasm-tools/wasm-opt).
  [ "$(readlink node_modules/.bin/wasm-opt)" = ../../scripts/wasm-tools/wasm-opt ] ||
    ln -sfn ../../scripts/wasm-tools/wasm-opt node_modules/.bin/wasm-opt
}

install_leptos_tools() {
  install_wasm_bindgen
  install_cargo_leptos
}

build_base() {
  install_rust_bits
  install_node_bits
}

test_base() {
  build_base
  apt_install postgresql chromium curl
  command -v cargo-nextest >/dev/null || cargo install cargo-nextest --locked
}

# `build` and `test` install everything. `test-base` installs all but the two compiled tools, which
# `leptos` installs: scripts/test.sh compiles those in the background while the tests compile and
# run (see `background_start` in scripts/lib.sh).
case "${1:-all}" in
  test-base) test_base ;;
  leptos) install_leptos_tools ;;
  build) build_base; install_leptos_tools ;;
  test) test_base; install_leptos_tools ;;
  *)
    echo "usage: $0 build|test|test-base|leptos"; exit 2 ;;
esac
log "tools ready"
