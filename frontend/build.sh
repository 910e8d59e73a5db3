#!/usr/bin/env bash
# Builds the admin app into frontend/dist (served by `landlord serve` as its static dir).
# Run from the repository root: `bash frontend/build.sh`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dist="frontend/dist"
out="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-release"

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
cargo build -p landlord-frontend --target wasm32-unknown-unknown --profile wasm-release

# A binary crate keeps the hyphen of its package name; a library would use an underscore.
wasm="$out/landlord-frontend.wasm"
[[ -f "$wasm" ]] || wasm="$out/landlord_frontend.wasm"

# wasm-bindgen and wasm-opt take most of a minute: skip them when the app is unchanged.
# The stamp is written last, so an interrupted run is redone.
stamp="$dist/pkg/.complete"
if [[ -f "$stamp" && "$stamp" -nt "$wasm" ]]; then
  cp frontend/index.html frontend/style.css "$dist/"
  echo "$dist is up to date"
  exit 0
fi

wasm_bindgen="$(command -v wasm-bindgen || echo "$HOME/.cargo/bin/wasm-bindgen")"
rm -rf "$dist/pkg"
mkdir -p "$dist/pkg"
"$wasm_bindgen" --target web --no-typescript --out-dir "$dist/pkg" --out-name app "$wasm"

wasm_opt="$(command -v wasm-opt || true)"
if [[ -z "$wasm_opt" && -x .tools/node_modules/.bin/wasm-opt ]]; then
  wasm_opt=".tools/node_modules/.bin/wasm-opt"
fi
if [[ -n "$wasm_opt" ]]; then
  "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$dist/pkg/app_bg.opt.wasm" "$dist/pkg/app_bg.wasm"
  mv "$dist/pkg/app_bg.opt.wasm" "$dist/pkg/app_bg.wasm"
else
  echo "wasm-opt not found; skipping size optimisation" >&2
fi

cp frontend/index.html frontend/style.css "$dist/"
touch "$stamp"
echo "built $dist ($(wc -c <"$dist/pkg/app_bg.wasm") bytes of wasm)"
