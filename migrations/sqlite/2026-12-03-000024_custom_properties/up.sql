-- Custom properties (issue 14, seed 003): the operator's library of extra tenant fields,
-- each tenant's values as one JSON object on the tenant (what every reader of a tenant
-- sees), and the same values folded to lowercase text, one row each, for the list's
-- `property=` filter to find by index.
CREATE TABLE custom_properties (
    key TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    property_type TEXT NOT NULL CHECK (property_type IN ('text', 'number', 'boolean', 'date')),
    -- JSON of the property's type, or NULL.
    default_value TEXT,
    description TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO custom_properties (key, name, property_type, default_value, description, created_at, updated_at)
VALUES ('external_reference', 'External reference', 'text', NULL,
        'The tenant''s reference in your own systems (ERP, CRM, contract).', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

ALTER TABLE tenants ADD COLUMN custom_properties TEXT NOT NULL DEFAULT '{}';

CREATE TABLE tenant_property_values (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    property_key TEXT NOT NULL REFERENCES custom_properties (key) ON DELETE CASCADE,
    folded_text TEXT NOT NULL,
    PRIMARY KEY (tenant_id, property_key)
);
CREATE INDEX tenant_property_values_lookup_idx ON tenant_property_values (property_key, folded_text);
