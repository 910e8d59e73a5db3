DROP TABLE tenant_property_values;
ALTER TABLE tenants DROP COLUMN custom_properties;
DROP TABLE custom_properties;
