-- Contents: documents and detached signatures uploaded by an organisation's
-- users (Kontur Reestro). The row describes the content; its bytes are the
-- chunks of `blob_id`, which a replacement switches to a new blob in the
-- same transaction that writes it, so readers never see a mix.
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

-- The bytes, in chunks of 1 MiB (the last one shorter), numbered from 0.
-- Several instances share the database, so the bytes live in it too.
CREATE TABLE content_chunks (
    blob_id  TEXT NOT NULL,
    seq      BIGINT NOT NULL,
    data     BYTEA NOT NULL,
    PRIMARY KEY (blob_id, seq)
);
-- Out of line but uncompressed: signed documents are mostly compressed
-- already (PDF, ZIP, DOCX), and pglz would spend CPU to gain nothing.
ALTER TABLE content_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
