"""The request-rate limit scenario (issue 14): a tenant limited to 10 requests/s with 5 that
may wait is sent 100 requests/s, open loop (each request on its own thread at its scheduled
instant, whatever the earlier ones are doing), while a neighbour tenant's latency is sampled
at 20 requests/s, before and during the flood. Reported: what got through per second, how
many were refused, and the neighbour's p50/p99 both times.

Run by bench.py against each backend's server, or alone against a fresh SQLite server:
`python3 bench/rate_limits.py` (after `cargo build --release -p landlord`)."""

import concurrent.futures
import json
import statistics
import threading
import time
import urllib.error
import urllib.request

LIMIT, QUEUE = 10, 5
FLOOD_RPS = 100
SECONDS = 30
NEIGHBOUR_RPS = 20


def _get(base, token, path="/api/v1/auth/me"):
    """The status and the seconds one GET took."""
    start = time.perf_counter()
    req = urllib.request.Request(base + path, headers={"authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(req) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        e.read()
        status = e.code
    return status, time.perf_counter() - start


def _tenant(base, admin_token, request, domain, extra):
    body = {"domain": domain, "name": domain, "admin_username": "owner",
            "admin_email": f"owner@{domain}.test", "admin_password": f"{domain}-pass-1", **extra}
    request(base + "/api/v1/tenants", admin_token, body)
    login = {"tenant": domain, "username": "owner", "password": f"{domain}-pass-1"}
    return json.loads(request(base + "/api/v1/auth/login", body=login))["access_token"]


def _sample(base, token, seconds, stop=None):
    """The neighbour's latencies (ms) at NEIGHBOUR_RPS for `seconds`."""
    latencies = []
    start = time.perf_counter()
    n = 0
    while time.perf_counter() - start < seconds and not (stop and stop.is_set()):
        status, took = _get(base, token)
        assert status == 200, f"the neighbour got {status}"
        latencies.append(took * 1000)
        n += 1
        delay = start + n / NEIGHBOUR_RPS - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
    return latencies


def _percentiles(latencies):
    q = statistics.quantiles(latencies, n=100)
    return {"p50_ms": round(q[49], 2), "p99_ms": round(q[98], 2)}


def run(base, admin_token, request, suffix=""):
    paced = _tenant(base, admin_token, request, f"bench-paced{suffix}",
                    {"limit_http_requests": LIMIT, "limit_http_queue": QUEUE})
    neighbour = _tenant(base, admin_token, request, f"bench-neighbour{suffix}", {})
    before = _percentiles(_sample(base, neighbour, 10))

    statuses = []
    during = []
    sampler = threading.Thread(target=lambda: during.extend(_sample(base, neighbour, SECONDS)))
    with concurrent.futures.ThreadPoolExecutor(max_workers=FLOOD_RPS) as pool:
        start = time.perf_counter()
        sampler.start()
        futures = []
        for i in range(FLOOD_RPS * SECONDS):
            delay = start + i / FLOOD_RPS - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            futures.append(pool.submit(_get, base, paced))
        statuses = [f.result()[0] for f in futures]
        elapsed = time.perf_counter() - start
    sampler.join()
    served = statuses.count(200)
    return {
        "limit": f"{LIMIT}/s, queue {QUEUE}",
        "sent_per_s": round(len(statuses) / elapsed, 1),
        "served_per_s": round(served / elapsed, 2),
        "served": served,
        "refused_429": statuses.count(429),
        "other": len(statuses) - served - statuses.count(429),
        "neighbour_before": before,
        "neighbour_during": _percentiles(during),
    }


def main():
    import os
    import sys
    sys.path.insert(0, os.path.dirname(__file__))
    import bench
    bench.run_alone(sys.modules[__name__], "landlord-bench-rate-")


if __name__ == "__main__":
    main()
