-- The search-keys index takes new keys at once instead of gathering them in a pending list
-- (GIN's "fastupdate"). Every search reads the whole pending list, up to 4 MB, until it is
-- full or autovacuum merges it: at 100,000 tenants a list left by a bulk load made a rare
-- needle's search 1.8 ms instead of 1.0 ms. Landlord's tenants change rarely and are
-- searched on every keystroke, the case PostgreSQL's documentation gives for turning it off.
-- A bulk load turns it on for its own duration (crates/persistence/src/dialect.rs).
ALTER INDEX tenants_search_keys_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('tenants_search_keys_idx');
