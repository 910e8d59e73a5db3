DROP TABLE subscription_counts;
