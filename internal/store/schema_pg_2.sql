-- newsgraph corpus store on PostgreSQL: migration 2 (schema version 2).
-- The log of article changes the full-text index follows (TextIndex), as
-- schema.sql's text_changes on SQLite: one row per article inserted,
-- deleted, or updated in title, text, speaker_names, entity_names or
-- previous_version_id, and per article of an outlet renamed, written by
-- triggers in the writing transaction itself. Writers take turns
-- (pgWriteLock), so the sequence numbers commit in order: an index that
-- applied every change up to seq N and reads the rows after N misses
-- none. Rows are never deleted.
CREATE TABLE IF NOT EXISTS text_changes (
    seq        bigserial PRIMARY KEY,
    article_id bigint NOT NULL
);
CREATE OR REPLACE FUNCTION newsgraph_article_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO text_changes(article_id) VALUES (OLD.id);
        RETURN OLD;
    END IF;
    INSERT INTO text_changes(article_id) VALUES (NEW.id);
    RETURN NEW;
END
$$;
CREATE OR REPLACE FUNCTION newsgraph_outlet_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO text_changes(article_id) SELECT id FROM articles WHERE outlet_id = NEW.id;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS text_changes_insert ON articles;
CREATE TRIGGER text_changes_insert AFTER INSERT ON articles
    FOR EACH ROW EXECUTE FUNCTION newsgraph_article_changed();
DROP TRIGGER IF EXISTS text_changes_update ON articles;
CREATE TRIGGER text_changes_update AFTER UPDATE OF title, text, speaker_names, entity_names, previous_version_id ON articles
    FOR EACH ROW EXECUTE FUNCTION newsgraph_article_changed();
DROP TRIGGER IF EXISTS text_changes_delete ON articles;
CREATE TRIGGER text_changes_delete AFTER DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION newsgraph_article_changed();
DROP TRIGGER IF EXISTS text_changes_outlet ON outlets;
CREATE TRIGGER text_changes_outlet AFTER UPDATE OF name, host ON outlets
    FOR EACH ROW EXECUTE FUNCTION newsgraph_outlet_renamed();
-- The store's identity, as on SQLite.
INSERT INTO meta(key, value) VALUES ('store_id', md5(random()::text || clock_timestamp()::text))
    ON CONFLICT (key) DO NOTHING;
