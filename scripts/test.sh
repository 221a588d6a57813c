#!/usr/bin/env bash
# The whole test suite: unit and integration tests (SQLite and PostgreSQL), then the browser
# tests in Chromium against a freshly started server. Installs what it needs first.
# PostgreSQL: LECTOR_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

ensure_chromium
ensure_node_modules
ensure_postgres
ensure_python_tools
ensure_tex
ensure_orthanc
"$REPO_ROOT/scripts/build.sh"

say "format and lints"
cargo fmt --all -- --check
# Every host crate and target; the app with its server half (the browser half is the frontend's
# wasm build above).
cargo clippy -p vocab -p analysis -p imaging -p model -p store -p app --features app/ssr -p server -p tests \
  --all-targets -- -D warnings

say "unit and integration tests"
cargo test --workspace

say "two instances behind nginx, one killed mid-run"
"$REPO_ROOT/scripts/load.sh" ci

say "browser tests"
"$REPO_ROOT/scripts/e2e.sh"
