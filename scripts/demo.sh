#!/usr/bin/env bash
# Builds Lector and serves the demo on SQLite in ./lector-data (no external service needed):
# `lector demo` makes, on the first run, a full replica of the seed study — 333 phantom knee
# radiographs, the AI run over them, 16 simulated radiologists who have read both crossover
# sessions, and a 17th reader account for you to read with — and reuses it on later runs.
# Address: LECTOR_ADDR (default 127.0.0.1:3000). Extra arguments go to `lector demo`
# (e.g. --cases 60 for a smaller set, --no-serve to prepare and exit).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$REPO_ROOT/scripts/build.sh"
cd "$REPO_ROOT"
export LECTOR_DATA_DIR=${LECTOR_DATA_DIR:-$REPO_ROOT/lector-data}
say "preparing the demo in $LECTOR_DATA_DIR (the first run takes a few minutes; Ctrl-C stops the server)"
exec "$TARGET_DIR/debug/lector" demo --site-root "$SITE_ROOT" "$@"
