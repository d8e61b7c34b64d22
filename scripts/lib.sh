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
