#!/usr/bin/env bash
# Runs the black-box API tests against a real PostgreSQL started here on a free loopback
# port in a throwaway data directory, and stops it afterwards whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
# /tmp, not target/: the postgres user must be able to reach the data directory.
dir=$(mktemp -d /tmp/landlord-pg.XXXXXX)
port=${PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
trap 'scripts/postgres.sh stop "$dir"' EXIT
url=$(scripts/postgres.sh start "$dir" "$port")
echo "==> PostgreSQL $(basename "$(dirname "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)")") at $url"
# The same package selection as `make test-sqlite`, so cargo reuses its build: with
# `-p landlord-tests` alone, features resolve differently and the whole stack rebuilds.
LANDLORD_TEST_POSTGRES_URL=$url cargo test --locked --workspace --exclude landlord-frontend --test api "$@"
