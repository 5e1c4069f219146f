-- newsgraph corpus store, schema version 1.
--
-- One SQLite file, WAL journal, foreign keys on (set by store.Open on every
-- connection). Every statement here is idempotent (IF NOT EXISTS); store.Open
-- applies the whole file on every open. Changes after version 1 are additive
-- only (new tables, new columns with defaults, new indexes).
--
-- Conventions
--   * Times are TEXT in RFC 3339, UTC, second precision, always the same
--     shape "2006-01-02T15:04:05Z", so string comparison is time order:
--     published >= '2016-07-01' AND published < '2016-08-01' is a date range.
--   * Span offsets (start/end) are BYTE offsets into articles.text,
--     end-exclusive, exactly as in the analyze JSON record.
--   * Names that analysts type (outlet names and hosts, entity names, speaker
--     names, tags) are declared COLLATE NOCASE, so `name = ?` is
--     case-insensitive (ASCII) AND uses the index.
--   * Ingest order is articles.id order (ids are never reused: nothing is
--     deleted).

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- An outlet (news site). Keyed by host when the article's URL is known
-- ("bbc.co.uk", lower case, "www." stripped), else by name alone (host '').
-- name is the site name the pages declare (og:site_name …), else the host.
CREATE TABLE IF NOT EXISTS outlets (
    id   INTEGER PRIMARY KEY,
    host TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    name TEXT NOT NULL DEFAULT '' COLLATE NOCASE
);
CREATE INDEX IF NOT EXISTS outlets_host ON outlets(host);
CREATE INDEX IF NOT EXISTS outlets_name ON outlets(name);

-- One input exactly as read: a file, a WARC response record, a page fetched
-- from a feed, sitemap or URL. sha256 is over the content bytes after gzip
-- decompression (HTTP and WARC headers excluded); the same content is stored
-- once whatever its source. status says what came of it:
--   'article'   an article was stored (articles.raw_input_id = id; article_id
--               is that article)
--   'unchanged' new bytes at a known URL whose article text is the same as
--               the latest version's (article_id is that version): no new
--               version is made for a page whose only change is its chrome
--   'failed'    it was read but held no article (error says why); kept so a
--               rerun does not analyse it again.
CREATE TABLE IF NOT EXISTS raw_inputs (
    id             INTEGER PRIMARY KEY,
    sha256         TEXT NOT NULL UNIQUE,        -- hex
    url            TEXT NOT NULL DEFAULT '',    -- fetch URL / WARC target URI / '' for files
    fetched_at     TEXT,                        -- HTTP fetch or WARC-Date; NULL for files
    ingested_at    TEXT NOT NULL,
    source_kind    TEXT NOT NULL,               -- 'file' | 'warc' | 'feed' | 'sitemap' | 'url'
    file_path      TEXT NOT NULL DEFAULT '',    -- the file read (a page file or the WARC file)
    warc_record_id TEXT NOT NULL DEFAULT '',    -- WARC-Record-ID, e.g. '<urn:uuid:…>'
    warc_offset    INTEGER,                     -- byte offset of the record in the (compressed) WARC file
    feed_url       TEXT NOT NULL DEFAULT '',    -- the feed or sitemap (URL or file) that listed url
    size           INTEGER NOT NULL,            -- content bytes
    content_type   TEXT NOT NULL DEFAULT '',    -- HTTP Content-Type, when known
    status         TEXT NOT NULL DEFAULT 'article',
    error          TEXT NOT NULL DEFAULT '',
    article_id     INTEGER                      -- articles(id), see status (no FK: the two rows point at each other)
);
CREATE INDEX IF NOT EXISTS raw_inputs_url ON raw_inputs(url);

