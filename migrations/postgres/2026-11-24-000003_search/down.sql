DROP INDEX tenants_search_trgm_idx;
DROP INDEX tenants_status_created_idx;
DROP INDEX tenants_status_name_idx;
CREATE INDEX tenants_status_idx ON tenants (status, id);
