#!/usr/bin/env bash
# The one GPU run behind the committed artefact (see MODEL_CARD.md). Needs .devcarry/ with the
# judgements gz and the MiniLM folder (fp16); writes weights, results.json and preds.npz to $OUT.
set -u
export SHOPASSIST_BASE_MODEL=.devcarry/minilm HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false
nvidia-smi -L
python3 -c "import torch, transformers, accelerate; print(torch.__version__, transformers.__version__, accelerate.__version__)"
python3 -m ranking.train --sweep device --keep 2 --judgements .devcarry/judgements.csv.gz \
  --out "$OUT" --no-calibrate --budget-s "${BUDGET_S:-300}" 2>&1 | grep -v -E "Loading weights|LOAD REPORT"
