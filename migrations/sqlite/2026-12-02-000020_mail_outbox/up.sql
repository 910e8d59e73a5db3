-- The mail outbox: every notification mail is a row, written in the transaction of the
-- change that causes it, and sent by the server's mail worker under a lease with retries.
CREATE TABLE mail_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    -- The template language the message is rendered in ('en', 'de').
    language TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    -- The template's values as JSON (links and passwords among them): emptied once sent.
    variables TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    -- When a queued message is due; NULL once it was sent or failed for good.
    next_attempt_at TIMESTAMP,
    -- A claim: until then the claimer (lease) owns the attempt; after it, another may take it.
    locked_until TIMESTAMP,
    lease TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX mail_messages_due_idx ON mail_messages (next_attempt_at) WHERE status = 'queued';
CREATE INDEX mail_messages_tenant_idx ON mail_messages (tenant_id, id);
