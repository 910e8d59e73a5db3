DROP TABLE support_access_settings;
DROP TABLE support_access_grants;
