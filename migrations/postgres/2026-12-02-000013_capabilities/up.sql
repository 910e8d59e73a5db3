-- Capabilities: the operator's feature catalogue and quota catalogue (system-wide), what
-- each plan includes, each tenant's overrides, and usage counters.

CREATE TABLE features (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    feature_group TEXT,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE plan_features (
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    feature_key TEXT NOT NULL REFERENCES features (key),
    PRIMARY KEY (plan_id, feature_key)
);

-- A tenant's feature switched on or off regardless of its plan.
CREATE TABLE tenant_features (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    feature_key TEXT NOT NULL REFERENCES features (key),
    enabled BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, feature_key)
);

-- Limits are counts in the quota's unit; -1 is unlimited.
CREATE TABLE quota_definitions (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('allocation', 'consumable', 'concurrent')),
    default_limit BIGINT NOT NULL CHECK (default_limit >= -1),
    hard BOOLEAN NOT NULL,
    licence_cap BIGINT CHECK (licence_cap >= 0),
    quota_group TEXT,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE plan_quotas (
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    quota_key TEXT NOT NULL REFERENCES quota_definitions (key),
    limit_value BIGINT NOT NULL CHECK (limit_value >= -1),
    PRIMARY KEY (plan_id, quota_key)
);

CREATE TABLE tenant_quotas (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    quota_key TEXT NOT NULL REFERENCES quota_definitions (key),
    limit_value BIGINT NOT NULL CHECK (limit_value >= -1),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, quota_key)
);

-- One counter per tenant, quota and period: `period_key` is the start of the subscription
-- period (or the calendar month) for consumable quotas, '-' for the others, so a new
-- period starts at 0. `overage` is the highest usage above a soft limit seen in the period.
CREATE TABLE quota_usage (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    quota_key TEXT NOT NULL REFERENCES quota_definitions (key),
    period_key TEXT NOT NULL,
    used BIGINT NOT NULL CHECK (used >= 0),
    overage BIGINT NOT NULL DEFAULT 0 CHECK (overage >= 0),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, quota_key, period_key)
);

-- A consume's answer by the caller's idempotency key: a retry with the same key answers it
-- again and takes nothing more. A refused consume stores nothing (its transaction rolls back).
CREATE TABLE quota_consumptions (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    quota_key TEXT NOT NULL REFERENCES quota_definitions (key),
    idempotency_key TEXT NOT NULL,
    amount BIGINT NOT NULL,
    used BIGINT NOT NULL,
    limit_value BIGINT NOT NULL,
    overage BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, quota_key, idempotency_key)
);

-- Long-lived credentials for the operator's own services, scoped to quota consumption and
-- entitlement reads; only the SHA-256 of the token is kept (it is shown once).
CREATE TABLE service_tokens (
    id BIGSERIAL PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX service_tokens_tenant_idx ON service_tokens (tenant_id, id);

-- The default catalogue: seed 002's permission examples and capability settings (Basic,
-- Advanced, Add-on) and seed 003's device limits.
INSERT INTO features (key, name, description, feature_group, created_at) VALUES
    ('contacts', 'Contacts', 'The contact directory', 'crm', CURRENT_TIMESTAMP),
    ('help_center', 'Help Center', 'The self-service help center', 'self_service', CURRENT_TIMESTAMP),
    ('tenant_domain', 'Tenant domain', 'Sign-in on a personal sub-domain, with rebranding', 'branding', CURRENT_TIMESTAMP),
    ('ai_agents', 'AI agents', 'AI agents and their datasets', 'ai', CURRENT_TIMESTAMP);

INSERT INTO quota_definitions (key, name, unit, kind, default_limit, hard, licence_cap, quota_group, created_at) VALUES
    ('max_agents', 'Maximum agents', 'agents', 'allocation', 10, TRUE, NULL, 'basic', CURRENT_TIMESTAMP),
    ('disk_quota', 'Disk quota', 'bytes', 'allocation', 10737418240, FALSE, NULL, 'basic', CURRENT_TIMESTAMP),
    ('max_widgets', 'Maximum widgets', 'widgets', 'allocation', 5, TRUE, NULL, 'advanced', CURRENT_TIMESTAMP),
    ('max_channel_accounts', 'Maximum channel accounts', 'accounts', 'allocation', 10, TRUE, NULL, 'advanced', CURRENT_TIMESTAMP),
    ('max_workflows', 'Maximum workflows', 'workflows', 'allocation', 20, TRUE, NULL, 'advanced', CURRENT_TIMESTAMP),
    ('max_audio_video', 'Maximum concurrent audio/video sessions', 'sessions', 'concurrent', 5, TRUE, NULL, 'advanced', CURRENT_TIMESTAMP),
    ('max_canned_messages', 'Maximum canned messages', 'messages', 'allocation', 500, TRUE, NULL, 'advanced', CURRENT_TIMESTAMP),
    ('max_ai_agents', 'Maximum AI agents', 'agents', 'allocation', 1, TRUE, NULL, 'advanced', CURRENT_TIMESTAMP),
    ('max_dataset_files', 'Dataset resources: maximum files', 'files', 'allocation', 100, TRUE, NULL, 'advanced', CURRENT_TIMESTAMP),
    ('max_dataset_urls', 'Dataset resources: maximum URLs', 'urls', 'allocation', 100, TRUE, NULL, 'advanced', CURRENT_TIMESTAMP),
    ('extra_workflow_triggers', 'Workflow triggers', 'triggers', 'consumable', 1000, TRUE, NULL, 'add_on', CURRENT_TIMESTAMP),
    ('max_root_devices', 'Maximum root devices', 'devices', 'allocation', 100, TRUE, NULL, 'devices', CURRENT_TIMESTAMP),
    ('max_devices', 'Maximum devices', 'devices', 'allocation', 1000, TRUE, NULL, 'devices', CURRENT_TIMESTAMP);
