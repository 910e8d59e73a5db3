-- How many of each tenant's strict descendants have each type and status, kept in the same
-- transaction as every change (crates/persistence/src/rollups.rs). The list's total under
-- any type and status filter is then a sum of a few rows instead of a count of the subtree.
CREATE TABLE tenant_status_rollups (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    tenant_type TEXT NOT NULL,
    status TEXT NOT NULL,
    descendants BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, tenant_type, status)
);

-- Every (tenant, ancestor) pair through parent links: rows times depth, not rows squared.
INSERT INTO tenant_status_rollups (tenant_id, tenant_type, status, descendants)
WITH RECURSIVE ancestry (tenant_id, ancestor_id) AS (
    SELECT id, parent_id FROM tenants WHERE parent_id IS NOT NULL
    UNION ALL
    SELECT ancestry.tenant_id, parent.parent_id
    FROM ancestry JOIN tenants parent ON parent.id = ancestry.ancestor_id
    WHERE parent.parent_id IS NOT NULL
)
SELECT ancestry.ancestor_id, d.tenant_type, d.status, count(*)
FROM ancestry JOIN tenants d ON d.id = ancestry.tenant_id
GROUP BY ancestry.ancestor_id, d.tenant_type, d.status;
