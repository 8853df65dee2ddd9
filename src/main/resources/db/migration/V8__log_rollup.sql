-- Counts of the System Log per tenant and minute, for the aggregate endpoint (GET /api/v1/logs/aggregate):
-- the chart of a week answers from about 10,000 minutes of rows instead of counting millions of events.
-- Written by one background job (audit.rollup.LogRollup) that follows the log in commit order, never by the
-- writers: a row per minute would otherwise be a hot row every write of a tenant queues on. The job adds a
-- batch's counts and saves its position (log_reader_position, reader 'log-rollup') in one transaction, so
-- every event is counted exactly once; events after that position are counted from log_event by the reader.
-- Only dimensions with few values are kept (event type, severity, outcome, actor): a key with a target would
-- hold about a row per event.
CREATE TABLE log_rollup_minute (
    tenant_id       uuid        NOT NULL,
    minute          timestamptz NOT NULL,
    event_type      text        NOT NULL,
    severity        text        NOT NULL,
    outcome_result  text        NOT NULL,
    -- '' for an event without an actor id, so the key has no NULL
    actor_id        text        NOT NULL,
    events          bigint      NOT NULL,
    PRIMARY KEY (tenant_id, minute, event_type, severity, outcome_result, actor_id)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON log_rollup_minute TO scimlog_app;
