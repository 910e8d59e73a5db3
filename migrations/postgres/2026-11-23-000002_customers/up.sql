-- Customers: contact and billing details, activity, and counters maintained as changes
-- commit (so lists sort by user count and the summary reads one row instead of aggregating).
ALTER TABLE tenants ADD COLUMN contact_address TEXT;
ALTER TABLE tenants ADD COLUMN country TEXT;
ALTER TABLE tenants ADD COLUMN billing_payment_method TEXT;
ALTER TABLE tenants ADD COLUMN billing_address TEXT;
ALTER TABLE tenants ADD COLUMN users_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tenants ADD COLUMN orders_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tenants ADD COLUMN invoices_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tenants ADD COLUMN tickets_count BIGINT NOT NULL DEFAULT 0;
UPDATE tenants SET users_count = (SELECT count(*) FROM users WHERE users.tenant_id = tenants.id);
CREATE INDEX tenants_users_count_idx ON tenants (users_count, id);
CREATE INDEX tenants_status_idx ON tenants (status, id);

-- Per tenant, the totals of its strict descendants: one row answers the summary cards.
CREATE TABLE tenant_rollups (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    customers BIGINT NOT NULL DEFAULT 0,
    companies BIGINT NOT NULL DEFAULT 0,
    individuals BIGINT NOT NULL DEFAULT 0,
    users BIGINT NOT NULL DEFAULT 0
);
-- Paid-invoice revenue per tenant and currency: `own` from its own invoices,
-- `descendants` from its subtree.
CREATE TABLE revenue_rollups (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    currency TEXT NOT NULL,
    own_minor BIGINT NOT NULL DEFAULT 0,
    descendants_minor BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, currency)
);
INSERT INTO tenant_rollups (tenant_id, customers, companies, individuals, users)
SELECT a.id,
       count(d.id),
       count(CASE WHEN d.tenant_type = 'company' THEN 1 END),
       count(CASE WHEN d.tenant_type = 'individual' THEN 1 END),
       coalesce(sum(d.users_count), 0)
FROM tenants a LEFT JOIN tenants d ON d.path LIKE a.path || '%' AND d.id <> a.id
GROUP BY a.id;

CREATE TABLE orders (
    id BIGSERIAL PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'fulfilled', 'cancelled', 'refunded')),
    total_minor BIGINT NOT NULL CHECK (total_minor >= 0),
    currency TEXT NOT NULL,
    placed_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX orders_tenant_number_key ON orders (tenant_id, number);
CREATE INDEX orders_tenant_placed_idx ON orders (tenant_id, placed_at, id);
CREATE INDEX orders_placed_idx ON orders (placed_at, id);

CREATE TABLE invoices (
    id BIGSERIAL PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void')),
    amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
    currency TEXT NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP
);
CREATE UNIQUE INDEX invoices_tenant_number_key ON invoices (tenant_id, number);
CREATE INDEX invoices_tenant_issued_idx ON invoices (tenant_id, issued_at, id);
CREATE INDEX invoices_issued_idx ON invoices (issued_at, id);

CREATE TABLE tickets (
    id BIGSERIAL PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'pending', 'closed')),
    priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX tickets_tenant_created_idx ON tickets (tenant_id, created_at, id);
CREATE INDEX tickets_created_idx ON tickets (created_at, id);

CREATE INDEX users_tenant_created_idx ON users (tenant_id, created_at, id);
CREATE INDEX users_created_idx ON users (created_at, id);
