#!/usr/bin/env bash
# Benchmark: how the 311 assistant scales. Generates N resident reports (default 1,000,000) from the
# labelled civic texts in ../shared/data (disaster-response messages with their 21 needs, Polis
# comments with their 13 conversations) and the small civic fixture, each varied with a place, a
# street and a few words, 30 % shared without a category so prediction is exercised, over 10
# districts, 20 ZIPs and two years. Then times each stage separately with its peak memory:
#   import          `needscope import reports`
#   themes          `needscope runs new` (the number of themes chosen automatically, logged run)
#   categories      `needscope categories train` (5-fold cross-validation, the final fit, predicting
#                   every report, storing the predictions with each report's theme in that run;
#                   the command prints each part's seconds and the prediction rate in reports/s)
# and prints a table. SQLite in a temporary data directory. Needs a release build of the server
# binary (`cargo build --release -p server --bin needscope`).
#   N=100000 scripts/bench/reports.sh      # a quicker try
#   K=20 scripts/bench/reports.sh          # a fixed number of themes instead of the automatic choice
#   KEEP=/tmp/bench1m scripts/bench/reports.sh             # keep the data directory there
#   KEEP=/tmp/bench1m STAGES="themes categories" scripts/bench/reports.sh   # rerun stages on it
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
N=${N:-1000000}
DATA=${DATA:-$ROOT/../shared/data}
BIN="$CARGO_TARGET_DIR/release/needscope"
STAGES=${STAGES:-import themes categories}
if [ -n "${KEEP:-}" ]; then
  DIR=$KEEP; mkdir -p "$DIR"
else
  DIR=$(mktemp -d /tmp/needscope-reports.XXXXXX)
  trap 'rm -rf "$DIR"' EXIT
fi
export NEEDSCOPE_DATA_DIR=$DIR RUST_LOG=warn
unset NEEDSCOPE_MODEL_DIR  # TF-IDF features: no sentence model
[ -x "$BIN" ] || { echo "no release binary at $BIN: cargo build --release -p server --bin needscope" >&2; exit 1; }
for f in disaster_needs_en.csv polis_topics_en.csv; do
  [ -f "$DATA/$f" ] || { echo "$DATA/$f is missing (set DATA= to the labelled civic texts)" >&2; exit 1; }
done

has() { [[ " $STAGES " == *" $1 "* ]]; }
if has import; then
stage "generating $N reports"
python3 - "$N" "$DIR/reports.csv" "$DATA" <<'PY'
import csv, random, sys
n, out, data = int(sys.argv[1]), sys.argv[2], sys.argv[3]
labelled = []
for path in (f"{data}/disaster_needs_en.csv", f"{data}/polis_topics_en.csv",
             "analysis/tests/fixtures/civic_needs_small.csv"):
    labelled += [(r["text"].strip(), r["category"]) for r in csv.DictReader(open(path, encoding="utf-8"))]
places = ["Story Road", "King Road", "Tully Road", "Alum Rock", "Senter Road", "downtown", "Berryessa",
          "Evergreen", "Willow Glen", "Japantown", "Almaden", "Cambrian", "Alviso", "Edenvale",
          "Seven Trees", "Mayfair", "Rose Garden", "Naglee Park", "Blossom Valley", "West Valley"]
streets = ["1st St", "2nd St", "Santa Clara St", "San Carlos St", "Monterey Rd", "Capitol Expy",
           "McKee Rd", "White Rd", "Quimby Rd", "Bascom Ave", "Meridian Ave", "Hamilton Ave",
           "Blossom Hill Rd", "Snell Ave", "Coleman Ave", "Lincoln Ave", "Curtner Ave", "Hillsdale Ave"]
openers = ["", "", "", "Please help. ", "Again: ", "Reporting this: ", "Urgent. ", "Hello, ", "FYI "]
closers = ["", "", "", " Thank you.", " Please fix soon.", " This keeps happening.",
           " Neighbours agree.", " Seen this morning.", " Still not resolved."]
zips = [str(z) for z in (95110, 95111, 95112, 95116, 95117, 95118, 95119, 95120, 95121, 95122,
                         95123, 95124, 95125, 95126, 95127, 95128, 95131, 95133, 95136, 95148)]
rng = random.Random(42)
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "text", "category", "opened", "district", "zip"])
    for i in range(n):
        text, category = labelled[rng.randrange(len(labelled))]
        where = f"Near {rng.choice(places)}, {rng.randrange(100, 3000)} {rng.choice(streets)}."
        text = f"{rng.choice(openers)}{text} {where}{rng.choice(closers)}"
        day = rng.randrange(730)
        year, rest = (2025, day) if day < 365 else (2026, day - 365)
        month = min(12, 1 + rest // 31)
        w.writerow([f"R-{i}", text, "" if rng.random() < 0.3 else category,
                    f"{year}-{month:02d}-{1 + rest % 28:02d}", str(1 + rng.randrange(10)), rng.choice(zips)])
PY
ls -l "$DIR/reports.csv" | awk '{printf "%.0f MB of CSV\n", $5/1048576}'
fi

TABLE="$DIR/table.$$"
timed() {
  local name=$1; shift
  /usr/bin/time -o "$DIR/time" -f "%e %M" "$@"
  read -r secs kb <"$DIR/time"
  printf '%-12s %10s %9.0f\n' "$name" "$secs" "$((kb / 1024))" >>"$TABLE"
  printf '%s: %s s, %s MB peak\n' "$name" "$secs" "$((kb / 1024))"
}

if has import; then
  stage "import $N reports"
  timed import "$BIN" import reports --input "$DIR/reports.csv" --source bench --id-column id \
    --text-column text --category-column category --date-column opened --district-column district \
    --zip-column zip
fi
if has themes; then
  stage "a theme run"
  timed themes "$BIN" runs new ${K:+--k "$K"}
fi
if has categories; then
  stage "categories train (fit, cross-validation, predict and store every report)"
  timed categories "$BIN" categories train | tee "$DIR/categories.out"
fi
du -sh "$DIR" | awk '{print "data directory: " $1}'

stage "N = $N, SQLite, $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %10s %9s\n' stage seconds "peak MB"
cat "$TABLE"
if has categories; then
  grep -o 'predicting [0-9]* reports [0-9.]* s ([0-9]* reports/s)' "$DIR/categories.out" | sed 's/^/classifier: /' || true
fi
