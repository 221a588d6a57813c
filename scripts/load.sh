#!/usr/bin/env bash
# Load runs with lector-load (tests/src/load) against real servers started here.
#
#   scripts/load.sh ci            The suite's multi-instance test (debug build, about a minute):
#                                 two `lector serve` on one PostgreSQL database behind nginx,
#                                 4 readers for 10 s, one instance killed with -9 at 4 s and
#                                 started again. Fails if an acknowledged read is lost or stored
#                                 twice, a request is refused, or the audit trail does not verify.
#   scripts/load.sh bench [REV]   The benchmark (release build): 64 readers on SQLite, then two
#                                 instances on PostgreSQL behind nginx, then that with a kill -9.
#                                 With REV (e.g. a commit of main), the SQLite run is first made
#                                 against REV's server built in a worktree, and the ratios are
#                                 printed. Figures go to benches/RESULTS.md by hand.
# LECTOR_LOAD_READERS, LECTOR_LOAD_SECONDS and LECTOR_LOAD_THINK_MS change the bench's run;
# LECTOR_LOAD_BASE_BIN names an already built server of REV (to skip building it again).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

mode=${1:-ci}
base_rev=${2:-}
profile=$([ "$mode" = bench ] && echo release || echo debug)
RUN=$(mktemp -d /tmp/lector-load.XXXXXX)
PASSWORD="load coordinator password"
EMAIL=load@lector.test
PIDS=()

