DROP TABLE request_rate_slots;
ALTER TABLE tenants DROP COLUMN limit_http_queue;
ALTER TABLE tenants DROP COLUMN limit_http_requests;
