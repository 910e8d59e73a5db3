-- Tenants form a tree under the management tenant. `path` is the materialized path of ids
-- from the root ('/1/7/12/'), so subtree checks are index-friendly prefix matches.
CREATE TABLE tenants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    domain TEXT NOT NULL,
    name TEXT NOT NULL,
    tenant_type TEXT NOT NULL CHECK (tenant_type IN ('company', 'individual')),
    status TEXT NOT NULL CHECK (status IN ('provisioning', 'active', 'suspended', 'inactive')),
    parent_id BIGINT REFERENCES tenants (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    contact_name TEXT,
    contact_email TEXT,
    contact_phone TEXT,
    admin_username TEXT NOT NULL,
    admin_email TEXT NOT NULL,
    allow_subtenants BOOLEAN NOT NULL DEFAULT 0,
    -- Lowercased name, domain and emails, matched by the list's `q` search.
    search_text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX tenants_domain_key ON tenants (domain);
CREATE INDEX tenants_path_idx ON tenants (path);
CREATE INDEX tenants_parent_idx ON tenants (parent_id);
CREATE INDEX tenants_created_idx ON tenants (created_at, id);
CREATE INDEX tenants_name_idx ON tenants (name, id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    username TEXT NOT NULL,
    email TEXT NOT NULL,
    display_name TEXT,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'viewer', 'member')),
    status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
    password_hash TEXT,
    is_first_admin BOOLEAN NOT NULL DEFAULT 0,
    -- Tokens carry the generation they were issued in; signing out bumps it, which
    -- revokes every token issued before, exactly and at once.
    session_generation BIGINT NOT NULL DEFAULT 0,
    password_reset_token_hash TEXT,
    password_reset_expires_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX users_tenant_username_key ON users (tenant_id, username);
CREATE UNIQUE INDEX users_reset_token_key ON users (password_reset_token_hash);

-- Append-only. Rows live in the log of the tenant they concern and go when it is deleted;
-- the deletion itself is recorded in the parent's log.
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    occurred_at TIMESTAMP NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure')),
    actor_user_id BIGINT,
    actor_username TEXT,
    actor_tenant_id BIGINT,
    target_type TEXT NOT NULL,
    target_id TEXT,
    request_id TEXT,
    details TEXT NOT NULL
);
CREATE INDEX audit_events_tenant_time_idx ON audit_events (tenant_id, occurred_at, id);
