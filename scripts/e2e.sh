#!/usr/bin/env bash
# Starts the built `lector` on a free port with a fresh data directory and runs the Playwright
# specs in end2end/ against it in Debian's Chromium. Expects scripts/build.sh to have run.
# Arguments go to Playwright (e.g. `scripts/e2e.sh transfer` runs end2end/tests/transfer.spec.ts).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

data_dir=$(mktemp -d)
log="$data_dir/server.log"
# A coordinator for the sign-in journeys (end2end/tests/auth.spec.ts), made the way an operator
# makes the first account.
export LECTOR_E2E_COORDINATOR_EMAIL=coordinator@example.org
export LECTOR_E2E_COORDINATOR_PASSWORD=e2e-coordinator-password
export LECTOR_E2E_COORDINATOR_NAME="Casey Coordinator"
LECTOR_PASSWORD=$LECTOR_E2E_COORDINATOR_PASSWORD "$TARGET_DIR/debug/lector" --data-dir "$data_dir" \
  user add --role coordinator --email "$LECTOR_E2E_COORDINATOR_EMAIL" --name "$LECTOR_E2E_COORDINATOR_NAME" >/dev/null
# The results journeys (end2end/tests/results.spec.ts) read a small study built by `lector demo`:
# phantoms, the AI over them and 16 simulated readers' reads (its own coordinator account).
"$TARGET_DIR/debug/lector" --data-dir "$data_dir" demo --no-serve --cases 40 >"$data_dir/demo.log" 2>&1 \
  || { cat "$data_dir/demo.log" >&2; echo "error: lector demo failed" >&2; exit 1; }
# The PACS of the Cases page's DICOMweb import (end2end/tests/pacs.spec.ts): Debian's Orthanc
# with its DICOMweb plugin on a free loopback port, behind a password; the spec loads it.
orthanc_dir="$data_dir/orthanc"
mkdir -p "$orthanc_dir"
orthanc_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export LECTOR_E2E_ORTHANC="http://127.0.0.1:$orthanc_port"
export LECTOR_E2E_ORTHANC_USER=lector LECTOR_E2E_ORTHANC_PASSWORD=e2e-pacs-password
cat >"$orthanc_dir/orthanc.json" <<JSON
{
  "Name": "lector-e2e-pacs",
  "StorageDirectory": "$orthanc_dir/storage",
  "IndexDirectory": "$orthanc_dir/storage",
  "HttpPort": $orthanc_port,
  "DicomServerEnabled": false,
  "RemoteAccessAllowed": false,
  "AuthenticationEnabled": true,
  "RegisteredUsers": { "$LECTOR_E2E_ORTHANC_USER": "$LECTOR_E2E_ORTHANC_PASSWORD" },
  "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"],
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/" }
}
JSON
/usr/sbin/Orthanc "$orthanc_dir/orthanc.json" >/dev/null 2>"$orthanc_dir/orthanc.log" &
orthanc=$!
LECTOR_DICOMWEB_URL="$LECTOR_E2E_ORTHANC/dicom-web" LECTOR_DICOMWEB_USER=$LECTOR_E2E_ORTHANC_USER \
LECTOR_DICOMWEB_PASSWORD=$LECTOR_E2E_ORTHANC_PASSWORD \
  "$TARGET_DIR/debug/lector" --data-dir "$data_dir" serve --addr 127.0.0.1:0 --site-root "$SITE_ROOT" \
  >"$data_dir/stdout" 2>"$log" &
server=$!
trap 'kill "$server" "$orthanc" 2>/dev/null || true; wait "$server" "$orthanc" 2>/dev/null || true; rm -rf "$data_dir"' EXIT
for _ in $(seq 150); do
  curl -sf -u "$LECTOR_E2E_ORTHANC_USER:$LECTOR_E2E_ORTHANC_PASSWORD" "$LECTOR_E2E_ORTHANC/system" >/dev/null && break
  kill -0 "$orthanc" 2>/dev/null || { cat "$orthanc_dir/orthanc.log" >&2; echo "error: Orthanc did not start" >&2; exit 1; }
  sleep 0.2
done
for _ in $(seq 100); do
  grep -q 'serving at' "$data_dir/stdout" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; echo "error: lector did not start" >&2; exit 1; }
  sleep 0.2
done
export LECTOR_E2E_URL=$(sed -n 's/^Lector is serving at //p' "$data_dir/stdout")
export LECTOR_E2E_DATA_DIR=$data_dir
export LECTOR_BIN="$TARGET_DIR/debug/lector"
export CHROMIUM_PATH=${CHROMIUM_PATH:-$(command -v chromium)}
# The size-optimised bundle (scripts/build.sh's default) must stay within 600 kB on the wire
# for a cold load of the reading page (end2end/tests/transfer.spec.ts).
if [ "${LECTOR_BUNDLE:-release}" != dev ]; then
  export LECTOR_E2E_MAX_COLD_BYTES=${LECTOR_E2E_MAX_COLD_BYTES:-600000}
fi
echo "browser tests against $LECTOR_E2E_URL"
(cd end2end && npx playwright test "$@")
