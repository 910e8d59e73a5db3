DELETE FROM usage_daily WHERE meter_key IN ('microservice_cpu', 'microservice_memory');
DELETE FROM meters WHERE key IN ('microservice_cpu', 'microservice_memory');
ALTER TABLE plans DROP COLUMN gb_day_price_micros;
ALTER TABLE plans DROP COLUMN cpu_day_price_micros;
DROP TABLE application_instance_segments;
DROP TABLE application_subscription_periods;
