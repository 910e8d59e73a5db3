-- Substring search over tenants.search_text: a pg_trgm GIN index answers LIKE '%needle%'
-- for needles of three or more characters; the planner weighs it against walking the sort
-- index by its statistics. pg_trgm is a trusted extension (PostgreSQL 13+), so the
-- database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX tenants_search_trgm_idx ON tenants USING gin (search_text gin_trgm_ops);

-- A status filter is usually paired with the name or creation order; these indexes serve
-- both at once.
DROP INDEX tenants_status_idx;
CREATE INDEX tenants_status_name_idx ON tenants (status, name, id);
CREATE INDEX tenants_status_created_idx ON tenants (status, created_at, id);
