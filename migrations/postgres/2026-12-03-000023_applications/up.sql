-- Applications (seed 003): the catalogue, tenants' subscriptions, and each microservice's
-- instances as its runtime last reported them.

CREATE TABLE applications (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    application_type TEXT NOT NULL CHECK (application_type IN ('web', 'microservice')),
    owner_tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    -- Microservices only (all four set, or none).
    billing_mode TEXT CHECK (billing_mode IN ('subscription', 'resources')),
    isolation TEXT CHECK (isolation IN ('per_tenant', 'multi_tenant')),
    cpu_millicores BIGINT,
    memory_mb BIGINT,
    -- The subscription price in minor units of its currency, where billing is by subscription.
    price_minor BIGINT,
    price_currency TEXT,
    is_default BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX applications_owner_idx ON applications (owner_tenant_id);

CREATE TABLE application_subscriptions (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    application_key TEXT NOT NULL REFERENCES applications (key) ON DELETE CASCADE,
    subscribed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, application_key)
);
CREATE INDEX application_subscriptions_key_idx ON application_subscriptions (application_key);

-- `scope_key`: the subscribed tenant's id for a per-tenant microservice, `*` for a
-- multi-tenant one; `instances`: the reported `[{name, restarts}]` as JSON.
CREATE TABLE application_instances (
    application_key TEXT NOT NULL REFERENCES applications (key) ON DELETE CASCADE,
    scope_key TEXT NOT NULL,
    tenant_id BIGINT REFERENCES tenants (id) ON DELETE CASCADE,
    active BIGINT NOT NULL,
    unhealthy BIGINT NOT NULL,
    desired BIGINT NOT NULL,
    instances TEXT NOT NULL,
    reported_at TIMESTAMP NOT NULL,
    PRIMARY KEY (application_key, scope_key)
);
