DROP TABLE application_instances;
DROP TABLE application_subscriptions;
DROP TABLE applications;
