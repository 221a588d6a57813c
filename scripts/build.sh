#!/usr/bin/env bash
# Builds Lector with plain cargo: the browser bundle (wasm + JS glue + CSS) into target/site,
# and the `lector` server binary. `--release` builds a size-optimised bundle and a release server.
# No cargo-leptos needed (its install alone takes 45 minutes on a 2-core machine).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

profile=debug
if [ "${1:-}" = "--release" ]; then profile=release; fi

ensure_wasm_target
ensure_wasm_bindgen
ensure_brotli

say "building the browser bundle ($profile)"
if [ "$profile" = release ]; then wasm_profile=wasm-release; else wasm_profile=dev; fi
wasm_dir=$([ "$wasm_profile" = dev ] && echo debug || echo "$wasm_profile")
cargo build --package frontend --lib --target wasm32-unknown-unknown --profile "$wasm_profile"
rm -rf "$SITE_ROOT/pkg" && mkdir -p "$SITE_ROOT/pkg"
wasm-bindgen --target web --no-typescript --out-name lector --out-dir "$SITE_ROOT/pkg" \
  "$TARGET_DIR/wasm32-unknown-unknown/$wasm_dir/frontend.wasm"
# Leptos's hydration script loads /pkg/<name>.wasm.
mv "$SITE_ROOT/pkg/lector_bg.wasm" "$SITE_ROOT/pkg/lector.wasm"
if [ "$profile" = release ]; then
  ensure_wasm_opt
  "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    -o "$SITE_ROOT/pkg/lector.wasm" "$SITE_ROOT/pkg/lector.wasm"
fi
cp "$REPO_ROOT/style/main.css" "$SITE_ROOT/pkg/lector.css"
# Brotli's best quality takes long on the 10 MB debug bundle; the release bundle gets it.
LECTOR_BROTLI_QUALITY=$([ "$profile" = release ] && echo 11 || echo 6) name_bundle_by_content
cp -r "$REPO_ROOT/public/." "$SITE_ROOT/"

say "building the lector binary ($profile)"
if [ "$profile" = release ]; then
  cargo build --release --workspace --bins
else
  cargo build --workspace --bins
fi
echo "built: $TARGET_DIR/$profile/lector (site: $SITE_ROOT)"
