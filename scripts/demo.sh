#!/usr/bin/env bash
# Builds Lector and serves it on SQLite in ./lector-data (no external service needed).
# Address: LECTOR_ADDR (default 127.0.0.1:3000). Extra arguments go to `lector serve`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$REPO_ROOT/scripts/build.sh"
cd "$REPO_ROOT"
say "starting Lector (Ctrl-C to stop)"
exec "$TARGET_DIR/debug/lector" serve --site-root "$SITE_ROOT" "$@"
