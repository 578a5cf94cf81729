-- Uploads in parts (Reestro `PUT /contents/{id}` with Content-Range) that
-- have not completed: their bytes are the file `blobs/.upload-<blob_id>`,
-- `received` bytes long as far as anyone may rely on (a part cut off
-- mid-write can leave more, which the next part overwrites). The last part
-- renames the file to `blobs/<blob_id>` and moves the row into `contents`
-- in one transaction; until then no reader of contents sees it.
CREATE TABLE content_uploads (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    name             TEXT NOT NULL,
    content_type     TEXT NOT NULL,
    blob_id          TEXT NOT NULL UNIQUE,
    received         BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
-- Idle uploads are swept by age.
CREATE INDEX content_uploads_updated ON content_uploads (updated_at);
