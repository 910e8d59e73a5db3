-- Tenant options and policies (issue 15, seed 003): each tenant's options (a
-- `credentials.` key's value is AES-GCM ciphertext, `encrypted`), its retention rules, the
-- policies a tenant keeps for its subtenants, and which policy a tenant was created with
-- (`linked`: the policy's edits still apply to it).

CREATE TABLE tenant_options (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    option_key TEXT NOT NULL,
    value TEXT NOT NULL,
    encrypted BOOLEAN NOT NULL DEFAULT FALSE,
    locked BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, category, option_key)
);

CREATE TABLE tenant_retention_rules (
    id BIGSERIAL PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    data_type TEXT NOT NULL CHECK (data_type IN ('audit', 'usage_events', 'notifications', '*')),
    filter TEXT,
    max_age_days BIGINT NOT NULL CHECK (max_age_days > 0)
);
CREATE INDEX tenant_retention_rules_tenant_idx ON tenant_retention_rules (tenant_id);

CREATE TABLE tenant_policies (
    id BIGSERIAL PRIMARY KEY,
    owner_tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (owner_tenant_id, name)
);

CREATE TABLE tenant_policy_options (
    policy_id BIGINT NOT NULL REFERENCES tenant_policies (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    option_key TEXT NOT NULL,
    value TEXT NOT NULL,
    encrypted BOOLEAN NOT NULL DEFAULT FALSE,
    locked BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (policy_id, category, option_key)
);

CREATE TABLE tenant_policy_rules (
    id BIGSERIAL PRIMARY KEY,
    policy_id BIGINT NOT NULL REFERENCES tenant_policies (id) ON DELETE CASCADE,
    data_type TEXT NOT NULL CHECK (data_type IN ('audit', 'usage_events', 'notifications', '*')),
    filter TEXT,
    max_age_days BIGINT NOT NULL CHECK (max_age_days > 0)
);
CREATE INDEX tenant_policy_rules_policy_idx ON tenant_policy_rules (policy_id);

CREATE TABLE tenant_policy_links (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    policy_id BIGINT NOT NULL REFERENCES tenant_policies (id) ON DELETE CASCADE,
    linked BOOLEAN NOT NULL,
    applied_at TIMESTAMP NOT NULL
);
CREATE INDEX tenant_policy_links_policy_idx ON tenant_policy_links (policy_id);
