#!/usr/bin/env bash
# Builds Lector and serves it on SQLite in ./lector-data (no external service needed). On the
# first run it also makes a demo coordinator account and a phantom study to explore.
# Address: LECTOR_ADDR (default 127.0.0.1:3000). Extra arguments go to `lector serve`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$REPO_ROOT/scripts/build.sh"
cd "$REPO_ROOT"
data_dir=${LECTOR_DATA_DIR:-$REPO_ROOT/lector-data}
export LECTOR_DATA_DIR=$data_dir
demo_email=coordinator@lector.demo
demo_password=lector-demo-coordinator
lector() { "$TARGET_DIR/debug/lector" "$@"; }
if [ ! -e "$data_dir/lector.db" ]; then
  say "first run: a demo coordinator and a study of 60 phantom knee radiographs"
  LECTOR_PASSWORD=$demo_password lector user add --role coordinator --email "$demo_email" --name "Demo Coordinator"
  lector synth --cases 60 --out "$data_dir/demo-phantoms"
  lector study create "Knee OS vs GCT (demo)" --positive OS --negative GCT --coordinator "$demo_email"
  lector import "Knee OS vs GCT (demo)" "$data_dir/demo-phantoms"
fi
say "sign in as $demo_email with the password $demo_password (Ctrl-C stops the server)"
exec "$TARGET_DIR/debug/lector" serve --site-root "$SITE_ROOT" "$@"
