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
