#!/usr/bin/env bash
# Installs what the build needs and is missing, from the registries this machine reaches
# (rustup's wasm target, the wasm-bindgen CLI matching Cargo.lock, and for tests Debian's
# Chromium + ChromeDriver and poppler-utils, whose pdftotext/pdfinfo read back the invoice
# PDFs). Nothing is downloaded from GitHub or a CDN.
#   usage: scripts/ensure-tools.sh [--browser]
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "==> adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "==> installing wasm-bindgen-cli $want (a few minutes, once)"
  # Without --locked: its lockfile names a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$want"
fi

# Optional: wasm-opt from npm's binaryen roughly thirds the app's size. Skipped if npm is absent.
if ! command -v wasm-opt >/dev/null && [ ! -x .tools/node_modules/.bin/wasm-opt ] && command -v npm >/dev/null; then
  echo "==> installing wasm-opt (npm binaryen) into .tools"
  npm install --silent --no-audit --no-fund --prefix .tools binaryen@132 >/dev/null 2>&1 || echo "   (wasm-opt unavailable; the app is built unoptimised)"
fi

if [ "${1:-}" = "--browser" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "==> installing Chromium and ChromeDriver from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver || { dpkg --configure -a; apt-get install -f -y; apt-get install -y -qq chromium chromium-driver; }
  fi
  # crates/documents' tests fail (they do not skip) without pdftotext and pdfinfo.
  if ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null; then
    echo "==> installing poppler-utils (pdftotext, pdfinfo) from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq poppler-utils || { dpkg --configure -a; apt-get install -f -y; apt-get install -y -qq poppler-utils; }
  fi
fi
