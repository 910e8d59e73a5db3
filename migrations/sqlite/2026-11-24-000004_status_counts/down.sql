DROP TABLE tenant_status_rollups;
