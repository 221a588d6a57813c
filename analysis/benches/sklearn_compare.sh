#!/usr/bin/env bash
# Times Lector's DeLong AUC + variance against scikit-learn's roc_auc_score (AUC alone) on the
# same 10^6 scores and prints both timings and the ratio (target: Lector >= 3x faster).
# Usage: bash analysis/benches/sklearn_compare.sh   (from the repository root)
set -euo pipefail
VENV=/root/.cache/lector/sklearn-venv
DATA=/root/.cache/lector/sklearn-compare
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/root/.cache/lector/target-analysis}

if ! "$VENV/bin/python" -c "import sklearn, numpy" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet scikit-learn numpy
fi

# --no-default-features: the timing needs no CSV reading, so polars is not built in release.
RUST_LINE=$(cargo run --quiet -p analysis --release --no-default-features --example delong_scores -- "$DATA")
echo "lector:  $RUST_LINE"
RUST_SECONDS=${RUST_LINE##*rust_seconds=}

"$VENV/bin/python" - "$DATA" "$RUST_SECONDS" <<'PY'
import sys, time
import numpy as np
from sklearn.metrics import roc_auc_score
data, rust = sys.argv[1], float(sys.argv[2])
scores = np.fromfile(f"{data}/scores.f64", dtype="<f8")
labels = np.fromfile(f"{data}/labels.u8", dtype=np.uint8)
best, auc = float("inf"), None
for _ in range(20):
    start = time.perf_counter()
    auc = roc_auc_score(labels, scores)
    best = min(best, time.perf_counter() - start)
print(f"sklearn: auc={auc:.12f} sklearn_seconds={best:.6f}")
print(f"ratio sklearn/lector = {best / rust:.2f}x (target >= 3x)")
PY
