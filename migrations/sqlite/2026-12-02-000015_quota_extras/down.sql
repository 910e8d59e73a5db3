DROP TABLE quota_leases;
DROP TABLE tenant_notifications;
DROP TABLE quota_alerts;
DROP TABLE quota_top_ups;
