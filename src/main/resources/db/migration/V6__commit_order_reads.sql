-- The next events in commit order for the sealer and the Kafka relay (CommitOrderReader), read through the
-- (txid, seq) index of every partition and merged, never collected whole and sorted. The planner estimates
-- the row comparison "(txid, seq) > (a, b)" at a few hundred rows whatever the backlog, so it chose to sort
-- everything after the position and keep the first batch: with a backlog of 20,000 events each batch of
-- 2,000 cost 240 ms and a sort spilled to disk, and the readers fell further behind the busier the log was.
-- enable_sort = off holds only inside this function; in PL/pgSQL its plan is kept for the session.
CREATE FUNCTION log_events_after(after_txid xid8, after_seq bigint, below_txid xid8, max_events integer)
    RETURNS TABLE (tenant_id uuid, uuid uuid, published timestamptz, txid xid8, seq bigint, event_type text, body text)
    LANGUAGE plpgsql STABLE
    SET enable_sort = off
AS $$
BEGIN
    RETURN QUERY
        SELECT e.tenant_id, e.uuid, e.published, e.txid, e.seq, e.event_type, e.body::text
          FROM log_event e
         WHERE (e.txid, e.seq) > (after_txid, after_seq) AND e.txid < below_txid
         ORDER BY e.txid, e.seq
         LIMIT max_events;
END
$$;
