-- Groups and their memberships. A membership is a row of its own, so adding or removing one member of a
-- group with 100,000 members is one row insert or delete, and the group's document never holds members.

CREATE TABLE scim_group (
    tenant_id      uuid        NOT NULL REFERENCES tenant (id),
    id             uuid        NOT NULL,
    display_name   text        NOT NULL,
    external_id    text,
    -- the SCIM document without id, meta and members, canonical attribute names
    doc            jsonb       NOT NULL,
    version        bigint      NOT NULL,
    created_at     timestamptz NOT NULL,
    last_modified  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
-- displayName is unique per tenant case-insensitively, and `displayName eq` uses this index.
CREATE UNIQUE INDEX scim_group_display_name_key ON scim_group (tenant_id, lower(display_name));
CREATE INDEX scim_group_external_id_idx ON scim_group (tenant_id, external_id);
CREATE INDEX scim_group_created_idx ON scim_group (tenant_id, created_at, id);

-- member_id is a user or a group of the same tenant; no foreign key can say "one of two tables", so the
-- application checks it under a key-share lock on the referenced row. Deleting a user or group removes its
-- rows here explicitly (each removal is a System Log event); the cascade from scim_group is only a backstop.
CREATE TABLE group_member (
    tenant_id    uuid        NOT NULL,
    group_id     uuid        NOT NULL,
    member_id    uuid        NOT NULL,
    member_type  text        NOT NULL CHECK (member_type IN ('User', 'Group')),
    display      text,
    added_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, group_id, member_id),
    FOREIGN KEY (tenant_id, group_id) REFERENCES scim_group (tenant_id, id) ON DELETE CASCADE
);
-- "which groups contain this user or group": members.value filters, users' groups attribute, deletes
CREATE INDEX group_member_member_idx ON group_member (tenant_id, member_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON scim_group, group_member TO scimlog_app;