-- Near-duplicate clusters. Every article belongs to exactly one cluster
-- (a singleton while it has no near-duplicate); original_article_id is the
-- earliest copy: earliest published date, else earliest ingested.
CREATE TABLE IF NOT EXISTS clusters (
    id                  INTEGER PRIMARY KEY,
    original_article_id INTEGER NOT NULL,       -- references articles(id)
    size                INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS clusters_size ON clusters(size) WHERE size > 1;

-- One article: a version of the page at url. A changed page at the same url
-- is a new row with version = previous.version + 1 and previous_version_id
-- pointing at the row it replaces; latest is 1 for the newest version of
-- each url only (search normally filters latest = 1).
CREATE TABLE IF NOT EXISTS articles (
    id                  INTEGER PRIMARY KEY,
    raw_input_id        INTEGER NOT NULL UNIQUE REFERENCES raw_inputs(id),
    outlet_id           INTEGER REFERENCES outlets(id),
    url                 TEXT NOT NULL DEFAULT '', -- version key: fetch/WARC URL, else canonical URL, else 'file://' + absolute path
    canonical_url       TEXT NOT NULL DEFAULT '', -- as declared by the page
    title               TEXT NOT NULL DEFAULT '',
    published           TEXT,                     -- RFC 3339 UTC or NULL
    page_time           TEXT,                     -- RFC 3339 UTC or NULL
    section             TEXT NOT NULL DEFAULT '',
    language            TEXT NOT NULL DEFAULT '', -- ISO 639-1, '' unknown
    format              TEXT NOT NULL DEFAULT '', -- html | textpage | plain
    authors             TEXT NOT NULL DEFAULT '', -- newline-separated
    text                TEXT NOT NULL,
    text_sha256         TEXT NOT NULL DEFAULT '', -- hex, of text
    speaker_names       TEXT NOT NULL DEFAULT '', -- distinct quote speaker names, newline-separated (FTS column)
    entity_names        TEXT NOT NULL DEFAULT '', -- distinct entity names, newline-separated (FTS column)
    record              TEXT NOT NULL,            -- the whole `analyze --json` record
    version             INTEGER NOT NULL DEFAULT 1,
    previous_version_id INTEGER REFERENCES articles(id),
    latest              INTEGER NOT NULL DEFAULT 1,
    cluster_id          INTEGER REFERENCES clusters(id),
    ingested_at         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_outlet    ON articles(outlet_id, published);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_language  ON articles(language);
CREATE INDEX IF NOT EXISTS articles_cluster   ON articles(cluster_id);
CREATE INDEX IF NOT EXISTS articles_url       ON articles(url, version);
CREATE INDEX IF NOT EXISTS articles_previous  ON articles(previous_version_id);

-- Paragraph spans of an article, in order (idx from 0).
CREATE TABLE IF NOT EXISTS paragraphs (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

-- Entity mentions (analyze record `entities`).
CREATE TABLE IF NOT EXISTS entities (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT NOT NULL,                  -- PERSON | ORG | PLACE | MISC
    name       TEXT NOT NULL COLLATE NOCASE,   -- canonical name in the article
    gender     TEXT NOT NULL DEFAULT ''        -- female | male | unknown | '' (non-persons)
);
CREATE INDEX IF NOT EXISTS entities_article   ON entities(article_id);
CREATE INDEX IF NOT EXISTS entities_name_type ON entities(name, type, article_id);

-- Each distinct entity of an article once (analyze record `entity_summary`):
-- the table for "articles about X" and "top entities" counts.
CREATE TABLE IF NOT EXISTS article_entities (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    name       TEXT NOT NULL COLLATE NOCASE,
    type       TEXT NOT NULL,
    gender     TEXT NOT NULL DEFAULT '',
    mentions   INTEGER NOT NULL,
    PRIMARY KEY (article_id, type, name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_entities_name ON article_entities(name, type);
CREATE INDEX IF NOT EXISTS article_entities_type ON article_entities(type, name);

-- Speakers: one row per distinct (name, kind) across the corpus. gender is
-- the person's gender as found in the articles ('' for non-persons,
-- 'unknown' when no article tells).
CREATE TABLE IF NOT EXISTS speakers (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL COLLATE NOCASE,
    kind   TEXT NOT NULL,                       -- person | organization | government | anonymous | description | unknown
    gender TEXT NOT NULL DEFAULT '',
    UNIQUE (name, kind)
);

-- Quotes (analyze record `quotes`), idx is the quote's position in the record.
-- mention_* and cue_* are NULL when the record has null there.
CREATE TABLE IF NOT EXISTS quotes (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id),
    idx           INTEGER NOT NULL,
    kind          TEXT NOT NULL,                -- direct | indirect | mixed
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    content_text  TEXT NOT NULL,
    speaker_id    INTEGER REFERENCES speakers(id),
    speaker_name  TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    speaker_kind  TEXT NOT NULL DEFAULT '',
    mention_start INTEGER,
    mention_end   INTEGER,
    mention_text  TEXT,
    cue_start     INTEGER,
    cue_end       INTEGER,
    cue_text      TEXT
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_name, article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker_id ON quotes(speaker_id);

-- The page's tag list, in page order (pos from 0).
CREATE TABLE IF NOT EXISTS tags (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    pos        INTEGER NOT NULL,
    tag        TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (article_id, pos)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tags_tag ON tags(tag, article_id);

-- Near-duplicate detection state (internal/dedup), so new ingests cluster
-- against the stored corpus without reading texts back:
-- minhash holds each article's MinHash signature (little-endian uint32s),
-- lsh_bands its LSH band keys (band number mixed into the hash).
CREATE TABLE IF NOT EXISTS minhash (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    signature  BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS lsh_bands (
    band_key   INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;

-- Full-text index over articles (external content: the text lives once, in
-- articles; snippet() and highlight() work). Its columns are named as the
-- articles columns they index (FTS5 external content reads them by name):
-- title, text, speaker_names, entity_names; a column filter in MATCH uses
-- these names: 'speaker_names : "vladimir putin"'. Rank with bm25():
--   SELECT a.id, bm25(articles_fts) AS score, snippet(articles_fts, 1, '[', ']', '…', 12)
--   FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
--   WHERE articles_fts MATCH ? ORDER BY score;
-- Kept in step with articles by the triggers below.
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, speaker_names, entity_names,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text, speaker_names, entity_names)
    VALUES (new.id, new.title, new.text, new.speaker_names, new.entity_names);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, speaker_names, entity_names)
    VALUES ('delete', old.id, old.title, old.text, old.speaker_names, old.entity_names);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF title, text, speaker_names, entity_names ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, speaker_names, entity_names)
    VALUES ('delete', old.id, old.title, old.text, old.speaker_names, old.entity_names);
    INSERT INTO articles_fts(rowid, title, text, speaker_names, entity_names)
    VALUES (new.id, new.title, new.text, new.speaker_names, new.entity_names);
END;

INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '1');

-- Corpus identity (schema additions after version 1, additive only).
-- One row per person, organisation, place or other named entity across
-- the corpus. Stored rows (entities, article_entities, quotes, speakers,
-- articles.entity_names/speaker_names) carry the corpus entity's name, so
-- every count and facet is per entity; the analyze record keeps the names
-- as the article wrote them. first/last are the lower-cased first and last
-- words of a person's name (dots dropped), words its word count; pinned is
-- 1 for an entity an analyst split off (never merged automatically).
CREATE TABLE IF NOT EXISTS corpus_entities (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL COLLATE NOCASE,
    type     TEXT NOT NULL,
    gender   TEXT NOT NULL DEFAULT '',
    first    TEXT NOT NULL DEFAULT '',
    last     TEXT NOT NULL DEFAULT '',
    words    INTEGER NOT NULL DEFAULT 1,
    mentions INTEGER NOT NULL DEFAULT 0,
    pinned   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (name, type)
);
CREATE INDEX IF NOT EXISTS corpus_entities_last ON corpus_entities(type, last, words);

-- Every name an entity was written as in an article (its aliases), with
-- how many mentions used it. An alias names one entity per type.
CREATE TABLE IF NOT EXISTS entity_aliases (
    alias     TEXT NOT NULL COLLATE NOCASE,
    type      TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES corpus_entities(id),
    mentions  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (alias, type)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_aliases_entity ON entity_aliases(entity_id);

-- Which alias each article used for each corpus entity, so a split can
-- find the rows written under an alias.
CREATE TABLE IF NOT EXISTS article_aliases (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    type       TEXT NOT NULL,
    alias      TEXT NOT NULL COLLATE NOCASE,
    name       TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (article_id, type, alias)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_aliases_alias ON article_aliases(alias, type);

-- An analyst's corrections (newsgraph entities merge|split), applied to
-- every later link, so they survive re-ingests: action 'merge' links alias
-- to the entity named target; 'split' keeps alias an entity of its own.
CREATE TABLE IF NOT EXISTS entity_overrides (
    alias  TEXT NOT NULL COLLATE NOCASE,
    type   TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    PRIMARY KEY (alias, type)
) WITHOUT ROWID;

-- Persuasion techniques (analyze record `techniques`), idx is the
-- technique's position in the record. technique is one of the 14 labels
-- of the Propaganda Techniques Corpus ("Loaded_Language" …).
CREATE TABLE IF NOT EXISTS techniques (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    technique  TEXT NOT NULL COLLATE NOCASE,
    score      REAL NOT NULL,
    in_quote   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS techniques_technique ON techniques(technique, article_id);

-- Change log of the full-text columns, for the full-text index kept beside
-- the store (internal/fulltext, opened by Store.TextIndex): one row, in
-- commit order (seq), for every article inserted, deleted, or updated in
-- title, text, speaker_names, entity_names or previous_version_id. It is
-- written by the triggers below in the writing transaction itself, so it
-- is exactly as durable as the article rows: an index that applied every
-- change up to seq N applies the rows after N and is in step again, after
-- a crash as after another process's writes. Rows are never deleted.
-- The index also keeps each article's facet values (outlet name, month,
-- language, tags, persons, speakers): an outlet renamed logs its articles
-- (the others change only with an article's row: PutArticle, the entity
-- renames that rewrite entity_names and speaker_names, deletion).
CREATE TABLE IF NOT EXISTS text_changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL
);
CREATE TRIGGER IF NOT EXISTS text_changes_insert AFTER INSERT ON articles BEGIN
    INSERT INTO text_changes(article_id) VALUES (new.id);
END;
CREATE TRIGGER IF NOT EXISTS text_changes_update AFTER UPDATE OF title, text, speaker_names, entity_names, previous_version_id ON articles BEGIN
    INSERT INTO text_changes(article_id) VALUES (new.id);
END;
CREATE TRIGGER IF NOT EXISTS text_changes_delete AFTER DELETE ON articles BEGIN
    INSERT INTO text_changes(article_id) VALUES (old.id);
END;
CREATE TRIGGER IF NOT EXISTS text_changes_outlet AFTER UPDATE OF name, host ON outlets BEGIN
    INSERT INTO text_changes(article_id) SELECT id FROM articles WHERE outlet_id = new.id;
END;
-- The store's identity: a full-text index snapshot names the store it was
-- taken of, so a snapshot beside a replaced file is never used.
INSERT OR IGNORE INTO meta(key, value) VALUES ('store_id', lower(hex(randomblob(16))));
