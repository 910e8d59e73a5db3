-- A meter's quota: a `sum` or `count` counter feeds a consumable quota (each accepted event
-- consumes it), a gauge is compared with an allocation quota (the limit line on its chart).
-- Quota definitions are never deleted, so the reference holds.
ALTER TABLE meters ADD COLUMN quota_key TEXT REFERENCES quota_definitions (key);

-- The built-in gauges the device-limit and disk quotas are about.
UPDATE meters SET quota_key = 'max_devices' WHERE key = 'devices';
UPDATE meters SET quota_key = 'max_root_devices' WHERE key = 'root_devices';
UPDATE meters SET quota_key = 'disk_quota' WHERE key = 'storage';

-- Each quota's alert thresholds, in percent of a tenant's limit, as `80,100` (empty: none).
ALTER TABLE quota_definitions ADD COLUMN alert_thresholds TEXT NOT NULL DEFAULT '80,100';
