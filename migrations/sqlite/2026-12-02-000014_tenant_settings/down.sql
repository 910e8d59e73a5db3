ALTER TABLE tenants DROP COLUMN admin_first_name;
ALTER TABLE tenants DROP COLUMN language;
ALTER TABLE tenants DROP COLUMN time_zone;
ALTER TABLE tenants DROP COLUMN company_size;
ALTER TABLE tenants DROP COLUMN billing_email;
ALTER TABLE tenants DROP COLUMN support_email;
ALTER TABLE tenants DROP COLUMN web_address;
