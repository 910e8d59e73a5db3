CREATE INDEX tenants_search_trgm_idx ON tenants USING gin (search_text gin_trgm_ops);
DROP INDEX tenants_search_keys_idx;
DROP FUNCTION landlord_search_keys(TEXT);
