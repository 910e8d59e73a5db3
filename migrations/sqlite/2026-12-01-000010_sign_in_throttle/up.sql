-- Sign-in throttling: one row per throttled key, the current streak of failed sign-ins of
-- a tenant and username as typed (scope 'account') or of a client address ('address').
-- The rule (landlord_domain::sign_in_throttle) decides; a sign-in locks its keys' rows for
-- the length of one short transaction, so concurrent attempts are counted one by one, also
-- across server processes sharing one PostgreSQL.
CREATE TABLE sign_in_throttle (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scope TEXT NOT NULL CHECK (scope IN ('account', 'address')),
    -- The tenant as typed; empty for an address.
    tenant TEXT NOT NULL,
    -- The username as typed, or the address (an IPv6 address's /64 network).
    subject TEXT NOT NULL,
    -- Failures in the current streak; 0 for a row created by an attempt still under way.
    failures INTEGER NOT NULL,
    first_failure_at TIMESTAMP NOT NULL,
    last_failure_at TIMESTAMP NOT NULL,
    -- Derived from the above by the rule, kept for operators and the purge: attempts are
    -- refused until locked_until; the row is forgotten (and purged) from expires_at on.
    locked_until TIMESTAMP,
    expires_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX sign_in_throttle_key ON sign_in_throttle (scope, tenant, subject);
CREATE INDEX sign_in_throttle_expiry_idx ON sign_in_throttle (scope, expires_at);
