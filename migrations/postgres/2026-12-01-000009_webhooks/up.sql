-- Webhooks: endpoints tenants register, one delivery row per (event, endpoint), and every
-- attempt to deliver it. Deliveries are work as rows: the worker claims due ones with a
-- lease (locked_until) and records each attempt, so a crash loses nothing and fanning an
-- event out twice is a no-op (the unique (event, endpoint) key).
CREATE TABLE webhook_endpoints (
    id BIGSERIAL PRIMARY KEY,
    -- The owner: it receives the events of its tenant and its whole subtree.
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    description TEXT,
    -- JSON array of event type names, or ["*"].
    event_types TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    -- Set when the server disabled the endpoint because its deliveries kept failing.
    disabled_reason TEXT,
    -- whsec_<base64>: kept in full because the server signs with it.
    secret TEXT NOT NULL,
    -- The secret replaced by the latest rotation, which also signs until it expires.
    previous_secret TEXT,
    previous_secret_expires_at TIMESTAMP,
    -- The first failed attempt since the last successful one; NULL while attempts succeed.
    failing_since TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX webhook_endpoints_tenant_idx ON webhook_endpoints (tenant_id, id);

CREATE TABLE webhook_deliveries (
    id BIGSERIAL PRIMARY KEY,
    endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- The event's tenant and type, copied: deliveries to one endpoint about one tenant go
    -- in event order, and lists show the type without reading payloads.
    tenant_id BIGINT NOT NULL,
    event_type TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    -- Failed attempts in a row since the delivery was (re)queued: the retry schedule's step.
    failures INTEGER NOT NULL DEFAULT 0,
    -- When a pending delivery is due; NULL once it succeeded or failed.
    next_attempt_at TIMESTAMP,
    -- A claim: until then the claimer (lease) owns the attempt; after it, another may take it.
    locked_until TIMESTAMP,
    lease TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX webhook_deliveries_event_endpoint_key ON webhook_deliveries (event_id, endpoint_id);
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_order_idx ON webhook_deliveries (endpoint_id, tenant_id, event_id) WHERE status = 'pending';

CREATE TABLE webhook_attempts (
    id BIGSERIAL PRIMARY KEY,
    delivery_id BIGINT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempted_at TIMESTAMP NOT NULL,
    response_status INTEGER,
    latency_ms BIGINT NOT NULL,
    error TEXT,
    -- The first kilobyte of the answer.
    response_body TEXT
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id);
