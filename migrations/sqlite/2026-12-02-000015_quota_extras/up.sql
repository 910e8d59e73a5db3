-- Quota extras: operators' top-ups on a tenant's quota, the threshold alerts fired once per
-- period and the tenant's notifications about them, and leases on concurrent quotas.

-- A one-off extra amount on a tenant's quota, counted on top of its limit until it expires
-- or is revoked. `period_key` is the usage period it was granted in: a top-up of a
-- consumable quota counts in that period only.
CREATE TABLE quota_top_ups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    quota_key TEXT NOT NULL REFERENCES quota_definitions (key),
    period_key TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount >= 1),
    expires_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX quota_top_ups_tenant_idx ON quota_top_ups (tenant_id, quota_key);

-- A threshold crossed in a period: the unique key makes it fire once, whatever the
-- concurrency (the consume that inserts the row is the one that notifies).
CREATE TABLE quota_alerts (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    quota_key TEXT NOT NULL REFERENCES quota_definitions (key),
    period_key TEXT NOT NULL,
    threshold BIGINT NOT NULL,
    fired_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, quota_key, period_key, threshold)
);

-- What a tenant is told: for now, its quotas' thresholds reached and limits exceeded.
CREATE TABLE tenant_notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    quota_key TEXT NOT NULL,
    threshold BIGINT NOT NULL,
    used BIGINT NOT NULL,
    limit_value BIGINT NOT NULL,
    period_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX tenant_notifications_tenant_idx ON tenant_notifications (tenant_id, id);

-- A hold on a concurrent quota (a session), counted in its usage until it expires or is
-- released; expired leases give their amount back at the next acquire, renew or release.
CREATE TABLE quota_leases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    quota_key TEXT NOT NULL REFERENCES quota_definitions (key),
    amount BIGINT NOT NULL CHECK (amount >= 1),
    expires_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX quota_leases_tenant_idx ON quota_leases (tenant_id, quota_key, expires_at);
