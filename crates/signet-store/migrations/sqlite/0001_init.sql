-- Organisations, the certificates granted to them, and login sessions.
-- Times are Unix seconds (UTC); identifiers are text so that the SQLite and
-- PostgreSQL schemas and queries stay the same.
CREATE TABLE organizations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    inn         TEXT,
    ogrn        TEXT,
    edrpou      TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX organizations_inn ON organizations (inn);
CREATE INDEX organizations_ogrn ON organizations (ogrn);
CREATE INDEX organizations_edrpou ON organizations (edrpou);

CREATE TABLE organization_grants (
    organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    thumbprint      TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (organization_id, thumbprint)
);
CREATE INDEX organization_grants_thumbprint ON organization_grants (thumbprint);

-- Session ids and refresh tokens are stored only as SHA-256 hashes.
CREATE TABLE sessions (
    id_hash          TEXT PRIMARY KEY,
    refresh_hash     TEXT NOT NULL UNIQUE,
    thumbprint       TEXT NOT NULL,
    subject          TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    last_seen_at     BIGINT NOT NULL,
    idle_expires_at  BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
