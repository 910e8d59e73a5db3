-- Idempotency-Key: one row per (user, key). Claimed before the handler runs, marked
-- committed in the transaction of the change it guards, and completed with the response
-- that later retries replay.
CREATE TABLE idempotency_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL,
    -- SHA-256 of method, path and body: a retry must match it exactly.
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('running', 'committed', 'completed')),
    -- A 'running' claim older than this was abandoned (its process died before committing
    -- anything) and may be taken over.
    locked_until TIMESTAMP NOT NULL,
    response_status INTEGER,
    response_content_type TEXT,
    response_location TEXT,
    response_body BLOB,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX idempotency_keys_user_key ON idempotency_keys (user_id, idempotency_key);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);
