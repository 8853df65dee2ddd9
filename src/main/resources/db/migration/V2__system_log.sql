-- The System Log: one row per LogEvent, in the same transaction as the change it records.

CREATE SEQUENCE log_event_seq;

CREATE TABLE log_event (
    tenant_id       uuid        NOT NULL,
    uuid            uuid        NOT NULL,
    published       timestamptz NOT NULL,
    -- Insertion order, and the inserting transaction: readers that must see events in commit order
    -- (polling, the hash-chain sealer, the Kafka relay) page by (txid, seq) below the oldest running
    -- transaction, so an event that commits late is never skipped.
    seq             bigint      NOT NULL DEFAULT nextval('log_event_seq'),
    txid            xid8        NOT NULL DEFAULT pg_current_xact_id(),
    event_type      text        NOT NULL,
    severity        text        NOT NULL,
    outcome_result  text        NOT NULL,
    actor_id        text,
    target_ids      text[]      NOT NULL,
    transaction_id  text,
    -- lower-cased whole values (and the parts of hyphenated ones) for the q keyword search
    keywords        text[]      NOT NULL,
    -- the LogEvent exactly as GET /api/v1/logs returns it; jsonb's text form is canonical, so it is also
    -- what the hash chain covers
    body            jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, published, uuid)
) PARTITION BY RANGE (published);

CREATE INDEX log_event_commit_order_idx ON log_event (tenant_id, txid, seq);
CREATE INDEX log_event_txid_idx ON log_event (txid, seq);
CREATE INDEX log_event_type_idx ON log_event (tenant_id, event_type, published);
CREATE INDEX log_event_actor_idx ON log_event (tenant_id, actor_id, published);
CREATE INDEX log_event_transaction_idx ON log_event (tenant_id, transaction_id);
CREATE INDEX log_event_target_idx ON log_event USING gin (target_ids);
CREATE INDEX log_event_keywords_idx ON log_event USING gin (keywords);
CREATE INDEX log_event_uuid_idx ON log_event (uuid);

-- Append-only, enforced by the database whatever the client: no UPDATE, no DELETE (retention drops whole
-- partitions instead).
CREATE FUNCTION refuse_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the System Log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER log_event_append_only BEFORE UPDATE OR DELETE ON log_event
    FOR EACH ROW EXECUTE FUNCTION refuse_log_change();

-- Tamper evidence: each sealed event's hash chains it to the previous event of its tenant. Seals are
-- written after commit, in commit order, by one sealer at a time (see audit.chain).
CREATE TABLE log_seal (
    tenant_id   uuid        NOT NULL,
    chain_seq   bigint      NOT NULL,
    event_uuid  uuid        NOT NULL,
    published   timestamptz NOT NULL,
    prev_hash   bytea       NOT NULL,
    hash        bytea       NOT NULL,
    PRIMARY KEY (tenant_id, published, chain_seq)
) PARTITION BY RANGE (published);
CREATE INDEX log_seal_chain_idx ON log_seal (tenant_id, chain_seq);
CREATE INDEX log_seal_event_idx ON log_seal (event_uuid);

CREATE TRIGGER log_seal_append_only BEFORE UPDATE OR DELETE ON log_seal
    FOR EACH ROW EXECUTE FUNCTION refuse_log_change();

-- The last seal of each tenant: where the chain continues.
CREATE TABLE log_chain_head (
    tenant_id   uuid   PRIMARY KEY,
    chain_seq   bigint NOT NULL,
    hash        bytea  NOT NULL
);

-- When retention drops old partitions, the last dropped seal of each tenant is kept here so the
-- remaining chain still verifies from a trusted starting point.
CREATE TABLE log_chain_anchor (
    tenant_id   uuid        NOT NULL,
    chain_seq   bigint      NOT NULL,
    hash        bytea       NOT NULL,
    dropped_before timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, chain_seq)
);

-- Positions of readers that follow the log in commit order (the sealer, the Kafka relay): the last
-- (txid, seq) each has consumed.
CREATE TABLE log_reader_position (
    reader    text   PRIMARY KEY,
    last_txid xid8   NOT NULL,
    last_seq  bigint NOT NULL
);

-- Grants: the application's login role should be a member of scimlog_app and not own the tables; it may
-- then read and append to the log but never change it, even with the trigger disabled.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'scimlog_app') THEN
        CREATE ROLE scimlog_app NOLOGIN;
    END IF;
END
$$;
REVOKE ALL ON log_event, log_seal FROM PUBLIC;
GRANT SELECT, INSERT ON log_event, log_seal TO scimlog_app;
GRANT SELECT, INSERT, UPDATE ON log_chain_head, log_chain_anchor, log_reader_position TO scimlog_app;
GRANT USAGE ON SEQUENCE log_event_seq TO scimlog_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant, api_token, scim_user TO scimlog_app;
