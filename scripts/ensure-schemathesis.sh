#!/usr/bin/env bash
# Installs schemathesis (the OpenAPI fuzzer `make test-schemathesis` runs) from PyPI into a
# project-local virtualenv, .tools/venv, if that pinned version is not there yet. Prints the
# path of its `schemathesis` executable.
#   usage: scripts/ensure-schemathesis.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned, with its dependencies (scripts/schemathesis-constraints.txt): a new release can add
# checks or change generation, and `make test` must not start failing on a morning nobody
# changed anything. Raise it deliberately.
VERSION=4.32.5
venv=.tools/venv
bin=$venv/bin/schemathesis

# What was installed, so a changed pin or constraint reinstalls.
want="$VERSION $(sha256sum scripts/schemathesis-constraints.txt | cut -d' ' -f1)"
have=$(cat "$venv/.installed" 2>/dev/null || true)
if [ "$have" != "$want" ] || ! "$bin" --version >/dev/null 2>&1; then
  echo "==> installing schemathesis $VERSION from PyPI into $venv (a minute, once)" >&2
  if ! python3 -m venv "$venv" >/dev/null 2>&1; then
    # Debian's python3 keeps venv in a separate package.
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq python3-venv >&2
    python3 -m venv "$venv"
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -c scripts/schemathesis-constraints.txt "schemathesis==$VERSION" >&2
  echo "$want" >"$venv/.installed"
fi
echo "$bin"
