-- Billing: the plan catalogue, subscriptions, billing accounts and credit balances, billing
-- invoices with lines and gapless numbers, payments, dunning policies and billing runs.
-- Hand-entered invoices become billing invoices: the table is rebuilt (SQLite cannot drop a
-- NOT NULL or a CHECK in place), and every existing invoice gets one `one_off` line.

-- A catalogue belongs to a tenant (the management tenant, or a reseller for its subtree).
CREATE TABLE plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    currency TEXT NOT NULL,
    -- Prices in minor units, one per cycle the plan is offered on.
    monthly_minor BIGINT CHECK (monthly_minor >= 0),
    quarterly_minor BIGINT CHECK (quarterly_minor >= 0),
    yearly_minor BIGINT CHECK (yearly_minor >= 0),
    trial_days INTEGER CHECK (trial_days >= 0),
    status TEXT NOT NULL CHECK (status IN ('active', 'archived')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX plans_tenant_code_key ON plans (tenant_id, code);

CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    cycle TEXT NOT NULL CHECK (cycle IN ('monthly', 'quarterly', 'yearly')),
    status TEXT NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'paused', 'canceled', 'pending')),
    -- Periods are anchored here: a cycle change or a resume moves the anchor.
    anchor_at TIMESTAMP NOT NULL,
    current_period_start TIMESTAMP NOT NULL,
    current_period_end TIMESTAMP NOT NULL,
    trial_end TIMESTAMP,
    cancel_at_period_end BOOLEAN NOT NULL DEFAULT 0,
    -- A downgrade waiting for the end of the period.
    scheduled_plan_id BIGINT REFERENCES plans (id),
    scheduled_cycle TEXT CHECK (scheduled_cycle IN ('monthly', 'quarterly', 'yearly')),
    started_at TIMESTAMP NOT NULL,
    paused_at TIMESTAMP,
    canceled_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- At most one current subscription per tenant; canceled ones stay as history.
CREATE UNIQUE INDEX subscriptions_current_key ON subscriptions (tenant_id) WHERE status <> 'canceled';
CREATE INDEX subscriptions_plan_idx ON subscriptions (plan_id, status);
-- The billing run's scan: current subscriptions whose period has ended.
CREATE INDEX subscriptions_due_idx ON subscriptions (current_period_end) WHERE status <> 'canceled';

-- How a tenant pays: the card is kept as brand, last four digits, expiry and the provider's
-- token (never the number).
CREATE TABLE billing_accounts (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    payment_method TEXT NOT NULL DEFAULT 'none' CHECK (payment_method IN ('none', 'invoice', 'card')),
    card_brand TEXT,
    card_last4 TEXT,
    card_exp_month INTEGER,
    card_exp_year INTEGER,
    payment_provider TEXT,
    payment_token TEXT,
    billing_email TEXT,
    tax_rate_bp INTEGER CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    payment_terms_days INTEGER NOT NULL DEFAULT 14 CHECK (payment_terms_days >= 0),
    updated_at TIMESTAMP NOT NULL
);

-- A net credit is never lost: it waits here, per currency, for later invoices.
CREATE TABLE credit_balances (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    currency TEXT NOT NULL,
    balance_minor BIGINT NOT NULL CHECK (balance_minor >= 0),
    PRIMARY KEY (tenant_id, currency)
);

CREATE TABLE invoices_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The billed tenant.
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    -- Who issues it: numbers are gapless per issuer and year. NULL on hand-entered records.
    issuer_tenant_id BIGINT REFERENCES tenants (id) ON DELETE SET NULL,
    -- Assigned when the invoice is finalised; drafts have none.
    number TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
    -- The total (negative for a net credit).
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP,
    subscription_id BIGINT REFERENCES subscriptions (id) ON DELETE SET NULL,
    -- The billing run's unique key (subscription and period): a period is never billed twice.
    billing_key TEXT,
    period_start TIMESTAMP,
    period_end TIMESTAMP,
    subtotal_minor BIGINT NOT NULL,
    tax_minor BIGINT NOT NULL DEFAULT 0,
    tax_rate_bp INTEGER,
    credit_applied_minor BIGINT NOT NULL DEFAULT 0 CHECK (credit_applied_minor >= 0),
    amount_paid_minor BIGINT NOT NULL DEFAULT 0 CHECK (amount_paid_minor >= 0),
    -- 'charge_automatically' tries the card on file; 'send_invoice' waits for a transfer.
    collection TEXT NOT NULL DEFAULT 'send_invoice' CHECK (collection IN ('charge_automatically', 'send_invoice')),
    collection_attempts INTEGER NOT NULL DEFAULT 0,
    next_collection_at TIMESTAMP,
    last_collection_error TEXT,
    finalized_at TIMESTAMP,
    paid_at TIMESTAMP,
    voided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO invoices_rebuilt (id, tenant_id, number, status, amount_minor, currency, issued_at,
    due_at, subtotal_minor, amount_paid_minor, finalized_at, paid_at, created_at, updated_at)
