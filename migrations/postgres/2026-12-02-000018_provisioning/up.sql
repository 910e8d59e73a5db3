-- Provisioning: the operator's external steps (HTTP calls signed like webhooks), and each
-- tenant's pipeline, one row per step, copied from the definitions at creation. Pipeline
-- steps are work as rows: the server's runner claims a due step with a lease (locked_until),
-- so a crashed process's claim lapses and is taken over, and records every outcome.
CREATE TABLE provisioning_steps (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    -- whsec_<base64>: kept in full because the server signs with it.
    secret TEXT NOT NULL,
    timeout_s INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    position INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE tenant_provisioning_steps (
    id BIGSERIAL PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('builtin', 'external')),
    -- The order steps run in within the tenant's pipeline.
    position INTEGER NOT NULL,
    -- External steps only: the definition as it was when the tenant was created.
    url TEXT,
    secret TEXT,
    timeout_s INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'skipped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    -- When a pending step is due.
    next_attempt_at TIMESTAMP,
    -- A claim: until then the claimer (lease) owns the attempt; after it, another may take it.
    locked_until TIMESTAMP,
    lease TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX tenant_provisioning_steps_key ON tenant_provisioning_steps (tenant_id, position);
CREATE INDEX tenant_provisioning_steps_due_idx ON tenant_provisioning_steps (next_attempt_at) WHERE status IN ('pending', 'running');
