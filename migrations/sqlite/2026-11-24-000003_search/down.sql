DROP INDEX tenants_list_keys_idx;
DROP TRIGGER tenants_search_update;
DROP TRIGGER tenants_search_delete;
DROP TRIGGER tenants_search_insert;
DROP TABLE tenant_search_terms;
DROP TABLE tenant_search;
DROP INDEX tenants_status_created_idx;
DROP INDEX tenants_status_name_idx;
CREATE INDEX tenants_status_idx ON tenants (status, id);
