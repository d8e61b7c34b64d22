#!/usr/bin/env bash
# Sets up everything Needscope needs on a Debian machine (skipping what is there), builds the release
# server and web assets, and starts the server on SQLite (./data/needscope.db) with the seeded surveys.
# Extra arguments go to `needscope serve`, e.g. `scripts/run.sh --config /etc/needscope.toml`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stage "tools"
scripts/setup-tools.sh build
stage "release build (server + wasm)"
cargo leptos build --release
stage "starting Needscope"
export NEEDSCOPE_LISTEN="${NEEDSCOPE_LISTEN:-127.0.0.1:3000}"
echo "Open http://$NEEDSCOPE_LISTEN/ (Ctrl-C to stop)"
exec "$CARGO_TARGET_DIR/release/needscope" serve "$@"
