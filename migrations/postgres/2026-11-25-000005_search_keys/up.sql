-- Substring search on PostgreSQL through one GIN index of "search keys" per tenant: every
-- character of search_text and every pair of adjacent characters. A needle of one or two
-- characters is then a single key (pg_trgm, which this replaces, could not index those at
-- all, so a rare one read every row), and a longer needle is the conjunction of its pairs,
-- checked with LIKE. See crates/persistence/src/text_search.rs, which builds the same keys
-- for a needle.
--
-- Pairs come from cutting the text into two-character pieces twice, once from the first
-- character and once from the second: built-in functions only, about 40 microseconds a row.
-- \x1E never occurs in search_text. COST is the planner's hint that calling this per row
-- is far dearer than reading the index, so it never filters rows with it.
--
-- Type and status are deliberately not keys: their posting lists hold most rows, and GIN
-- intersecting with them marks its results for a recheck, which calls this per row.
CREATE FUNCTION landlord_search_keys(search_text TEXT)
RETURNS TEXT[] LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 1000 AS $$
    SELECT array_remove(
        string_to_array(search_text, NULL)
        || string_to_array(regexp_replace(search_text, '(..)', E'\\1\x1E', 'g'), E'\x1E')
        || string_to_array(regexp_replace(substr(search_text, 2), '(..)', E'\\1\x1E', 'g'), E'\x1E'),
        '')
$$;

CREATE INDEX tenants_search_keys_idx ON tenants USING gin (landlord_search_keys(search_text));

DROP INDEX tenants_search_trgm_idx;
