"""The metering ingestion scenario (issue 14): batches of 1,000 usage events sent to
`POST /api/v1/usage/events` with a service token, by CLIENTS keep-alive connections at once,
as fast as the server answers. Every event is new (its own id) and counted by a sum meter
over TENANTS tenants, so each batch does the full work: the duplicate check, the event rows
and the daily rollups. The request bodies are built before the clock starts, so the client's
JSON encoding is not measured. Reported: events/s over the whole run, and p50/p99 per batch.

Run by bench.py against each backend's server, or alone against a fresh SQLite server:
`python3 bench/ingest.py` (after `cargo build --release -p landlord`)."""

import datetime
import http.client
import json
import statistics
import threading
import time
import urllib.parse

BATCH = 1000
BATCHES = 1000
CLIENTS = 4
TENANTS = 20
METER = "bench_events"


def setup(base, admin_token, request, first_id):
    """The meter, a service token allowed to write usage, and the tenants' ids."""
    meter = {"key": METER, "name": "Bench events", "unit": "events", "aggregation": "sum", "kind": "counter"}
    request(base + "/api/v1/meters", admin_token, meter)
    body = {"name": "bench-ingest", "scopes": ["usage:write"]}
    token = json.loads(request(base + "/api/v1/service-tokens", admin_token, body))["token"]
    return token, list(range(first_id, first_id + TENANTS))


def _bodies(tenants, run):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    bodies = []
    for b in range(BATCHES):
        events = [{"id": f"{run}-{b}-{i}", "tenant": tenants[(b * BATCH + i) % len(tenants)],
                   "meter": METER, "value": 1, "timestamp": now} for i in range(BATCH)]
        bodies.append(json.dumps({"events": events}).encode())
    return bodies


def _client(base, token, bodies, took, failures):
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port)
    headers = {"content-type": "application/json", "authorization": f"Bearer {token}"}
    for body in bodies:
        start = time.perf_counter()
        conn.request("POST", "/api/v1/usage/events", body, headers)
        response = conn.getresponse()
        answer = response.read()
        took.append((time.perf_counter() - start) * 1000)
        if response.status != 200:
            failures.append(f"{response.status}: {answer[:200]!r}")
            continue
        refused = [r for r in json.loads(answer)["results"] if r["status"] != "accepted"]
        if refused:
            failures.append(f"{len(refused)} not accepted, e.g. {refused[0]}")
    conn.close()


def run(base, admin_token, request, first_id=2):
    token, tenants = setup(base, admin_token, request, first_id)
    bodies = _bodies(tenants, f"bench{int(time.time())}")
    took, failures = [], []
    shares = [bodies[i::CLIENTS] for i in range(CLIENTS)]
    threads = [threading.Thread(target=_client, args=(base, token, share, took, failures)) for share in shares]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    assert not failures, failures[:3]
    q = statistics.quantiles(took, n=100)
    return {"events": BATCH * BATCHES, "batch": BATCH, "clients": CLIENTS, "tenants": TENANTS,
            "seconds": round(elapsed, 2), "events_per_s": round(BATCH * BATCHES / elapsed),
            "batch_p50_ms": round(q[49], 1), "batch_p99_ms": round(q[98], 1)}


def main():
    import os
    import sys
    sys.path.insert(0, os.path.dirname(__file__))
    import bench
    bench.run_alone(sys.modules[__name__], "landlord-bench-ingest-", TENANTS)


if __name__ == "__main__":
    main()
