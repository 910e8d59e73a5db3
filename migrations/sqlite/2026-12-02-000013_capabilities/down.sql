DROP TABLE quota_consumptions;
DROP TABLE quota_usage;
DROP TABLE tenant_quotas;
DROP TABLE plan_quotas;
DROP TABLE quota_definitions;
DROP TABLE tenant_features;
DROP TABLE plan_features;
DROP TABLE features;
