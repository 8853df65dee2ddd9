-- Resources of the types an operator declares in configuration (scimlog.scim.extension-schemas-file), all in
-- one table: the type is a column, and every statement names it. The document holds everything; externalId
-- has a column for Okta's and Entra's lookups, and unique_name holds the naming attribute of a type that
-- declares it unique ("uniqueness": "server"), so that uniqueness is the index's, not a race's.

CREATE TABLE scim_resource (
    tenant_id      uuid        NOT NULL REFERENCES tenant (id),
    resource_type  text        NOT NULL,
    id             uuid        NOT NULL,
    external_id    text,
    unique_name    text,
    doc            jsonb       NOT NULL,
    version        bigint      NOT NULL,
    created_at     timestamptz NOT NULL,
    last_modified  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX scim_resource_unique_name_key ON scim_resource (tenant_id, resource_type, lower(unique_name));
CREATE INDEX scim_resource_external_id_idx ON scim_resource (tenant_id, resource_type, external_id);
-- the stable default order that list paging relies on
CREATE INDEX scim_resource_created_idx ON scim_resource (tenant_id, resource_type, created_at, id);

GRANT SELECT, INSERT, UPDATE, DELETE ON scim_resource TO scimlog_app;
