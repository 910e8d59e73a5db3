-- How many recurring (active or past-due) subscriptions each plan has per cycle, kept in the
-- same transaction as every subscription change: monthly recurring revenue reads these few
-- rows instead of counting every subscription on each Customers summary.
CREATE TABLE subscription_counts (
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    cycle TEXT NOT NULL,
    recurring BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (plan_id, cycle)
);

INSERT INTO subscription_counts (plan_id, cycle, recurring)
SELECT plan_id, cycle, count(*) FROM subscriptions
WHERE status IN ('active', 'past_due')
GROUP BY plan_id, cycle;
