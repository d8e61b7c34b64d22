#!/usr/bin/env bash
# Sets up everything Needscope needs on a Debian machine (skipping what is there), builds the release
# server and web assets, and starts the server on SQLite (./data/needscope.db) with the seeded surveys.
# Extra arguments go to `needscope serve`, e.g. `scripts/run.sh --config /etc/needscope.toml`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The tools compile first, then the release build. Compiling them in the background beside the
# release build (as scripts/test.sh does beside the tests) was measured slower here: the release
# build keeps both cores busy: from scratch it took 21.1 minutes, against 4.5 + 14.7 for the two
# steps timed one at a time.
stage "tools"
scripts/setup-tools.sh build
stage "release build (server + wasm)"
make_room
release_build
stage "starting Needscope"
export NEEDSCOPE_LISTEN="${NEEDSCOPE_LISTEN:-127.0.0.1:3000}"
# This local server speaks plain HTTP, where a Secure session cookie would never come back. In
# production (behind TLS) leave secure_cookies at its default, true.
export NEEDSCOPE_SECURE_COOKIES="${NEEDSCOPE_SECURE_COOKIES:-false}"
echo "Open http://$NEEDSCOPE_LISTEN/ (Ctrl-C to stop)"
if ! "$CARGO_TARGET_DIR/release/needscope" admin list 2>/dev/null | grep -q administrator; then
  echo "No staff account yet. Create the first administrator (in another terminal, from $ROOT):"
  echo "  $CARGO_TARGET_DIR/release/needscope admin create --email you@example.org --name 'Your Name'"
  echo "then sign in at http://$NEEDSCOPE_LISTEN/login"
fi
exec "$CARGO_TARGET_DIR/release/needscope" serve "$@"
