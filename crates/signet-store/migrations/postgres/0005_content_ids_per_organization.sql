-- Content ids are an organisation's own: the key of a content and of an
-- upload in parts is (organization_id, id), so an id another organisation
-- uses is to this one exactly what an unknown id is (a Reestro client must
-- not learn from a refusal that some other organisation has a content
-- under it).
--
-- An upload in parts also keeps the TOTAL its parts announced (NULL while
-- they say `*`): once given, it binds, and a part announcing another is
-- refused before a byte of it is read.
ALTER TABLE contents DROP CONSTRAINT contents_pkey, ADD PRIMARY KEY (organization_id, id);
DROP INDEX IF EXISTS contents_organization;
ALTER TABLE content_uploads
    DROP CONSTRAINT content_uploads_pkey,
    ADD PRIMARY KEY (organization_id, id),
    ADD COLUMN total BIGINT;