SELECT id, tenant_id, number, status, amount_minor, currency, issued_at, due_at, amount_minor,
    CASE WHEN status = 'paid' THEN amount_minor ELSE 0 END,
    CASE WHEN status = 'draft' THEN NULL ELSE issued_at END,
    CASE WHEN status = 'paid' THEN issued_at END,
    issued_at, issued_at
FROM invoices;
DROP TABLE invoices;
ALTER TABLE invoices_rebuilt RENAME TO invoices;
CREATE UNIQUE INDEX invoices_tenant_number_key ON invoices (tenant_id, number);
CREATE UNIQUE INDEX invoices_issuer_number_key ON invoices (issuer_tenant_id, number);
CREATE UNIQUE INDEX invoices_billing_key ON invoices (billing_key);
CREATE INDEX invoices_tenant_issued_idx ON invoices (tenant_id, issued_at, id);
CREATE INDEX invoices_issued_idx ON invoices (issued_at, id);
CREATE INDEX invoices_subscription_idx ON invoices (subscription_id, id);
-- Collection retries and dunning read open invoices only.
CREATE INDEX invoices_open_due_idx ON invoices (due_at) WHERE status = 'open';
CREATE INDEX invoices_collection_idx ON invoices (next_collection_at) WHERE status = 'open';

CREATE TABLE invoice_lines (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('subscription', 'proration', 'credit', 'one_off', 'usage')),
    description TEXT NOT NULL,
    period_start TIMESTAMP,
    period_end TIMESTAMP,
    quantity BIGINT NOT NULL,
    unit_amount_minor BIGINT NOT NULL,
    amount_minor BIGINT NOT NULL
);
CREATE UNIQUE INDEX invoice_lines_invoice_position_key ON invoice_lines (invoice_id, position);
INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity, unit_amount_minor, amount_minor)
SELECT id, 0, 'one_off', 'Invoice ' || number, 1, amount_minor, amount_minor FROM invoices;

-- The last number given per issuer and year; incremented in the finalising transaction, so
-- numbers have no gaps and no duplicates.
CREATE TABLE invoice_number_sequences (
    issuer_tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    last_value BIGINT NOT NULL,
    PRIMARY KEY (issuer_tenant_id, year)
);

CREATE TABLE payments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    -- card, bank_transfer, cash, check, other
    method TEXT NOT NULL,
    -- manual (recorded by a person or integration) or sandbox (the demo card provider).
    provider TEXT NOT NULL,
    reference TEXT,
    status TEXT NOT NULL CHECK (status IN ('succeeded', 'failed')),
    failure_code TEXT,
    paid_at TIMESTAMP NOT NULL,
    recorded_by BIGINT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX payments_invoice_idx ON payments (invoice_id, id);

-- The operator's dunning policy per catalogue owner (absent: the default policy).
CREATE TABLE dunning_policies (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    steps TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE billing_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    as_of TIMESTAMP NOT NULL,
    triggered_by TEXT NOT NULL CHECK (triggered_by IN ('schedule', 'api', 'cli')),
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    periods_billed BIGINT NOT NULL DEFAULT 0,
    invoices_created BIGINT NOT NULL DEFAULT 0,
    collections_attempted BIGINT NOT NULL DEFAULT 0,
    dunning_transitions BIGINT NOT NULL DEFAULT 0
);

-- The tenant carries its billing state (`ok` or the dunning state's name) and why it is
-- suspended (`operator` or `dunning`), so lists filter and badge on them.
ALTER TABLE tenants ADD COLUMN billing_state TEXT NOT NULL DEFAULT 'ok';
ALTER TABLE tenants ADD COLUMN status_reason TEXT;
UPDATE tenants SET status_reason = 'operator' WHERE status = 'suspended';
CREATE INDEX tenants_billing_state_idx ON tenants (billing_state, id);
