-- Microservice billing (seed 003): the history the daily resource usage is counted from,
-- two built-in meters it is rolled up into, and the plan's prices per CPU-day and GB-day.

-- Every range a tenant was subscribed to an application, `[subscribed_at, unsubscribed_at)`;
-- the open one (`unsubscribed_at` null) is the current subscription. Never deleted on
-- unsubscribe.
CREATE TABLE application_subscription_periods (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    application_key TEXT NOT NULL REFERENCES applications (key) ON DELETE CASCADE,
    subscribed_at TIMESTAMP NOT NULL,
    unsubscribed_at TIMESTAMP
);
CREATE INDEX application_subscription_periods_tenant_idx
    ON application_subscription_periods (tenant_id, application_key);
CREATE INDEX application_subscription_periods_key_idx
    ON application_subscription_periods (application_key);

-- The active instance count of a microservice (per scope: the tenant's id for a per-tenant
-- one, `*` for a multi-tenant one) over time: each report that changes the count ends the
-- open segment and starts a new one, `[started_at, ended_at)`.
CREATE TABLE application_instance_segments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_key TEXT NOT NULL REFERENCES applications (key) ON DELETE CASCADE,
    scope_key TEXT NOT NULL,
    tenant_id BIGINT REFERENCES tenants (id) ON DELETE CASCADE,
    active BIGINT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP
);
CREATE INDEX application_instance_segments_scope_idx
    ON application_instance_segments (application_key, scope_key);

-- The history so far: the current subscriptions and reports.
INSERT INTO application_subscription_periods (tenant_id, application_key, subscribed_at)
    SELECT tenant_id, application_key, subscribed_at FROM application_subscriptions;
INSERT INTO application_instance_segments (application_key, scope_key, tenant_id, active, started_at)
    SELECT application_key, scope_key, tenant_id, active, reported_at FROM application_instances;

-- Exact decimal prices per CPU-day (1000 millicores for a day) and GB-day (1024 MB for a
-- day), in millionths of the plan's currency's major unit.
ALTER TABLE plans ADD COLUMN cpu_day_price_micros BIGINT;
ALTER TABLE plans ADD COLUMN gb_day_price_micros BIGINT;

INSERT INTO meters (key, name, unit, aggregation, property, kind, created_at) VALUES
    ('microservice_cpu', 'Microservice CPU', 'millicore-days', 'sum', NULL, 'counter', CURRENT_TIMESTAMP),
    ('microservice_memory', 'Microservice memory', 'MB-days', 'sum', NULL, 'counter', CURRENT_TIMESTAMP);
