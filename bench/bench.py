#!/usr/bin/env python3
"""Landlord load benchmark.

For each backend (SQLite, PostgreSQL): seed N tenants, start the release server pinned to
core 0 with one worker, and drive it with wrk pinned to core 1. Next to every endpoint we
time the query the endpoint needs directly in the database (its floor), so the ratio shows
what the server adds. Results go to stdout and bench/results/<backend>.json.
"""

import datetime
import json
import os
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import capabilities
import ingest
import rate_limits
import usage_table

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "landlord")
TENANTS = int(os.environ.get("BENCH_TENANTS", "100000"))
DURATION = os.environ.get("BENCH_DURATION", "8s")
# One connection: latency is then one request's own time, not time spent queueing behind
# others on the one server core.
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "1")
BACKENDS = os.environ.get("BENCH_BACKENDS", "sqlite,postgres").split(",")
# An already seeded SQLite file to benchmark instead of seeding one (e.g. a 1,000,000-tenant
# database kept between runs); the server migrates it in place.
SQLITE_DB = os.environ.get("BENCH_SQLITE_DB")
PASSWORD = "bench-admin-pass-1"
KEYSTROKES = ["a", "ac", "acm", "acme", "acme-", "acme-d", "s", "st", "sta", "stark", "h", "ho", "hoo", "hooli"]
# Short needles that occur rarely or never: no trigram holds them whole, and a scan would
# have to visit every row to find the few that match.
RARE = ["zq", "qx", "jj", "ü", "9z", "xw"]
FILTERS = "tenant_type = 'company' AND status = 'active'"
CAP = 1000


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def request(url, token=None, body=None, method=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers, method=method)) as r:
        return r.read()


def wrk(paths, base, token, method="GET", body=None):
    """p50/p99 in ms and req/s for wrk cycling through `paths` (each request `method` with
    the JSON `body`, if any), after one warm-up request for each (as the floor discards its
    first run): a running server's caches are warm."""
    for path in paths:
        request(base + path, token, body, method)
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    script.write("paths = {%s}\ni = 0\n" % ",".join(json.dumps(p) for p in paths))
    script.write('wrk.headers["authorization"] = "Bearer %s"\n' % token)
    script.write('wrk.headers["content-type"] = "application/json"\n')
    script.write("body = %s\n" % (json.dumps(json.dumps(body)) if body is not None else "nil"))
    script.write("request = function()\n  i = i %% #paths + 1\n  return wrk.format(%s, paths[i], nil, body)\nend\n"
                 % json.dumps(method))
    script.close()
    out = subprocess.run(
        ["taskset", "-c", "1", "wrk", "-t1", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency", "-s", script.name, base],
        capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)

    def latency(label):
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"wrk saw {non2xx.group(1)} error responses for {paths[0]}")
    return {"p50_ms": latency("50"), "p99_ms": latency("99"), "rps": rps}


