-- Tenant settings (issue 13): seeds 000 and 002's profile fields.
ALTER TABLE tenants ADD COLUMN web_address TEXT;
ALTER TABLE tenants ADD COLUMN support_email TEXT;
ALTER TABLE tenants ADD COLUMN billing_email TEXT;
ALTER TABLE tenants ADD COLUMN company_size TEXT;
ALTER TABLE tenants ADD COLUMN time_zone TEXT;
ALTER TABLE tenants ADD COLUMN language TEXT;
ALTER TABLE tenants ADD COLUMN admin_first_name TEXT;
