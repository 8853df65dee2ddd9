-- Every table is keyed by tenant: a credential resolves to exactly one tenant, and no query runs without it.

CREATE TABLE tenant (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tenant_name_format CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$')
);
CREATE UNIQUE INDEX tenant_name_key ON tenant (name);

-- Bearer tokens are stored as SHA-256 digests of high-entropy random secrets: the secret itself is
-- shown once when issued and never kept.
CREATE TABLE api_token (
    tenant_id   uuid        NOT NULL REFERENCES tenant (id),
    id          uuid        NOT NULL,
    name        text        NOT NULL,
    token_hash  bytea       NOT NULL,
    scopes      text[]      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX api_token_hash_key ON api_token (token_hash);

CREATE TABLE scim_user (
    tenant_id      uuid        NOT NULL REFERENCES tenant (id),
    id             uuid        NOT NULL,
    user_name      text        NOT NULL,
    external_id    text,
    active         boolean,
    -- the full SCIM document (without id, meta and password), canonical attribute names
    doc            jsonb       NOT NULL,
    version        bigint      NOT NULL,
    created_at     timestamptz NOT NULL,
    last_modified  timestamptz NOT NULL,
    -- the password itself is never stored: only when it was last set, for the audit trail
    password_set_at timestamptz,
    PRIMARY KEY (tenant_id, id)
);
-- userName is unique per tenant case-insensitively (RFC 7643 §4.1.1), and `userName eq` uses this index.
CREATE UNIQUE INDEX scim_user_user_name_key ON scim_user (tenant_id, lower(user_name));
CREATE INDEX scim_user_external_id_idx ON scim_user (tenant_id, external_id);
-- the stable default order that list paging relies on
CREATE INDEX scim_user_created_idx ON scim_user (tenant_id, created_at, id);
