# Shared settings and installers for the project's scripts. Sourced, not run.
# Every installer is idempotent: it checks first and installs only what is missing.

set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
# Pinned cargo tools go to a cache directory, not ~/.cargo/bin, so they never clash with a
# developer's own versions.
export LECTOR_TOOLS_DIR=${LECTOR_TOOLS_DIR:-$HOME/.cache/lector/tools}
export PATH="$LECTOR_TOOLS_DIR/bin:$HOME/.cargo/bin:$PATH"
TARGET_DIR=${CARGO_TARGET_DIR:-$REPO_ROOT/target}
SITE_ROOT="$REPO_ROOT/target/site"

say() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: '$*' needs root; run it as root or install sudo" >&2; return 1; fi
}

apt_install() {
  if [ -z "${LECTOR_APT_UPDATED:-}" ]; then as_root apt-get update -qq; LECTOR_APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || {
    say "adding the rustup target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  }
}

# The wasm-bindgen CLI must match the wasm-bindgen crate exactly; the version is read from
# Cargo.lock so a dependency bump cannot silently break hydration.
ensure_wasm_bindgen() {
  local want have
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$REPO_ROOT/Cargo.lock")
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want into $LECTOR_TOOLS_DIR (about 5 minutes, once)"
    # Not --locked: its lockfile names a webpki-roots release the crates.io index does not serve.
    cargo install wasm-bindgen-cli --version "$want" --root "$LECTOR_TOOLS_DIR" --force
  fi
}

# wasm-opt from npm's binaryen 132: Debian's binaryen (108) breaks the release bundle's
# hydration (see docs or the toolchain notes), so it is never taken from PATH.
ensure_wasm_opt() {
  local prefix="$LECTOR_TOOLS_DIR/binaryen"
  WASM_OPT="$prefix/node_modules/.bin/wasm-opt"
  if [ ! -x "$WASM_OPT" ]; then
    command -v npm >/dev/null || apt_install nodejs npm
    say "installing wasm-opt (npm binaryen@132) into $prefix (once)"
    npm install --prefix "$prefix" --no-audit --no-fund binaryen@132.0.0 >/dev/null
  fi
}

ensure_brotli() {
  command -v brotli >/dev/null || { say "installing brotli from Debian's packages"; apt_install brotli; }
}

# Renames the bundle in $SITE_ROOT/pkg to lector-<hash>.{js,wasm,css}, one hash of the three
# files' contents, and writes the name to pkg/bundle.txt for the server: a browser may then
# keep the files forever, since any change gives new names. Each file gets a brotli and a
# gzip sibling, which the server sends to browsers that accept them.
name_bundle_by_content() {
  local pkg="$SITE_ROOT/pkg" hash name ext
  hash=$(cat "$pkg/lector.js" "$pkg/lector.wasm" "$pkg/lector.css" | sha256sum | cut -c1-16)
  name="lector-$hash"
  for ext in js wasm css; do
    mv "$pkg/lector.$ext" "$pkg/$name.$ext"
    brotli --quality="${LECTOR_BROTLI_QUALITY:-11}" --keep --force "$pkg/$name.$ext"
    gzip -9 --keep --force "$pkg/$name.$ext"
  done
  printf '%s\n' "$name" >"$pkg/bundle.txt"
}

ensure_chromium() {
  if ! command -v chromium >/dev/null; then
    say "installing Chromium from Debian's packages"
    apt_install chromium
  fi
}

# pdflatex with booktabs, for the test that compiles the LaTeX tables export (about 30 s, once).
ensure_tex() {
  if ! command -v pdflatex >/dev/null || ! kpsewhich booktabs.sty >/dev/null 2>&1; then
    say "installing TeX Live (pdflatex, booktabs) from Debian's packages"
    apt_install --no-install-recommends texlive-latex-base texlive-latex-recommended
  fi
}

# Orthanc with its DICOMweb plugin, the real PACS of the DICOMweb import tests; the tests start
# their own instances on free loopback ports (the package's service is not used).
ensure_orthanc() {
  if [ ! -x /usr/sbin/Orthanc ] || [ ! -f /usr/share/orthanc/plugins/libOrthancDicomWeb.so ]; then
    say "installing Orthanc and its DICOMweb plugin from Debian's packages"
    apt_install --no-install-recommends orthanc orthanc-dicomweb
  fi
}

ensure_node_modules() {
  command -v npm >/dev/null || { say "installing Node.js and npm from Debian's packages"; apt_install nodejs npm; }
  # Installed again whenever the lock changed since the last install (a copy is kept as a stamp).
  local e2e="$REPO_ROOT/end2end"
  if ! cmp -s "$e2e/package-lock.json" "$e2e/node_modules/.lector-installed-lock"; then
    say "installing the browser-test runner and axe-core (npm ci in end2end/)"
    (cd "$e2e" && npm ci --no-audit --no-fund)
    cp "$e2e/package-lock.json" "$e2e/node_modules/.lector-installed-lock"
  fi
}

# Python with openpyxl, the independent XLSX reader the export tests open workbooks with; a venv
# in the tools dir, so nothing is installed into the system Python. LECTOR_PYTHON points at it.
ensure_python_tools() {
  local venv="$LECTOR_TOOLS_DIR/venv"
  if ! "$venv/bin/python" -c "import openpyxl" 2>/dev/null; then
    say "installing openpyxl into $venv (once)"
    command -v python3 >/dev/null || apt_install python3 python3-venv
    python3 -m venv "$venv" || { apt_install python3-venv; python3 -m venv "$venv"; }
    "$venv/bin/pip" install --quiet --disable-pip-version-check "openpyxl==3.1.5"
  fi
  export LECTOR_PYTHON="$venv/bin/python"
}

# PostgreSQL for the tests of the PostgreSQL backend: the server at LECTOR_TEST_POSTGRES_URL
# (default: the local one on 127.0.0.1:5432 with trust auth). When nothing answers there, a
# local server is installed from Debian's packages and started, with a password login.
ensure_postgres() {
  local url=${LECTOR_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
  if psql_ok "$url"; then export LECTOR_TEST_POSTGRES_URL=$url; return; fi
  if [ -n "${LECTOR_TEST_POSTGRES_URL:-}" ]; then
    echo "error: PostgreSQL does not answer at $LECTOR_TEST_POSTGRES_URL" >&2; return 1
  fi
  say "no PostgreSQL on 127.0.0.1:5432: installing and starting Debian's"
  command -v pg_ctlcluster >/dev/null || apt_install postgresql postgresql-client
  local version; version=$(ls /etc/postgresql | sort -V | tail -n 1)
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  as_root su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'lector'\""
  url=postgres://postgres:lector@127.0.0.1:5432/postgres
  psql_ok "$url" || { echo "error: PostgreSQL did not start on 127.0.0.1:5432" >&2; return 1; }
  export LECTOR_TEST_POSTGRES_URL=$url
}

psql_ok() {
  command -v psql >/dev/null || return 1
  psql "$1" -tAc 'SELECT 1' >/dev/null 2>&1
}
