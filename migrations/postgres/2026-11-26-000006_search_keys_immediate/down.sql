ALTER INDEX tenants_search_keys_idx SET (fastupdate = on);
