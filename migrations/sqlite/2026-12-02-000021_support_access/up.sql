-- Support-user access (issue 15, seed 003): a tenant's users grant the management tenant's
-- support users access for a period (or without limit) and revoke it; the platform switch
-- is a setting of the management tenant (absent: on).
CREATE TABLE support_access_grants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    granted_by_user_id BIGINT,
    granted_by_username TEXT NOT NULL,
    granted_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX support_access_grants_tenant_idx ON support_access_grants (tenant_id, revoked_at);

CREATE TABLE support_access_settings (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    enabled BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
