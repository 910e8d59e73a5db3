DROP TABLE usage_distinct;
DROP TABLE usage_daily;
DROP TABLE usage_events;
DROP TABLE meters;
