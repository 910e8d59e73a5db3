-- The outbox: one row per committed change that integrations may hear about, written in the
-- same transaction as the change and its audit record (operations::record_change), so an
-- event exists exactly for what was committed. Webhook delivery fans rows out from here.
-- No foreign key to tenants: the event of a deleted tenant must outlive it.
CREATE TABLE events (
    id BIGSERIAL PRIMARY KEY,
    -- The id receivers see ("evt_..."), stable across retries: Standard Webhooks' webhook-id.
    public_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    tenant_id BIGINT NOT NULL,
    -- The tenant's materialized path when the event happened: endpoints of an ancestor
    -- receive their subtree's events by prefix, even after the tenant is gone.
    tenant_path TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    -- The whole payload as sent: {id, type, created_at, tenant_id, data}.
    payload TEXT NOT NULL,
    -- Set once the event has been fanned out to the matching endpoints' deliveries.
    dispatched_at TIMESTAMP
);
CREATE UNIQUE INDEX events_public_id_key ON events (public_id);
CREATE INDEX events_undispatched_idx ON events (id) WHERE dispatched_at IS NULL;
CREATE INDEX events_tenant_idx ON events (tenant_id, id);
