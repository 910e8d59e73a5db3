#!/usr/bin/env bash
# Installs aiosmtpd (the SMTP server the mail tests deliver to, tests/support/smtp_sink.py)
# from PyPI into the project-local virtualenv, .tools/venv, if that pinned version is not
# there yet. Prints the path of the venv's `python`.
#   usage: scripts/ensure-aiosmtpd.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned with its dependencies (scripts/aiosmtpd-constraints.txt), as schemathesis is.
VERSION=1.4.6
venv=.tools/venv
python=$venv/bin/python

want="$VERSION $(sha256sum scripts/aiosmtpd-constraints.txt | cut -d' ' -f1)"
have=$(cat "$venv/.aiosmtpd-installed" 2>/dev/null || true)
if [ "$have" != "$want" ] || ! "$python" -c 'import aiosmtpd' >/dev/null 2>&1; then
  echo "==> installing aiosmtpd $VERSION from PyPI into $venv (once)" >&2
  if ! "$python" --version >/dev/null 2>&1; then
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
      # Debian's python3 keeps venv in a separate package.
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2 && apt-get install -y -qq python3-venv >&2
      python3 -m venv "$venv"
    fi
  fi
  "$python" -m pip install --quiet --disable-pip-version-check \
    -c scripts/aiosmtpd-constraints.txt "aiosmtpd==$VERSION" >&2
  echo "$want" >"$venv/.aiosmtpd-installed"
fi
echo "$(pwd)/$python"
