"""The usage statistics table: every customer's figures over the last 30 days, busiest first,
one page of 50. Next to it stands the database's own time for the two reads the server makes
(the subtree's tenants and the grouped figures; see the Method in bench/README.md)."""

import datetime


def statements():
    """The reads behind one page, as the server issues them for the management tenant."""
    today = datetime.datetime.now(datetime.timezone.utc).date()
    start = today - datetime.timedelta(days=29)
    return [
        "SELECT id, domain, name, status, parent_id, created_at FROM tenants WHERE id <> 1 ORDER BY id",
        "SELECT g.tenant_id, g.meter_key, g.total, l.value AS last, g.peak "
        "FROM (SELECT d.tenant_id, d.meter_key, SUM(d.value) AS total, MAX(d.peak) AS peak, MAX(d.day) AS last_day "
        "FROM usage_daily d JOIN tenants t ON t.id = d.tenant_id "
        f"WHERE d.day >= '{start}' AND d.day <= '{today}' AND t.path LIKE '/1/%' "
        "GROUP BY d.tenant_id, d.meter_key) g "
        "JOIN usage_daily l ON l.tenant_id = g.tenant_id AND l.meter_key = g.meter_key AND l.day = g.last_day",
    ]


def scenarios(floor):
    """(name, paths, floor in ms) of the usage table scenario; it runs as the operator."""
    return [
        ("usage table, 30 days, busiest first, 50 rows",
         ["/api/v1/usage/statistics?sort=-api_requests&limit=50"],
         lambda: sum(floor.time(sql) for sql in statements())),
    ]
