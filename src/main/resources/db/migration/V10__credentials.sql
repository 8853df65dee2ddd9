-- Credentials of three kinds in one table (the name api_token is kept from when there was one kind):
-- opaque bearer tokens (SHA-256 digest), Basic username/password (BCrypt), and JWT issuers whose access
-- tokens are accepted (issuer, audience, JWKS URL). A tenant can be disabled: its credentials then fail.

ALTER TABLE tenant ADD COLUMN disabled_at timestamptz;

ALTER TABLE api_token
    ADD COLUMN kind          text NOT NULL DEFAULT 'bearer',
    ADD COLUMN expires_at    timestamptz,
    ADD COLUMN last_used_at  timestamptz,
    ADD COLUMN username      text,
    ADD COLUMN password_hash text,
    ADD COLUMN jwt_issuer    text,
    ADD COLUMN jwt_audience  text,
    ADD COLUMN jwt_jwks_url  text,
    ALTER COLUMN token_hash DROP NOT NULL;

ALTER TABLE api_token ADD CONSTRAINT api_token_kind_shape CHECK (
       (kind = 'bearer' AND token_hash IS NOT NULL)
    OR (kind = 'basic' AND username IS NOT NULL AND password_hash IS NOT NULL)
    OR (kind = 'jwt' AND jwt_issuer IS NOT NULL AND jwt_audience IS NOT NULL AND jwt_jwks_url IS NOT NULL));

-- A live name is unique per tenant from now on. Earlier versions allowed two live tokens of one name; the
-- older ones keep working under the name with their id's first characters appended.
UPDATE api_token t SET name = t.name || '-' || left(t.id::text, 8)
 WHERE t.revoked_at IS NULL
   AND EXISTS (SELECT 1 FROM api_token n
                WHERE n.tenant_id = t.tenant_id AND n.name = t.name AND n.revoked_at IS NULL
                  AND (n.created_at, n.id) > (t.created_at, t.id));
CREATE UNIQUE INDEX api_token_live_name_key ON api_token (tenant_id, name) WHERE revoked_at IS NULL;
-- Basic usernames resolve to one credential, so to one tenant
CREATE UNIQUE INDEX api_token_live_username_key ON api_token (username) WHERE revoked_at IS NULL;
-- a JWT's issuer and audience resolve to one credential, so to one tenant
CREATE UNIQUE INDEX api_token_live_issuer_key ON api_token (jwt_issuer, jwt_audience) WHERE revoked_at IS NULL;

-- The operators' tenant: its credentials may hold the admin scope, its log holds what belongs to no tenant.
INSERT INTO tenant (id, name) VALUES ('00000000-0000-7000-8000-000000000001', 'scimlog-operators');
