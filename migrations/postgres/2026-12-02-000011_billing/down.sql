DROP INDEX tenants_billing_state_idx;
ALTER TABLE tenants DROP COLUMN status_reason, DROP COLUMN billing_state;
DROP TABLE billing_runs;
DROP TABLE dunning_policies;
DROP TABLE payments;
DROP TABLE invoice_number_sequences;
DROP TABLE invoice_lines;
DELETE FROM invoices WHERE status = 'uncollectible' OR amount_minor < 0;
UPDATE invoices SET number = 'DRAFT-' || id WHERE number IS NULL;
ALTER TABLE invoices DROP COLUMN issuer_tenant_id, DROP COLUMN subscription_id, DROP COLUMN billing_key,
    DROP COLUMN period_start, DROP COLUMN period_end, DROP COLUMN subtotal_minor, DROP COLUMN tax_minor,
    DROP COLUMN tax_rate_bp, DROP COLUMN credit_applied_minor, DROP COLUMN amount_paid_minor,
    DROP COLUMN collection, DROP COLUMN collection_attempts, DROP COLUMN next_collection_at,
    DROP COLUMN last_collection_error, DROP COLUMN finalized_at, DROP COLUMN paid_at, DROP COLUMN voided_at,
    DROP COLUMN created_at, DROP COLUMN updated_at;
ALTER TABLE invoices ALTER COLUMN number SET NOT NULL;
ALTER TABLE invoices DROP CONSTRAINT invoices_status_check;
ALTER TABLE invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('draft', 'open', 'paid', 'void'));
ALTER TABLE invoices ADD CONSTRAINT invoices_amount_minor_check CHECK (amount_minor >= 0);
DROP TABLE credit_balances;
DROP TABLE billing_accounts;
DROP TABLE subscriptions;
DROP TABLE plans;
