-- What the webhook worker's retention purge looks for: finished deliveries by when they last
-- changed, and events by when they were dispatched.
CREATE INDEX webhook_deliveries_finished_idx ON webhook_deliveries (status, updated_at);
CREATE INDEX events_dispatched_idx ON events (dispatched_at);
