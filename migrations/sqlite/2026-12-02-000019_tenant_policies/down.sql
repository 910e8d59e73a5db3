DROP TABLE tenant_policy_links;
DROP TABLE tenant_policy_rules;
DROP TABLE tenant_policy_options;
DROP TABLE tenant_policies;
DROP TABLE tenant_retention_rules;
DROP TABLE tenant_options;
