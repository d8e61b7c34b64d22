#!/usr/bin/env bash
# Benchmark: how long the strategy dashboard takes for a large run. Imports N resident reports
# (default 100,000: the labelled civic fixture's texts, varied), logs a 20-theme analysis run, signs in
# as an analyst and times GET /staff/dashboard cold (the first view of the run, which the server
# started preparing, read, curated and named, when it started) and warm (cached), a theme's page, then
# two filtered views (a district; a district and three months: counted from the prepared run), then the
# CSV export, with curl, and says how long the server took to prepare the run. Needs a release build
# (`cargo leptos build --release --split`).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
N=${N:-100000}
PORT=${PORT:-3991}
DIR=$(mktemp -d /tmp/needscope-dash.XXXXXX)
BIN="$CARGO_TARGET_DIR/release/needscope"
export NEEDSCOPE_DATA_DIR=$DIR RUST_LOG=warn,server::dashboard=debug NO_COLOR=1
trap 'kill $PID 2>/dev/null; rm -rf "$DIR"' EXIT
python3 - "$N" "$DIR/reports.csv" <<'PY'
import csv, sys
n, out = int(sys.argv[1]), sys.argv[2]
texts = [r["text"] for r in csv.DictReader(open("analysis/tests/fixtures/civic_needs_small.csv"))]
places = ["Story Road", "King Road", "Tully Road", "Alum Rock", "Senter Road", "downtown", "Berryessa", "Evergreen"]
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "text", "opened", "district"])
    for i in range(n):
        w.writerow([f"B-{i}", f"{texts[i % len(texts)]} Near {places[(i // len(texts)) % len(places)]}.",
                    f"2026-{1 + i % 9:02d}-{1 + i % 27:02d}", str(1 + i % 10)])
PY
stage "import $N reports"
/usr/bin/time -f "import: %e s, %M KB peak" "$BIN" import reports --input "$DIR/reports.csv" --source bench \
  --id-column id --text-column text --date-column opened --district-column district >/dev/null
stage "a 20-theme run"
/usr/bin/time -f "runs new: %e s, %M KB peak" "$BIN" runs new --k 20 >/dev/null
printf 'a long bench password\n' | "$BIN" admin create --email bench@example.org --name Bench --role analyst --password-stdin >/dev/null
NEEDSCOPE_LISTEN=127.0.0.1:$PORT NEEDSCOPE_SECURE_COOKIES=false "$BIN" serve >"$DIR/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
JAR="$DIR/cookies"
CSRF=$(curl -fs -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/login" | grep -o 'name="_csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//')
curl -fs -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$CSRF" --data-urlencode "email=bench@example.org" \
  --data-urlencode "password=a long bench password" "http://127.0.0.1:$PORT/login"
stage "dashboard"
for attempt in cold warm warm warm; do
  curl -fs -o "$DIR/page.html" -b "$JAR" -w "GET /staff/dashboard ($attempt): %{time_total} s, %{size_download} bytes\n" \
    "http://127.0.0.1:$PORT/staff/dashboard"
done
grep -o 'href="/staff/themes/[^"?]*' "$DIR/page.html" | sort -u | wc -l | sed 's/^/theme links on the overview: /'
THEME=$(grep -o 'href="/staff/themes/[^"]*"' "$DIR/page.html" | head -1 | sed 's/href="//; s/"//; s/&amp;/\&/g')
for attempt in first again; do
  curl -fs -o /dev/null -b "$JAR" -w "GET $THEME ($attempt): %{time_total} s, %{size_download} bytes\n" \
    "http://127.0.0.1:$PORT$THEME"
done
for filter in "district=3" "district=3&from=2026-03-01&to=2026-05-31"; do
  curl -fs -o /dev/null -b "$JAR" -w "GET /staff/dashboard?$filter (cold): %{time_total} s\n" \
    "http://127.0.0.1:$PORT/staff/dashboard?$filter"
done
curl -fs -o /dev/null -b "$JAR" -w "GET themes.csv: %{time_total} s\n" "http://127.0.0.1:$PORT/api/v1/runs/1/themes.csv"
# The 311 trends: weekly counts, limits, hotspots and rising needs over every report.
for filter in "" "district=3"; do
  curl -fs -o /dev/null -b "$JAR" -w "GET /staff/reports/trends?$filter: %{time_total} s, %{size_download} bytes\n" \
    "http://127.0.0.1:$PORT/staff/reports/trends?$filter"
done
sed 's/\x1b\[[0-9;]*m//g' "$DIR/server.log" | grep -o "prepared a run's dashboard.*" | sed 's/^/server: /' || true
sed 's/\x1b\[[0-9;]*m//g' "$DIR/server.log" | grep -v "DEBUG" | tail -5 || true
ps -o rss= -p $PID | awk '{printf "server resident memory: %.0f MB\n", $1/1024}'
