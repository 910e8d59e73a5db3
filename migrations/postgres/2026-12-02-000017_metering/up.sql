-- Usage metering: the meters, the events of the last 35 days (their ids are the idempotency
-- keys), each tenant's daily rollups in its own time zone, and the distinct property values
-- a unique_count meter has seen per day.

CREATE TABLE meters (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    aggregation TEXT NOT NULL CHECK (aggregation IN ('sum', 'count', 'max', 'unique_count', 'latest')),
    property TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('counter', 'gauge')),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE usage_events (
    id TEXT PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    meter_key TEXT NOT NULL REFERENCES meters (key),
    value DOUBLE PRECISION,
    occurred_at TIMESTAMP NOT NULL,
    properties TEXT,
    received_at TIMESTAMP NOT NULL
);
CREATE INDEX usage_events_received_idx ON usage_events (received_at);
CREATE INDEX usage_events_tenant_idx ON usage_events (tenant_id);

-- `value`: the day's figure by the meter's aggregation; `peak`: a gauge's highest value of
-- the day; `last_at`: the timestamp of the event that set a gauge's `value`.
CREATE TABLE usage_daily (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    meter_key TEXT NOT NULL REFERENCES meters (key),
    day DATE NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    peak DOUBLE PRECISION,
    last_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, meter_key, day)
);

CREATE TABLE usage_distinct (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    meter_key TEXT NOT NULL REFERENCES meters (key),
    day DATE NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (tenant_id, meter_key, day, value)
);

INSERT INTO meters (key, name, unit, aggregation, property, kind, created_at) VALUES
    ('api_requests', 'API requests', 'requests', 'sum', NULL, 'counter', CURRENT_TIMESTAMP),
    ('storage', 'Storage', 'bytes', 'latest', NULL, 'gauge', CURRENT_TIMESTAMP),
    ('users', 'Users', 'users', 'latest', NULL, 'gauge', CURRENT_TIMESTAMP),
    ('devices', 'Devices', 'devices', 'latest', NULL, 'gauge', CURRENT_TIMESTAMP),
    ('root_devices', 'Root devices', 'devices', 'latest', NULL, 'gauge', CURRENT_TIMESTAMP);
