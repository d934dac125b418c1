#!/usr/bin/env bash
# The GPU run behind the distilled reranker (see MODEL_CARD.md). Needs .devcarry/ with the judgements gz and
# the MiniLM folder (fp16). Phase 1: 10 full cross-encoder teachers (sweep "teachers") in 5 parallel processes
# on the one GPU; phase 2: 3 served-size students distilled from the teachers' ensemble (sweep "students") in
# 3 processes. Back in $OUT: the best student and the best teacher (by dev), every results.json, the logs.
set -u
export SHOPASSIST_BASE_MODEL=.devcarry/minilm HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PYTHONUNBUFFERED=1 \
  TOKENIZERS_PARALLELISM=false OMP_NUM_THREADS=2
J=.devcarry/judgements.csv.gz; W=/tmp/kd; mkdir -p $W
nvidia-smi -L
T0=$(date +%s)
for i in 0 1 2 3 4; do
  python3 -m ranking.train --sweep teachers --shard $i/5 --keep 10 --train-preds --judgements $J --no-calibrate \
    --budget-s "${T_TEACH:-150}" --out $W/t$i ${EXTRA:-} > $W/t$i.log 2>&1 &
done
wait; echo "teachers done in $(( $(date +%s) - T0 ))s"
for i in 0 1 2; do
  python3 -m ranking.train --sweep students --shard $i/3 --teachers $W/t? --judgements $J --no-calibrate \
    --budget-s "${T_STUD:-120}" --out $W/s$i ${EXTRA:-} > $W/s$i.log 2>&1 &
done
wait; echo "students done in $(( $(date +%s) - T0 ))s"
python3 - "$W" "$OUT" <<'PY'
import json, shutil, sys
from pathlib import Path
w, out = Path(sys.argv[1]), Path(sys.argv[2])
summary, best = {}, {}
for d in sorted(w.glob("[ts][0-9]")):
    if not (d / "results.json").is_file():
        continue
    r = json.loads((d / "results.json").read_text())
    summary[d.name] = {n: {k: v.get(k) for k in ("dev_raw", "test_raw", "best_step", "train_s")} for n, v in r["variants"].items()}
    if r.get("distillation"):
        summary["distillation"] = r["distillation"]
    for n in r["ranked_by_dev"]:
        v = r["variants"][n]
        crit = v["dev_raw"]["ndcg@10"] + v["dev_raw"]["pair_accuracy"]
        kind = "student" if d.name.startswith("s") else "teacher"
        home = d / n if (d / n / "reranker_config.json").is_file() else d
        if (home / "reranker_config.json").is_file() and crit > best.get(kind, (-1,))[0]:
            best[kind] = (crit, n, home)
for kind, (crit, n, home) in best.items():
    (out / kind).mkdir()
    for f in home.glob("reranker*"):
        shutil.copy(f, out / kind / f.name)
    summary[f"best_{kind}"] = n
(out / "summary.json").write_text(json.dumps(summary, indent=1))
print(json.dumps({k: summary[k] for k in summary if k.startswith("best")}))
PY
cat $W/*.log | grep -v -E "Loading weights|LOAD REPORT|^ |^\{|^\}" > $OUT/log.txt
grep -h -E "teacher ensemble|: dev \{" $W/*.log | cut -c1-300
