ALTER TABLE quota_definitions DROP COLUMN alert_thresholds;
ALTER TABLE meters DROP COLUMN quota_key;
