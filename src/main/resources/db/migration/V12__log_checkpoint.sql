-- Signed checkpoints of each tenant's hash chain (audit.chain.CheckpointSigner). The signing key is never in
-- the database: these rows are only a copy, served by GET /api/v1/logs/checkpoints and sent to Kafka by
-- audit.stream.CheckpointPublisher (its position: log_reader_position 'checkpoint-publisher', last_seq = id).
-- Anyone who can write here can delete rows but cannot forge one; the offline verifier trusts the signature only.
CREATE TABLE log_checkpoint (
    id              bigserial   PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    first_chain_seq bigint      NOT NULL,
    chain_seq       bigint      NOT NULL,
    body            text        NOT NULL,
    signed_at       timestamptz NOT NULL,
    UNIQUE (tenant_id, chain_seq)
);

CREATE TRIGGER log_checkpoint_append_only BEFORE UPDATE OR DELETE ON log_checkpoint
    FOR EACH ROW EXECUTE FUNCTION refuse_log_change();

REVOKE ALL ON log_checkpoint FROM PUBLIC;
GRANT SELECT, INSERT ON log_checkpoint TO scimlog_app;
GRANT USAGE ON SEQUENCE log_checkpoint_id_seq TO scimlog_app;
