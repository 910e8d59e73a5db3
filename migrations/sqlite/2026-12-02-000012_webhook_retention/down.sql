DROP INDEX events_dispatched_idx;
DROP INDEX webhook_deliveries_finished_idx;
