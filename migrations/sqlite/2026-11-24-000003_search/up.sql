-- Substring search over tenants.search_text through an FTS5 trigram index, kept in step by
-- triggers in the same transaction as every change.
--
-- Contentless (content=''): the index stores trigrams only, not a second copy of the text.
-- It indexes search_text plus a terminator, char(31), so every one- or two-character
-- substring of the text starts at least one trigram; short needles are then found through
-- the trigrams that begin with them (see crates/persistence/src/text_search.rs).
CREATE VIRTUAL TABLE tenant_search USING fts5(search_text, content = '', tokenize = 'trigram');

-- The index's vocabulary: each trigram and how many tenants contain it.
CREATE VIRTUAL TABLE tenant_search_terms USING fts5vocab(tenant_search, 'row');

INSERT INTO tenant_search (rowid, search_text) SELECT id, search_text || char(31) FROM tenants;

CREATE TRIGGER tenants_search_insert AFTER INSERT ON tenants BEGIN
    INSERT INTO tenant_search (rowid, search_text) VALUES (new.id, new.search_text || char(31));
END;

CREATE TRIGGER tenants_search_delete AFTER DELETE ON tenants BEGIN
    INSERT INTO tenant_search (tenant_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text || char(31));
END;

CREATE TRIGGER tenants_search_update AFTER UPDATE OF search_text ON tenants BEGIN
    INSERT INTO tenant_search (tenant_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text || char(31));
    INSERT INTO tenant_search (rowid, search_text) VALUES (new.id, new.search_text || char(31));
END;

-- A status filter is usually paired with the name or creation order; these indexes serve
-- both at once, so the planner never has to choose between filtering and ordering.
DROP INDEX tenants_status_idx;
CREATE INDEX tenants_status_name_idx ON tenants (status, name, id);
CREATE INDEX tenants_status_created_idx ON tenants (status, created_at, id);

-- A search answered from the trigram index looks up each candidate by id to check the type,
-- status and scope filters and to sort. This index holds exactly those columns, a fraction of
-- a tenant row's width, so the lookups stay within a few cached pages.
CREATE INDEX tenants_list_keys_idx
    ON tenants (id, status, tenant_type, path, parent_id, name, domain, created_at, users_count);
