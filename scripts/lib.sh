# Shared by scripts/*.sh: paths, timing, and the build tools on PATH.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# One shared target directory outside the clone, so repeated runs reuse compiled dependencies.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/needscope/target}"
# binaryen's wasm-opt from npm (version 132) must come before any other on PATH.
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export NEEDSCOPE_SITE_ROOT="${NEEDSCOPE_SITE_ROOT:-$ROOT/target/site}"

STAGE_START=$(date +%s)
stage() {
  local now; now=$(date +%s)
  printf '\n\033[1;34m==> [%s, +%ss] %s\033[0m\n' "$(date +%H:%M:%S)" "$((now - STAGE_START))" "$*"
  STAGE_START=$now
}

# The shared target directory grows with every change compiled into it (incremental state and old
# test binaries). When its disk has less than 15 GB free, drop the incremental state, which only
# speeds up rebuilds; a full disk makes the linker die with "Bus error".
make_room() {
  mkdir -p "$CARGO_TARGET_DIR"
  local free_kb; free_kb=$(df -Pk "$CARGO_TARGET_DIR" | awk 'NR == 2 { print $4 }')
  if [ "$free_kb" -lt $((15 * 1024 * 1024)) ]; then
    echo "Only $((free_kb / 1024 / 1024)) GB free beside $CARGO_TARGET_DIR: removing its incremental build state."
    rm -rf "$CARGO_TARGET_DIR"/debug/incremental "$CARGO_TARGET_DIR"/release/incremental
  fi
}

# The release server and web assets. The hundreds of small lazy-loaded wasm chunks are optimised
# in one Node.js process afterwards instead of one wasm-opt start each (scripts/wasm-tools/).
release_build() {
  local queue; queue=$(mktemp /tmp/needscope-wasm-opt.XXXXXX)
  NEEDSCOPE_WASM_OPT_QUEUE="$queue" cargo leptos build --release --split || { rm -f "$queue"; return 1; }
  node "$ROOT/scripts/wasm-tools/optimise-queued.mjs" "$queue" 2> >(grep -v '^warning: unknown name subsection' >&2)
  rm -f "$queue"
}

# wasm-bindgen-cli and cargo-leptos compile from source on a fresh machine (about 5 minutes of
# 2 cores), each in its own temporary target directory so neither waits on the workspace build's lock.
leptos_tools() {
  (unset CARGO_TARGET_DIR; scripts/setup-tools.sh leptos)
}

# Runs the given steps (functions of this file), one after another, in the background at the lowest
# priority (nice 19), so they take only the CPU time the foreground leaves idle (linking, crates that
# compile alone, tests waiting on PostgreSQL) and the foreground keeps its speed. scripts/test.sh
# compiles the tools and the release build there while the tests compile and run. background_wait
# prints the steps' log and fails if one of them did; background_stop (on an early exit) stops them.
BACKGROUND_PID=""
background_start() {
  BACKGROUND_LOG=$(mktemp /tmp/needscope-background.XXXXXX)
  # Job control gives the job a process group of its own (to stop it whole) without a new session:
  # setsid would put it in a scheduler autogroup of its own, where nice no longer ranks it below the
  # foreground (measured: it then took half the CPU and slowed the release build by 4 minutes).
  set -m
  nice -n 19 bash -c 'source scripts/lib.sh; for step in "$@"; do "$step" || exit; done' \
    background "$@" >"$BACKGROUND_LOG" 2>&1 &
  BACKGROUND_PID=$!
  set +m
  echo "in the background: $* (log: $BACKGROUND_LOG)"
}

background_wait() {
  [ -n "$BACKGROUND_PID" ] || return 0
  local status=0
  wait "$BACKGROUND_PID" || status=$?
  BACKGROUND_PID=""
  grep -v '^ *\(Compiling\|Downloaded\|Downloading\|Checking\) ' "$BACKGROUND_LOG" || true
  rm -f "$BACKGROUND_LOG"
  if [ "$status" -ne 0 ]; then
    echo "a background step failed (exit $status)"
    return "$status"
  fi
}

background_stop() {
  [ -n "$BACKGROUND_PID" ] && kill -- -"$BACKGROUND_PID" 2>/dev/null
  BACKGROUND_PID=""
}

# The release build's two cargo commands exactly as `cargo leptos build --release --split` runs them
# (cargo-leptos 0.3.11 with this workspace's [workspace.metadata.leptos]: same arguments, same
# LEPTOS_* variables, same RUSTFLAGS), so scripts/test.sh can compile the server and the wasm in
# the background as soon as the tools are there and cargo-leptos then finds both up to date. If the
# metadata changes and these fall out of step, cargo-leptos simply compiles again: slower, never
# wrong.
leptos_env() {
  env LEPTOS_OUTPUT_NAME=needscope LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
    LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=app LEPTOS_BIN_DIR=server \
    LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=false "$@"
}

release_compile() {
  leptos_env RUSTFLAGS=-Clink-args=--emit-relocs cargo build --package=app --lib \
    --target-dir="$CARGO_TARGET_DIR/front" --target=wasm32-unknown-unknown --no-default-features \
    --features=hydrate --profile=wasm-release &
  local front=$!
  local status=0
  leptos_env cargo build --package=server --bin=needscope --release || status=$?
  wait "$front" || status=$?
  return "$status"
}
