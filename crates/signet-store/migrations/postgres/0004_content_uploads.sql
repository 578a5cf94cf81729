-- Uploads in parts (Reestro `PUT /contents/{id}` with Content-Range) that
-- have not completed: their bytes are the chunks of `blob_id` in
-- `content_chunks`, numbered 0 .. next_seq - 1 and `received` bytes in all;
-- each chunk commits with the row's new `received`, so what a broken part
-- delivered stays. The last part moves the row into `contents` (the chunks
-- stay where they are) in one transaction; until then no reader of
-- contents sees it. Staged chunks are at most 1 MiB but may be shorter
-- anywhere (a part's last chunk), not only at the end.
CREATE TABLE content_uploads (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    name             TEXT NOT NULL,
    content_type     TEXT NOT NULL,
    blob_id          TEXT NOT NULL UNIQUE,
    received         BIGINT NOT NULL,
    next_seq         BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
-- Idle uploads are swept by age.
CREATE INDEX content_uploads_updated ON content_uploads (updated_at);
