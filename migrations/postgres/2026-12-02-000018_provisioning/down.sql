DROP TABLE tenant_provisioning_steps;
DROP TABLE provisioning_steps;
