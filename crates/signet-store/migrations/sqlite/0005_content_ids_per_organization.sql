-- Content ids are an organisation's own: the key of a content and of an
-- upload in parts is (organization_id, id), so an id another organisation
-- uses is to this one exactly what an unknown id is (a Reestro client must
-- not learn from a refusal that some other organisation has a content
-- under it). SQLite cannot change a primary key in place: each table is
-- rebuilt and its rows copied.
--
-- An upload in parts also keeps the TOTAL its parts announced (NULL while
-- they say `*`): once given, it binds, and a part announcing another is
-- refused before a byte of it is read.
CREATE TABLE contents_new (
    id               TEXT NOT NULL,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    name             TEXT NOT NULL,
    content_type     TEXT NOT NULL,
    md5              TEXT NOT NULL,   -- lower-case hex
    size             BIGINT NOT NULL,
    blob_id          TEXT NOT NULL UNIQUE,
    created_at       BIGINT NOT NULL,
    PRIMARY KEY (organization_id, id)
);
INSERT INTO contents_new (id, organization_id, name, content_type, md5, size, blob_id, created_at)
    SELECT id, organization_id, name, content_type, md5, size, blob_id, created_at FROM contents;
DROP TABLE contents;
ALTER TABLE contents_new RENAME TO contents;

CREATE TABLE content_uploads_new (
    id               TEXT NOT NULL,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    name             TEXT NOT NULL,
    content_type     TEXT NOT NULL,
    blob_id          TEXT NOT NULL UNIQUE,
    received         BIGINT NOT NULL,
    total            BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    PRIMARY KEY (organization_id, id)
);
INSERT INTO content_uploads_new
    (id, organization_id, name, content_type, blob_id, received, created_at, updated_at)
    SELECT id, organization_id, name, content_type, blob_id, received, created_at, updated_at
    FROM content_uploads;
DROP TABLE content_uploads;
ALTER TABLE content_uploads_new RENAME TO content_uploads;
-- Idle uploads are swept by age.
CREATE INDEX content_uploads_updated ON content_uploads (updated_at);
