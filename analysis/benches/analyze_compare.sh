#!/usr/bin/env bash
# `lector analyze` against pandas + scikit-learn, end to end, on the 4-million-row reads file
# (10^6 cases x 2 readers x 2 modalities), and the three covariance methods on 50 readers x 2
# modalities x 2,000 cases; prints the timings and their ratios in one run (release builds).
# Usage: bash analysis/benches/analyze_compare.sh   (from the repository root)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$REPO_ROOT"
DATA=${LECTOR_BENCH_DATA:-$HOME/.cache/lector/bench-data}
VENV="$LECTOR_TOOLS_DIR/bench-venv"
mkdir -p "$DATA"
if ! "$VENV/bin/python" -c "import sklearn, pandas" 2>/dev/null; then
  say "installing pandas and scikit-learn into $VENV (once)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pandas==2.2.3" "scikit-learn==1.6.1"
fi

say "building the release binary and the timing example"
cargo build --quiet --release -p server --bin lector
cargo build --quiet --release -p analysis --example analyze_timing
TIMING="$TARGET_DIR/release/examples/analyze_timing"
LECTOR="$TARGET_DIR/release/lector"

say "covariance on 50 readers x 2 modalities x 2,000 cases (writes the 4M-row file once)"
"$TIMING" "$DATA"

say "end to end on $DATA/reads_4m.csv (best of 3, wall clock of the whole process)"
"$VENV/bin/python" - "$LECTOR" "$DATA/reads_4m.csv" <<'PY'
import subprocess, sys, time
lector, reads = sys.argv[1], sys.argv[2]
PANDAS = r'''
import sys
import pandas as pd
from sklearn.metrics import roc_auc_score
reads = pd.read_csv(sys.argv[1], dtype={"reader_id": str, "modality": str, "case_id": str})
for (reader, modality), g in reads.groupby(["reader_id", "modality"], sort=False):
    print(reader, modality, roc_auc_score(g["truth"], g["rating"]))
'''
def best(cmd):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)
runs = {
    "lector analyze (AUC, OR and DBM, jackknife covariance, JSON)": best([lector, "analyze", reads, "--format", "json"]),
    "pandas read_csv + sklearn roc_auc_score per reading": best([sys.executable, "-c", PANDAS, reads]),
}
for name, seconds in runs.items():
    print(f"{name}: {seconds:.2f} s")
lector_s, pandas_s = runs.values()
print(f"ratio pandas/lector = {pandas_s / lector_s:.2f}x (target >= 1)")
PY