cleanup() {
  stop_nginx
  for pidfile in "$RUN"/*.pid; do
    [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null || true
  done
  for db in "${DATABASES[@]:-}"; do
    [ -n "$db" ] && psql "$LECTOR_TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$RUN"
}
DATABASES=()
trap cleanup EXIT

ensure_nginx() {
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { say "installing nginx from Debian's packages"; apt_install nginx-light; }
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_healthy() { # PORT
  for _ in $(seq 200); do
    curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "error: nothing healthy on port $1" >&2
  tail -n 20 "$RUN"/*.log >&2 || true
  return 1
}

# Writes $RUN/NAME.start, a script that starts one instance in the background and records
# its pid (the load tool's kill command runs it again to restart the instance).
instance_script() { # NAME BINARY PORT DATA_DIR DATABASE_URL
  cat >"$RUN/$1.start" <<SCRIPT
#!/bin/sh
LECTOR_LOG=warn nohup "$2" --data-dir "$4" --database-url "$5" serve --addr 127.0.0.1:$3 \
  --site-root "$SITE_ROOT" >>"$RUN/$1.log" 2>&1 &
echo \$! >"$RUN/$1.pid"
SCRIPT
  chmod +x "$RUN/$1.start"
}

stop_instance() { kill -9 "$(cat "$RUN/$1.pid")" 2>/dev/null || true; rm -f "$RUN/$1.pid"; }
# nginx is stopped with TERM, not -9: a master killed outright leaves its worker running and
# listening after the script ends.
stop_nginx() {
  local pid; pid=$(cat "$RUN/nginx.pid" 2>/dev/null) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$RUN/nginx.pid"
}

start_nginx() { # LISTEN_PORT UPSTREAM_PORT...
  local listen=$1; shift
  local upstreams="" port
  for port in "$@"; do upstreams+="        server 127.0.0.1:$port max_fails=1 fail_timeout=2s;"$'\n'; done
  mkdir -p "$RUN/nginx"
  sed -e "s#@RUN_DIR@#$RUN/nginx#g" -e "s#@LISTEN@#127.0.0.1:$listen#" \
    "$REPO_ROOT/deploy/nginx-instances.conf" | awk -v u="$upstreams" '{ if ($0 == "@UPSTREAMS@") printf "%s", u; else print }' \
    >"$RUN/nginx/nginx.conf"
  "$NGINX" -c "$RUN/nginx/nginx.conf" -p "$RUN/nginx" >"$RUN/nginx.log" 2>&1 &
  echo $! >"$RUN/nginx.pid"
  disown
}

new_database() { # NAME -> URL
  psql "$LECTOR_TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null 2>&1
  psql "$LECTOR_TEST_POSTGRES_URL" -qc "CREATE DATABASE $1" >/dev/null
  DATABASES+=("$1")
  echo "${LECTOR_TEST_POSTGRES_URL%/*}/$1"
}

coordinator() { # BINARY DATA_DIR DATABASE_URL
  LECTOR_LOG=warn LECTOR_PASSWORD=$PASSWORD "$1" --data-dir "$2" --database-url "$3" \
    user add --role coordinator --email "$EMAIL" --name "Load coordinator" >/dev/null
}

load() { # URL DATABASE_URL ARGS...
  local url=$1 db=$2; shift 2
  "$TARGET_DIR/$profile/lector-load" --url "$url" --email "$EMAIL" --password "$PASSWORD" \
    --database-url "$db" "$@"
}

# One instance on SQLite: BINARY NAME ARGS...
sqlite_run() {
  local binary=$1 name=$2; shift 2
  local port data
  port=$(free_port); data="$RUN/$name-data"; mkdir -p "$data"
  instance_script "$name" "$binary" "$port" "$data" "sqlite://$data/lector.db"
  coordinator "$binary" "$data" "sqlite://$data/lector.db"
  "$RUN/$name.start"; wait_healthy "$port"
  load "http://127.0.0.1:$port" "sqlite://$data/lector.db" "$@"
  stop_instance "$name"
  LECTOR_LOG=warn "$binary" --data-dir "$data" audit verify
}

# Two instances on one PostgreSQL database and one data directory, behind nginx:
# NAME KILL(yes|no) ARGS...
instances_run() {
  local name=$1 kill=$2; shift 2
  local binary="$TARGET_DIR/$profile/lector" a b front url data
  a=$(free_port); b=$(free_port); front=$(free_port)
  data="$RUN/$name-data"; mkdir -p "$data"
  url=$(new_database "lector_load_${name}_$$")
  instance_script "$name-a" "$binary" "$a" "$data" "$url"
  instance_script "$name-b" "$binary" "$b" "$data" "$url"
  # Both at once: the migrations must run once (PostgreSQL's advisory lock), not twice.
  "$RUN/$name-a.start"; "$RUN/$name-b.start"
  sleep 0.2
  wait_healthy "$a"; wait_healthy "$b"
  coordinator "$binary" "$data" "$url"
  start_nginx "$front" "$a" "$b"; wait_healthy "$front"
  local extra=()
  if [ "$kill" = yes ]; then
    extra=(--kill-after "${KILL_AFTER:-4}" --kill-cmd "kill -9 \$(cat $RUN/$name-a.pid); sleep 1; $RUN/$name-a.start")
  fi
  load "http://127.0.0.1:$front" "$url" "${extra[@]}" "$@"
  # The killed instance came back, on the database the other one kept using.
  wait_healthy "$a"
  stop_instance "$name-a"; stop_instance "$name-b"; stop_nginx
  LECTOR_LOG=warn "$binary" --data-dir "$data" --database-url "$url" audit verify
}

ensure_postgres
ensure_nginx
if [ "$mode" = bench ] && [ -n "$base_rev" ] && [ -x "${LECTOR_LOAD_BASE_BIN:-}" ]; then
  cp "$LECTOR_LOAD_BASE_BIN" "$RUN/base-lector"
elif [ "$mode" = bench ] && [ -n "$base_rev" ]; then
  # Built first and copied out: the worktree shares the target dir, and this checkout's
  # sources are touched afterwards so that cargo rebuilds them rather than reuse REV's.
  say "building $base_rev's server (release) in a worktree"
  worktree="$RUN/base"
  git worktree add --detach "$worktree" "$base_rev" >/dev/null
  (cd "$worktree" && CARGO_TARGET_DIR="$TARGET_DIR" cargo build --release -p server --bin lector)
  cp "$TARGET_DIR/release/lector" "$RUN/base-lector"
  git worktree remove --force "$worktree"
  find analysis app imaging model server store tests frontend -name '*.rs' -exec touch {} +
fi
if [ ! -x "$TARGET_DIR/$profile/lector-load" ] || [ "$mode" = bench ]; then
  "$REPO_ROOT/scripts/build.sh" $([ "$profile" = release ] && echo --release)
fi

case "$mode" in
  ci)
    say "two instances on PostgreSQL behind nginx, one killed with -9 mid-run"
    # Enough cases that every reader is still reading when the instance is killed.
    KILL_AFTER=4 instances_run ci yes --readers 4 --cases 120 --seconds 10 --think-ms 300
    ;;
  bench)
    readers=${LECTOR_LOAD_READERS:-64}; seconds=${LECTOR_LOAD_SECONDS:-30}
    think=${LECTOR_LOAD_THINK_MS:-1000}
    args=(--readers "$readers" --seconds "$seconds" --think-ms "$think" --cases 200 --json)
    if [ -n "$base_rev" ]; then
      say "baseline: $base_rev's server, one instance on SQLite"
      sqlite_run "$RUN/base-lector" base "${args[@]}" | tee "$RUN/base.json"
    fi
    say "this build, one instance on SQLite"
    sqlite_run "$TARGET_DIR/release/lector" sqlite "${args[@]}" | tee "$RUN/sqlite.json"
    say "this build, two instances on PostgreSQL behind nginx"
    instances_run pg no "${args[@]}" | tee "$RUN/pg.json"
    say "this build, two instances behind nginx, one killed with -9 mid-run"
    KILL_AFTER=$(( seconds / 2 )) instances_run pgkill yes "${args[@]}" | tee "$RUN/pgkill.json"
    if [ -n "$base_rev" ]; then
      python3 - "$RUN/base.json" "$RUN/sqlite.json" <<'PY'
import json, sys
base, new = (json.loads(open(p).read().strip().splitlines()[0]) for p in sys.argv[1:3])
for kind in ("next_case", "submit"):
    for q in ("p50_ms", "p95_ms", "p99_ms"):
        b, n = base[kind][q], new[kind][q]
        print(f"{kind:9} {q}: base {b:8.1f} ms  this {n:8.1f} ms  ratio this/base {n / b if b else float('nan'):.3f}")
print(f"throughput: base {base['submits_per_second']} /s, this {new['submits_per_second']} /s")
PY
    fi
    ;;
  *) echo "usage: scripts/load.sh ci | bench [REV]" >&2; exit 2 ;;
esac
