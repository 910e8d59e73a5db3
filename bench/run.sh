#!/usr/bin/env bash
# `make bench`: seeds BENCH_TENANTS customers (default 100,000) on SQLite and on a throwaway
# PostgreSQL, drives each endpoint with wrk from another core, times the same queries directly
# in the database (the floor), and prints a table; bench/README.md explains the method.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "==> installing wrk"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --locked --release -p landlord
exec python3 bench/bench.py "$@"
