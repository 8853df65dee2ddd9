-- scimlog as the OAuth 2.0 authorization server Okta's provisioning connects to (authorization code grant).
-- A client registration is a credential of kind 'oauth': a client id, the SHA-256 digest of its secret (in
-- token_hash, like bearer tokens: 256 random bits need no slow hash) and the redirect URIs it may use.

ALTER TABLE api_token
    ADD COLUMN client_id     text,
    ADD COLUMN redirect_uris text[];

ALTER TABLE api_token DROP CONSTRAINT api_token_kind_shape;
ALTER TABLE api_token ADD CONSTRAINT api_token_kind_shape CHECK (
       (kind = 'bearer' AND token_hash IS NOT NULL)
    OR (kind = 'basic' AND username IS NOT NULL AND password_hash IS NOT NULL)
    OR (kind = 'jwt' AND jwt_issuer IS NOT NULL AND jwt_audience IS NOT NULL AND jwt_jwks_url IS NOT NULL)
    OR (kind = 'oauth' AND client_id IS NOT NULL AND token_hash IS NOT NULL
        AND redirect_uris IS NOT NULL AND cardinality(redirect_uris) > 0));

-- a client id names one registration forever (revoked ones too), so it resolves to one tenant
CREATE UNIQUE INDEX api_token_client_id_key ON api_token (client_id) WHERE client_id IS NOT NULL;

-- One consent: what a tenant's admin allowed a client. Its refresh tokens form one family; revoking the grant
-- (RFC 7009, or a refresh token used twice) ends every access and refresh token issued under it.
CREATE TABLE oauth_grant (
    id             uuid PRIMARY KEY,
    tenant_id      uuid NOT NULL REFERENCES tenant (id),
    credential_id  uuid NOT NULL,
    scopes         text[] NOT NULL,
    signed_in_as   uuid NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    revoked_at     timestamptz,
    revoked_reason text
);
CREATE INDEX oauth_grant_credential ON oauth_grant (credential_id);

-- Authorization codes: single use, short-lived, bound to the client and the redirect_uri (and the PKCE challenge
-- when one was sent). Only the digest is stored. grant_id is set when the code is redeemed, so that a second
-- redemption revokes what the first one issued (RFC 6749 §4.1.2).
CREATE TABLE oauth_code (
    code_hash       bytea PRIMARY KEY,
    grant_id        uuid NOT NULL REFERENCES oauth_grant (id),
    redirect_uri    text NOT NULL,
    code_challenge  text,
    expires_at      timestamptz NOT NULL,
    redeemed_at     timestamptz
);

-- Refresh tokens rotate: each use replaces the token with a new one; a replaced token presented again means it
-- leaked, and the whole grant is revoked.
CREATE TABLE oauth_refresh_token (
    token_hash   bytea PRIMARY KEY,
    grant_id     uuid NOT NULL REFERENCES oauth_grant (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    replaced_at  timestamptz
);
CREATE INDEX oauth_refresh_token_grant ON oauth_refresh_token (grant_id);

-- The signing key made for development when none is configured (a JWK with its private part), shared by every
-- instance on this database and kept across restarts so issued tokens stay valid. Production configures keys.
CREATE TABLE oauth_signing_key (
    kid        text PRIMARY KEY,
    jwk        text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The server's role (see V11 and README "Database roles") reads and writes grants, codes and refresh tokens
-- (a code is used, a token rotated or revoked by an UPDATE); signing keys are only added, never changed.
GRANT SELECT, INSERT, UPDATE ON oauth_grant, oauth_code, oauth_refresh_token TO scimlog_app;
GRANT SELECT, INSERT ON oauth_signing_key TO scimlog_app;
