#!/usr/bin/env bash
# Fuzzes the running server against its own OpenAPI document with schemathesis, so the spec
# and the server cannot drift apart: every phase (the spec's examples, coverage of each
# declared bound and type, random fuzzing, stateful sequences through the links), every check,
# a fixed seed and a bounded budget. Any finding fails the run.
#
# It builds the debug `landlord`, serves it on a free loopback port over a fresh SQLite file
# with a little demo data, signs in as the management tenant's administrator and fuzzes as
# them. The server is stopped and the files removed however the run ends.
#   usage: scripts/schemathesis.sh [extra schemathesis run options]
#   env:   SCHEMATHESIS_SEED (default 20261201), SCHEMATHESIS_MAX_EXAMPLES (default 25),
#          SCHEMATHESIS_MAX_TIME (seconds, default 120)
set -euo pipefail
cd "$(dirname "$0")/.."

st=$(scripts/ensure-schemathesis.sh)
# The same selection as the test builds (dev-dependencies included): `-p landlord` alone
# resolves features differently and rebuilds the whole stack a second time.
cargo build --locked -q --workspace --exclude landlord-frontend --all-targets
bin=$PWD/target/debug/landlord

dir=$(mktemp -d /tmp/landlord-schemathesis.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT

export LANDLORD_DATA_DIR=$dir
export LANDLORD_DATABASE_URL=sqlite://$dir/landlord.db
export LANDLORD_BIND=127.0.0.1:$port
export LANDLORD_ADMIN_PASSWORD=schemathesis-admin-pass-1
export LANDLORD_JWT_SECRET=schemathesis-secret-schemathesis-secret-0123
export LANDLORD_STATIC_DIR=$dir/no-static
export LANDLORD_LOG=${LANDLORD_LOG:-warn}

"$bin" seed --tenants 20 --quiet >/dev/null
"$bin" serve >"$dir/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  curl -fsS "$base/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$dir/server.log"; exit 1; }
  sleep 0.1
done

token=$(curl -fsS "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"tenant\":\"management\",\"username\":\"admin\",\"password\":\"$LANDLORD_ADMIN_PASSWORD\"}" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')

# The plan the hooks give tenants created on a package, on every cycle.
curl -fsS "$base/api/v1/plans" -H "Authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"code":"schemathesis","name":"Schemathesis","currency":"USD","prices":{"monthly":"10","quarterly":"27","yearly":"100"}}' >/dev/null

# The tenant policy the hooks give tenants created with a policy.
policy=$(curl -fsS "$base/api/v1/tenant-policies" -H "Authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"name":"schemathesis","retention_rules":[{"data_type":"audit","max_age_days":365}]}' \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
export SCHEMATHESIS_POLICY_ID=$policy

tenants=$(curl -fsS "$base/api/v1/tenants?per_page=200&parent=1" -H "Authorization: Bearer $token" \
  | python3 -c 'import json, sys; print(",".join(str(t["id"]) for t in json.load(sys.stdin)["items"]))')
export SCHEMATHESIS_TENANT_IDS=$tenants
export SCHEMATHESIS_ADMIN_PASSWORD=$LANDLORD_ADMIN_PASSWORD

# Rules between fields that JSON Schema cannot state, real customer ids and the password a
# suspension is confirmed with (see the file).
export SCHEMATHESIS_HOOKS=schemathesis_hooks
export PYTHONPATH=$PWD/scripts${PYTHONPATH:+:$PYTHONPATH}

echo "==> schemathesis against $base (seed ${SCHEMATHESIS_SEED:-20261201})"
status=0
# Every check runs: schemathesis enables all of them unless told otherwise, and only
# scripts/schemathesis.toml narrows any, per operation and with its reason. (`--checks all`
# here would override those per-operation lines.)
"$st" --config-file scripts/schemathesis.toml run "$base/api/openapi.json" \
  --header "Authorization: Bearer $token" \
  --phases examples,coverage,fuzzing,stateful \
  --seed "${SCHEMATHESIS_SEED:-20261201}" \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-25}" \
  --max-time "${SCHEMATHESIS_MAX_TIME:-120}" \
  --generation-database none \
  --no-color \
  "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "==> schemathesis found problems; the server's log:" >&2
  tail -n 50 "$dir/server.log" >&2
fi
exit "$status"
