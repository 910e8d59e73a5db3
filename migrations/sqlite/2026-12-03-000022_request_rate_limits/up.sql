-- Request-rate limits (issue 14, seed 003): a tenant's own limits (NULL: the system default,
-- -1: off) and, per limited tenant, the instant its next request may be served
-- (microseconds since the epoch), the one value every server process shares.
ALTER TABLE tenants ADD COLUMN limit_http_requests BIGINT;
ALTER TABLE tenants ADD COLUMN limit_http_queue BIGINT;
CREATE TABLE request_rate_slots (
    tenant_id BIGINT PRIMARY KEY NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    next_free_us BIGINT NOT NULL
);
