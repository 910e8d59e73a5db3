ALTER TABLE meters DROP COLUMN quota_key;
