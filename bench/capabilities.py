"""The capability scenarios: what the operator's own services call on every request of their
product. A service token (not a user session) reads a tenant's entitlements and consumes one
unit of a hard quota, and next to each stands the database's own time for the same
statements (see the Method in bench/README.md)."""

import json

# The quota the consume scenario takes from: an allocation quota with a hard limit, raised by
# an override on each benchmarked tenant so that the limit never refuses during the run (the
# conditional update still checks it on every call).
QUOTA = "max_agents"
OVERRIDE = 1_000_000_000
TENANTS = 50


def setup(base, admin_token, request, first_id):
    """A service token with both scopes, and the override on each benchmarked tenant."""
    body = {"name": "bench", "scopes": ["entitlements:read", "quotas:consume"]}
    token = json.loads(request(base + "/api/v1/service-tokens", admin_token, body))["token"]
    for tenant in range(first_id, first_id + TENANTS):
        request(base + f"/api/v1/tenants/{tenant}/quotas/{QUOTA}", admin_token, {"override": OVERRIDE}, "PATCH")
    return token


def entitlements_statements(tenant):
    """The reads the entitlements answer needs, as the server issues them: the tenant, the
    catalogues, the plans along its chain and what they include, its overrides and its usage
    counters."""
    chain = f"(SELECT id FROM tenants WHERE id = {tenant})"
    return [
        f"SELECT * FROM tenants WHERE id = {tenant}",
        "SELECT * FROM features",
        f"SELECT tenant_id, plan_id FROM subscriptions WHERE tenant_id IN {chain} AND status <> 'canceled'",
        f"SELECT plan_id, feature_key FROM plan_features WHERE plan_id IN (SELECT plan_id FROM subscriptions WHERE tenant_id = {tenant} AND status <> 'canceled') ORDER BY plan_id, feature_key",
        f"SELECT tenant_id, feature_key, enabled FROM tenant_features WHERE tenant_id IN {chain}",
        "SELECT * FROM quota_definitions",
        f"SELECT * FROM subscriptions WHERE tenant_id = {tenant} AND status <> 'canceled'",
        f"SELECT plan_id, quota_key, limit_value FROM plan_quotas WHERE plan_id IN (SELECT plan_id FROM subscriptions WHERE tenant_id = {tenant} AND status <> 'canceled')",
        f"SELECT quota_key, limit_value FROM tenant_quotas WHERE tenant_id = {tenant}",
        f"SELECT quota_key, period_key, used, overage FROM quota_usage WHERE tenant_id = {tenant} AND period_key IN ('-', '2026-12')",
    ]


def consume_statement(tenant):
    """The conditional update at the heart of a consume."""
    return (f"UPDATE quota_usage SET used = used + 1 WHERE tenant_id = {tenant} AND quota_key = '{QUOTA}' "
            f"AND period_key = '-' AND used + 1 <= {OVERRIDE} RETURNING used")


def consume_floor(floor, tenant):
    """The conditional update in its own committed transaction. SQLite: BEGIN IMMEDIATE,
    update, COMMIT with the server's WAL and synchronous=NORMAL settings. PostgreSQL: the
    statement's execution as EXPLAIN ANALYZE reports it (the commit is not included)."""
    sql = consume_statement(tenant)
    if floor.backend != "sqlite":
        return floor.time(sql)
    conn = floor.conn
    conn.isolation_level = None
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")

    def once():
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(sql).fetchall()
        conn.execute("COMMIT")

    return floor.time_call(once)


def scenarios(floor, first_id):
    """(name, method, paths, body, floor in ms) of the capability scenarios; they run with the
    service token."""
    ids = range(first_id, first_id + TENANTS)
    return [
        ("entitlements of a tenant (service token)", "GET",
         [f"/api/v1/tenants/{t}/entitlements" for t in ids], None,
         lambda: sum(floor.time(sql) for sql in entitlements_statements(first_id))),
        ("consume 1 of a hard quota (service token)", "POST",
         [f"/api/v1/tenants/{t}/quotas/{QUOTA}/consume" for t in ids], {"amount": 1},
         lambda: consume_floor(floor, first_id)),
    ]