class Floor:
    """Times SQL directly in the database: the median of repeated runs, in ms."""

    def __init__(self, backend, url):
        self.backend = backend
        self.url = url
        if backend == "sqlite":
            self.conn = sqlite3.connect(url.removeprefix("sqlite://"))

    def count(self, sql):
        if self.backend == "sqlite":
            return self.conn.execute(sql).fetchone()[0]
        return int(subprocess.run(["psql", self.url, "-At", "-c", sql], capture_output=True, text=True, check=True).stdout)

    def runs(self):
        # Fewer repetitions on large databases, where the slowest plans take a second each.
        return 30 if TENANTS <= 200_000 and not SQLITE_DB else 5

    def time_call(self, call):
        """The median time of `call()` in ms."""
        samples = []
        for _ in range(self.runs()):
            start = time.perf_counter()
            call()
            samples.append((time.perf_counter() - start) * 1000)
        return statistics.median(samples)

    def time(self, sql, runs=None):
        runs = runs or self.runs()
        if self.backend == "sqlite":
            samples = []
            for _ in range(runs):
                start = time.perf_counter()
                self.conn.execute(sql).fetchall()
                samples.append((time.perf_counter() - start) * 1000)
            return statistics.median(samples)
        # PostgreSQL: the planning plus execution time that EXPLAIN ANALYZE reports, all runs
        # in one session so that its catalog caches are warm, as the server's are.
        runs = min(runs, 10)
        script = ";\n".join([f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}"] * (runs + 1))
        out = subprocess.run(["psql", self.url, "-At", "-c", "SET plan_cache_mode = force_custom_plan", "-f", "-"],
                             input=script, capture_output=True, text=True, check=True).stdout
        decoder, samples, rest = json.JSONDecoder(), [], out[out.index("["):]
        while rest.strip():
            plan, end = decoder.raw_decode(rest.strip())
            samples.append(plan[0]["Execution Time"] + plan[0].get("Planning Time", 0))
            rest = rest.strip()[end:]
        # The first run warms the caches.
        return statistics.median(samples[1:])


def like(q):
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def quote(value):
    return "'" + value.replace("'", "''") + "'"


def fts_query(floor, q):
    """The FTS5 query for `q` on SQLite (as the server builds it), or None."""
    if len(q) >= 3:
        return '"%s"' % q.replace('"', '""')
    terms = floor.conn.execute("SELECT term FROM tenant_search_terms WHERE term >= ? AND term <= ? LIMIT 65",
                               (q, q + "\U0010ffff")).fetchall()
    if len(terms) > 64:
        return None
    return " OR ".join('"%s"' % t[0].replace('"', '""') for t in terms) or '"%s"' % q


def postgres_keys(q):
    """The search-keys index's keys for `q`, as the server builds them
    (crates/persistence/src/text_search.rs)."""
    keys = [q] if len(q) <= 2 else sorted({q[i:i + 2] for i in range(len(q) - 1)})
    return "ARRAY[%s]" % ", ".join(quote(k) for k in keys)


def search_floor(floor, q):
    """The best the database does for one keystroke: the faster of the plans for the page
    (walk the name order checking each row, or start from the trigram index), plus the
    faster of the plans for the count up to the cap."""
    text = f"search_text LIKE {quote(like(q))} ESCAPE '\\'"
    where = [text]
    if floor.backend == "sqlite":
        query = fts_query(floor, q)
        if query:
            where.append(f"id IN (SELECT rowid FROM tenant_search WHERE tenant_search MATCH {quote(query)})")
    else:
        where.append(f"landlord_search_keys(search_text) @> {postgres_keys(q)}"
                     + (f" AND {text}" if len(q) >= 3 else ""))
    page = min(floor.time(f"SELECT * FROM tenants WHERE {w} AND {FILTERS} ORDER BY name, id LIMIT 50") for w in where)
    count = min(floor.time(f"SELECT count(*) FROM (SELECT id FROM tenants WHERE {w} AND {FILTERS} LIMIT {CAP + 1}) s")
                for w in where)
    return page + count


def scenarios(first_id, floor):
    search = lambda qs: [f"/api/v1/tenants?q={urllib.parse.quote(q)}&type=company&status=active&sort=name&per_page=50" for q in qs]
    rollup = "SELECT * FROM tenant_rollups WHERE tenant_id = 1"
    return [
        ("search keystroke (q 1-6 chars, type+status, sort, 50 rows, total)", search(KEYSTROKES),
         lambda: sum(search_floor(floor, q) for q in KEYSTROKES) / len(KEYSTROKES)),
        ("search, rare one- and two-character needles", search(RARE),
         lambda: sum(search_floor(floor, q) for q in RARE) / len(RARE)),
        ("first page, no search", ["/api/v1/tenants?per_page=50"],
         lambda: floor.time("SELECT * FROM tenants ORDER BY created_at DESC, id DESC LIMIT 50") + floor.time(rollup)),
        ("first page, type+status filter, by name", ["/api/v1/tenants?type=company&status=active&sort=name&per_page=50"],
         lambda: floor.time(f"SELECT * FROM tenants WHERE {FILTERS} ORDER BY name, id LIMIT 50")
         + floor.time("SELECT * FROM tenant_status_rollups WHERE tenant_id = 1 AND tenant_type = 'company' AND status = 'active'")),
        ("tenant detail with counts", [f"/api/v1/tenants/{first_id + i}" for i in range(50)],
         lambda: floor.time(f"SELECT * FROM tenants WHERE id = {first_id}")),
        ("summary", ["/api/v1/tenants/summary"], lambda: floor.time(rollup)),
    ]


def start_server(env):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(env, LANDLORD_BIND=f"127.0.0.1:{port}", LANDLORD_WORKERS="1")
    server = subprocess.Popen(["taskset", "-c", "0", BIN, "serve"], env=env, stdout=subprocess.DEVNULL)
    # Migrating a large existing database (building its search index) can take a while.
    for _ in range(6000):
        try:
            request(base + "/healthz")
            break
        except OSError:
            time.sleep(0.1)
    time.sleep(1)
    token = json.loads(request(base + "/api/v1/auth/login", body={"tenant": "management", "username": "admin", "password": PASSWORD}))["access_token"]
    return server, base, token


# The export's two orders: the list's default (newest first, which follows the table's own
# order) and by name (a lookup per row in the name index's order).
EXPORT_ORDERS = {"newest first": ("-created_at", "created_at DESC, id DESC"), "by name": ("name", "name, id")}


def export_all(base, token, sort):
    start = time.perf_counter()
    out = subprocess.run(["taskset", "-c", "1", "curl", "-s", "-H", f"authorization: Bearer {token}",
                          base + f"/api/v1/tenants/export?sort={sort}"],
                         capture_output=True, check=True).stdout
    seconds = time.perf_counter() - start
    return out.count(b"\n") - 1, seconds


def billing_run(env):
    """One `landlord bill` 32 days after seeding: every monthly subscription renews (an
    invoice each, with its card collection where it pays by card), yearly ones whose year
    ended too. Timed as the operator's command runs it, in its own process."""
    at = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=32)).strftime("%Y-%m-%dT%H:%M:%SZ")
    start = time.perf_counter()
    out = subprocess.run(["taskset", "-c", "0", BIN, "bill", "--at", at], env=env, check=True,
                         capture_output=True, text=True).stdout
    seconds = time.perf_counter() - start
    done = json.loads(out)
    return {"seconds": round(seconds, 1), "periods_billed": done["periods_billed"],
            "invoices_created": done["invoices_created"],
            "collections_attempted": done["collections_attempted"],
            "invoices_per_s": round(done["invoices_created"] / seconds)}


