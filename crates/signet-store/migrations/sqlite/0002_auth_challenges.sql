-- Pending login-by-certificate challenges: the random key encrypted to the
-- certificate, stored only as its SHA-256 hash, single use, short-lived.
-- The certificate (base64 DER) is kept to open the session on approval.
CREATE TABLE auth_challenges (
    thumbprint   TEXT NOT NULL,
    key_hash     TEXT NOT NULL,
    certificate  TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    PRIMARY KEY (thumbprint, key_hash)
);
CREATE INDEX auth_challenges_expires_at ON auth_challenges (expires_at);
