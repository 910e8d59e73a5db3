DROP INDEX tenants_billing_state_idx;
ALTER TABLE tenants DROP COLUMN status_reason;
ALTER TABLE tenants DROP COLUMN billing_state;
DROP TABLE billing_runs;
DROP TABLE dunning_policies;
DROP TABLE payments;
DROP TABLE invoice_number_sequences;
DROP TABLE invoice_lines;
CREATE TABLE invoices_old (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void')),
    amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
    currency TEXT NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP
);
INSERT INTO invoices_old SELECT id, tenant_id, coalesce(number, 'DRAFT-' || id),
    CASE WHEN status = 'uncollectible' THEN 'open' ELSE status END,
    max(amount_minor, 0), currency, issued_at, due_at FROM invoices;
DROP TABLE invoices;
ALTER TABLE invoices_old RENAME TO invoices;
CREATE UNIQUE INDEX invoices_tenant_number_key ON invoices (tenant_id, number);
CREATE INDEX invoices_tenant_issued_idx ON invoices (tenant_id, issued_at, id);
CREATE INDEX invoices_issued_idx ON invoices (issued_at, id);
DROP TABLE credit_balances;
DROP TABLE billing_accounts;
DROP TABLE subscriptions;
DROP TABLE plans;
