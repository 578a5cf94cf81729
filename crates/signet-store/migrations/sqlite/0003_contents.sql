-- Contents: documents and detached signatures uploaded by an organisation's
-- users (Kontur Reestro). The row describes the content; its bytes are the
-- file `blobs/<blob_id>` beside the database, written and synced before the
-- row names it. A replacement writes a new file and switches `blob_id`.
CREATE TABLE contents (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    name             TEXT NOT NULL,
    content_type     TEXT NOT NULL,
    md5              TEXT NOT NULL,   -- lower-case hex
    size             BIGINT NOT NULL,
    blob_id          TEXT NOT NULL UNIQUE,
    created_at       BIGINT NOT NULL
);
CREATE INDEX contents_organization ON contents (organization_id);
