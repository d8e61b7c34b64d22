#!/usr/bin/env bash
# Load test: sustained survey submissions. Starts its own server on a fresh data directory (rate
# limit lifted), runs wrk, then prints throughput, latency percentiles, how many submissions were
# acknowledged (the redirect to the thank-you page) and how many responses are stored.
# Needs `wrk` (apt-get install wrk) and a release build.
#   BACKEND=sqlite (default) | postgres   postgres starts a throw-away server with scripts/postgres.sh,
#                                         fsync on (acknowledged means durable there too)
#   BIN=path/to/needscope                 default: the release build
#   PROCESSES=3                           (postgres) that many servers on one database, started
#                                         together on ports PORT, PORT+1, …; one wrk per server,
#                                         the connections shared out; the figures are summed
#   SPREAD=1                              every request from another client address (through a
#                                         trusted proxy), instead of all from one
#   CONNECTIONS=32 THREADS=2 DURATION=20s PORT=3990
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
PORT=${PORT:-3990}
BACKEND=${BACKEND:-sqlite}
BIN=${BIN:-$CARGO_TARGET_DIR/release/needscope}
PROCESSES=${PROCESSES:-1}
CONNECTIONS=${CONNECTIONS:-32}
if [ "$PROCESSES" -gt 1 ] && [ "$BACKEND" != postgres ]; then
  echo "PROCESSES=$PROCESSES needs BACKEND=postgres: one SQLite file is served by one process"; exit 1
fi
[ -x "$BIN" ] || { echo "no server binary at $BIN (cargo leptos build --release, or set BIN)"; exit 1; }
DIR=$(mktemp -d /tmp/needscope-bench.XXXXXX)
export NEEDSCOPE_DATA_DIR=$DIR
unset NEEDSCOPE_DATABASE_URL DATABASE_URL NEEDSCOPE_CONFIG
case "$BACKEND" in
  sqlite) ;;
  postgres)
    NEEDSCOPE_PG_FSYNC=on source scripts/postgres.sh
    export NEEDSCOPE_DATABASE_URL=$NEEDSCOPE_TEST_POSTGRES_URL ;;
  *) echo "BACKEND is sqlite or postgres, not $BACKEND"; exit 1 ;;
esac
if [ "${SPREAD:-0}" = 1 ]; then
  export NS_BENCH_SPREAD=1 NEEDSCOPE_TRUSTED_PROXIES='["127.0.0.1"]'
fi
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  [ "$BACKEND" = postgres ] && stop_postgres
  rm -rf "$DIR"
}
trap cleanup EXIT
for i in $(seq 0 $((PROCESSES - 1))); do
  NEEDSCOPE_DATA_DIR=$DIR/$i NEEDSCOPE_LISTEN=127.0.0.1:$((PORT + i)) NEEDSCOPE_SUBMISSIONS_PER_MINUTE=100000000 \
    NEEDSCOPE_RUN_JOBS=false RUST_LOG=warn "$BIN" serve &
  PIDS+=($!)
done
for i in $(seq 0 $((PROCESSES - 1))); do
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$((PORT + i))/healthz" >/dev/null && break; sleep 0.2; done
done
export NEEDSCOPE_DATA_DIR=$DIR/0
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
# The version id the survey page carries (1 on a fresh database).
NS_BENCH_VERSION=$(curl -fs "http://127.0.0.1:$PORT/surveys/$SLUG" | sed -n 's/.*name="_version" value="\([0-9]*\)".*/\1/p' | head -n 1)
export NS_BENCH_VERSION=${NS_BENCH_VERSION:-1}
echo "backend: $BACKEND, processes: $PROCESSES, binary: $BIN"
if [ "$PROCESSES" -eq 1 ]; then
  wrk -t${THREADS:-2} -c$CONNECTIONS -d${DURATION:-20s} --latency -s scripts/bench/submit.lua "http://127.0.0.1:$PORT/surveys/$SLUG"
else
  # One wrk per server (a load balancer's round robin), all at once.
  WRK=()
  for i in $(seq 0 $((PROCESSES - 1))); do
    NS_BENCH_SEED=$i wrk -t1 -c$((CONNECTIONS / PROCESSES)) -d${DURATION:-20s} --latency -s scripts/bench/submit.lua \
      "http://127.0.0.1:$((PORT + i))/surveys/$SLUG" >"$DIR/wrk.$i" &
    WRK+=($!)
  done
  wait "${WRK[@]}"
  for i in $(seq 0 $((PROCESSES - 1))); do echo "-- server $i"; grep -E "^(submissions/s|p50|acknowledged)" "$DIR/wrk.$i"; done
  python3 - "$DIR" "$PROCESSES" <<'PY'
import re, sys
d, n = sys.argv[1], int(sys.argv[2])
rate = acked = 0; p99 = 0.0
for i in range(n):
    t = open(f"{d}/wrk.{i}").read()
    rate += float(re.search(r"submissions/s (\S+)", t).group(1))
    p99 = max(p99, float(re.search(r"p99 (\S+) ms", t).group(1)))
    acked += int(re.search(r"acknowledged \(303\): (\d+)", t).group(1))
print(f"all {n} servers: submissions/s {rate:.0f}, worst p99 {p99:.2f} ms, acknowledged {acked}")
PY
fi
"$BIN" stats | python3 -c 'import json,sys; print("responses stored:", json.load(sys.stdin)["surveys"][0]["responses"])'