def run_alone(scenario, prefix, seed_tenants=0):
    """Runs one scenario module's `run(base, token, request)` against a fresh server of its
    own (SQLite unless LANDLORD_DATABASE_URL says otherwise, with `seed_tenants` demo
    customers) and prints its figures: how bench/rate_limits.py and bench/ingest.py run alone."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    url = os.environ.get("LANDLORD_DATABASE_URL", f"sqlite://{workdir}/bench.db")
    env = dict(os.environ, LANDLORD_DATABASE_URL=url, LANDLORD_ADMIN_PASSWORD=PASSWORD,
               LANDLORD_DATA_DIR=workdir, LANDLORD_LOG="warn",
               LANDLORD_STATIC_DIR=os.path.join(workdir, "none"))
    if seed_tenants:
        subprocess.run([BIN, "seed", "--tenants", str(seed_tenants), "--quiet"], env=env,
                       check=True, stdout=subprocess.DEVNULL)
    server, base, token = start_server(env)
    try:
        print(json.dumps(scenario.run(base, token, request), indent=2))
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(workdir, ignore_errors=True)


def run_backend(backend, workdir, pg_url=None):
    url = pg_url if backend == "postgres" else f"sqlite://{SQLITE_DB or workdir + '/bench.db'}"
    env = dict(os.environ, LANDLORD_DATABASE_URL=url, LANDLORD_ADMIN_PASSWORD=PASSWORD, LANDLORD_DATA_DIR=workdir,
               LANDLORD_LOG="warn", LANDLORD_STATIC_DIR=os.path.join(workdir, "none"))
    seed_seconds = None
    if not (backend == "sqlite" and SQLITE_DB):
        start = time.time()
        subprocess.run([BIN, "seed", "--tenants", str(TENANTS), "--quiet"], env=env, check=True, stdout=subprocess.DEVNULL)
        seed_seconds = round(time.time() - start, 1)
    billing = billing_run(env)
    print(f"  {backend:8} billing run: {billing}", flush=True)
    server, base, token = start_server(env)
    try:
        idle_kb = rss_kb(server.pid)
        floor = Floor(backend, url)
        tenants = floor.count("SELECT count(*) FROM tenants")
        results = {"backend": backend, "tenants": tenants, "seed_seconds": seed_seconds, "billing_run": billing,
                   "idle_rss_mb": round(idle_kb / 1024, 1), "rows": []}
        print(f"  {backend:8} {tenants} tenants; seeding took {seed_seconds} s; idle {results['idle_rss_mb']} MB", flush=True)
        service_token = capabilities.setup(base, token, request, 2)
        runs = [(name, "GET", paths, None, floor_of, token) for name, paths, floor_of in scenarios(2, floor)]
        runs += [(name, "GET", paths, None, floor_of, token) for name, paths, floor_of in usage_table.scenarios(floor)]
        runs += [(*row, service_token) for row in capabilities.scenarios(floor, 2)]
        for name, method, paths, body, floor_of, as_token in runs:
            measured = wrk(paths, base, as_token, method, body)
            floor_ms = floor_of()
            measured["floor_ms"] = round(floor_ms, 3)
            measured["ratio_p50"] = round(measured["p50_ms"] / floor_ms, 2) if floor_ms > 0 else None
            results["rows"].append({"scenario": name, **measured})
            print(f"  {backend:8} {name:70} p50 {measured['p50_ms']:8.2f} ms  p99 {measured['p99_ms']:8.2f} ms  {measured['rps']:8.0f} req/s  floor {floor_ms:7.3f} ms", flush=True)
        results["rate_limit"] = rate_limits.run(base, token, request)
        print(f"  {backend:8} request-rate limit: {results['rate_limit']}", flush=True)
        results["ingest"] = ingest.run(base, token, request)
        print(f"  {backend:8} usage ingestion: {results['ingest']}", flush=True)
        results["peak_rss_mb"] = round(rss_kb(server.pid, "VmHWM") / 1024, 1)
    finally:
        server.terminate()
        server.wait()
    # The export runs in a fresh server, so its peak memory is the export's own.
    server, base, token = start_server(env)
    try:
        before_kb = rss_kb(server.pid)
        results["export"] = {"rss_before_mb": round(before_kb / 1024, 1)}
        for label, (sort, order_by) in EXPORT_ORDERS.items():
            rows, seconds = export_all(base, token, sort)
            measured = {"rows": rows, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds)}
            if backend == "postgres":
                start = time.perf_counter()
                subprocess.run(["psql", url, "-c", "COPY (SELECT name, tenant_type, status, coalesce(contact_email, admin_email), users_count, orders_count, invoices_count, created_at::date "
                                f"FROM tenants ORDER BY {order_by}) TO STDOUT CSV"],
                               check=True, stdout=subprocess.DEVNULL)
                measured["copy_rows_per_s"] = round(rows / (time.perf_counter() - start))
            results["export"][label] = measured
        results["export"]["peak_rss_mb"] = round(rss_kb(server.pid, "VmHWM") / 1024, 1)
        print(f"  {backend:8} CSV export: {results['export']}", flush=True)
        print(f"  {backend:8} memory: idle {results['idle_rss_mb']} MB, peak {results['peak_rss_mb']} MB (scenarios), {results['export']['peak_rss_mb']} MB (export)", flush=True)
        return results
    finally:
        server.terminate()
        server.wait()


def main():
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    for backend in BACKENDS:
        workdir = tempfile.mkdtemp(prefix="landlord-bench-")
        pg_dir = None
        try:
            pg_url = None
            if backend == "postgres":
                pg_dir = tempfile.mkdtemp(prefix="landlord-bench-pg-", dir="/tmp")
                base = subprocess.run([os.path.join(ROOT, "scripts", "postgres.sh"), "start", pg_dir, str(free_port())],
                                      capture_output=True, text=True, check=True).stdout.strip()
                subprocess.run(["psql", base, "-c", "CREATE DATABASE bench"], check=True, stdout=subprocess.DEVNULL)
                pg_url = base.rsplit("/", 1)[0] + "/bench"
            results = run_backend(backend, workdir, pg_url)
            with open(os.path.join(ROOT, "bench", "results", f"{backend}.json"), "w") as f:
                json.dump(results, f, indent=2)
        finally:
            if pg_dir:
                subprocess.run([os.path.join(ROOT, "scripts", "postgres.sh"), "stop", pg_dir])
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
