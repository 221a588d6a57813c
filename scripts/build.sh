#!/usr/bin/env bash
# Builds Lector with plain cargo: the browser bundle (wasm + JS glue + CSS) into target/site,
# and the `lector` server binary (`--release` for a release server).
# The bundle is the size-optimised one (opt-level z, LTO, wasm-opt -Oz): it is what browsers
# should download (456 kB on the wire against 1.4 MB for the debug bundle), and on two cores its
# cold build takes 86 s against 229 s for the debug one, whose dependencies are compiled with
# full code generation. LECTOR_BUNDLE=dev builds the debug bundle instead, which rebuilds about
# 30 s faster after a change to the app (for developers iterating on the pages).
# No cargo-leptos needed (its install alone takes 45 minutes on a 2-core machine).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

profile=debug
if [ "${1:-}" = "--release" ]; then profile=release; fi
bundle=${LECTOR_BUNDLE:-release}

ensure_wasm_target
ensure_wasm_bindgen
ensure_brotli

say "building the browser bundle ($bundle)"
if [ "$bundle" = dev ]; then wasm_profile=dev; else wasm_profile=wasm-release; fi
wasm_dir=$([ "$wasm_profile" = dev ] && echo debug || echo "$wasm_profile")
cargo build --package frontend --lib --target wasm32-unknown-unknown --profile "$wasm_profile"
rm -rf "$SITE_ROOT/pkg" && mkdir -p "$SITE_ROOT/pkg"
wasm-bindgen --target web --no-typescript --out-name lector --out-dir "$SITE_ROOT/pkg" \
  "$TARGET_DIR/wasm32-unknown-unknown/$wasm_dir/frontend.wasm"
# Leptos's hydration script loads /pkg/<name>.wasm.
mv "$SITE_ROOT/pkg/lector_bg.wasm" "$SITE_ROOT/pkg/lector.wasm"
if [ "$wasm_profile" = wasm-release ]; then
  ensure_wasm_opt
  "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    -o "$SITE_ROOT/pkg/lector.wasm" "$SITE_ROOT/pkg/lector.wasm"
fi
cp "$REPO_ROOT/style/main.css" "$SITE_ROOT/pkg/lector.css"
# Brotli's best quality takes long on the 10 MB debug bundle; the size-optimised one gets it.
LECTOR_BROTLI_QUALITY=$([ "$wasm_profile" = wasm-release ] && echo 11 || echo 6) name_bundle_by_content
cp -r "$REPO_ROOT/public/." "$SITE_ROOT/"

say "building the lector binary ($profile)"
if [ "$profile" = release ]; then
  cargo build --release --workspace --bins
else
  cargo build --workspace --bins
fi
echo "built: $TARGET_DIR/$profile/lector (site: $SITE_ROOT)"
