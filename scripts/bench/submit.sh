#!/usr/bin/env bash
# Load test: sustained survey submissions against a release server on SQLite. Starts its own server
# on a fresh data directory (rate limit lifted), runs wrk for 30 s, prints throughput and latency,
# and the number of responses stored. Needs `wrk` (apt-get install wrk) and a release build.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
PORT=${PORT:-3990}
DIR=$(mktemp -d /tmp/needscope-bench.XXXXXX)
NEEDSCOPE_LISTEN=127.0.0.1:$PORT NEEDSCOPE_DATA_DIR=$DIR NEEDSCOPE_SUBMISSIONS_PER_MINUTE=100000000 RUST_LOG=warn \
  "$CARGO_TARGET_DIR/release/needscope" serve &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$DIR"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
SLUG=resident-digital-services
# A realistic answer set: every unconditional question answered (built from the seeded definition).
export NS_BENCH_BODY=$(python3 - <<'PY'
import json, urllib.parse
d = json.load(open("migrations/src/seed/resident_digital_services.json"))
openers = {}
for q in d["questions"]:
    if "show_if" in q: openers.setdefault(q["show_if"]["question"], set()).update(q["show_if"]["any_of"])
pairs = []
for q in d["questions"]:
    if "show_if" in q: continue
    k = q["kind"]; t = k["type"]; closed = openers.get(q["key"], set())
    if t in ("single_choice", "multiple_choice", "language"):
        v = next(o["value"] for o in k["options"] if o["value"] not in closed)
    elif t == "rating": v = next(x for x in "45321" if x not in closed)
    elif t == "council_district": v = "3"
    elif t == "zip": v = "95122"
    elif t == "number": v = str(k["min"])
    elif t == "short_text": v = "Library hours"
    else: v = "Paying my water bill online keeps failing on my phone, and the page is only in English. " * 3
    pairs.append((q["key"], v))
print(urllib.parse.urlencode(pairs))
PY
)
export NS_BENCH_VERSION=1
wrk -t2 -c${CONNECTIONS:-32} -d${DURATION:-30s} --latency -s scripts/bench/submit.lua "http://127.0.0.1:$PORT/surveys/$SLUG"
NEEDSCOPE_DATA_DIR=$DIR "$CARGO_TARGET_DIR/release/needscope" stats | python3 -c 'import json,sys; print("responses stored:", json.load(sys.stdin)["surveys"][0]["responses"])'
