-- A System Log row (jsonb body ~1.9 kB, keywords ~0.6 kB, columns) is just over PostgreSQL's 2 kB TOAST threshold,
-- so by default every event's body was pglz-compressed on insert and decompressed again by every reader: the
-- chain sealer and the Kafka relay each read every body once (log_events_after), GET /api/v1/logs the ones it
-- returns. Measured as the inserting backend's CPU, 4 x 6,050 stored events into a day's partition with all its
-- indexes: pglz cost about 22 µs per insert and 6 µs per read of a body as text (about 35 µs per event with the
-- sealer's and the relay's reads), and saved 25 % of the heap. toast_tuple_target = 4096 keeps a row of up to
-- 4 kB as it is (an ordinary event); a larger one (a profile change with big changeDetails) is still compressed.
-- What is stored, read and hashed is the same text either way; rows written before keep their compression and
-- read as before. The storage parameter belongs to each partition (a partitioned table has no storage of its
-- own), so log_create_day gives it to each new day and the days that exist get it here.

CREATE OR REPLACE FUNCTION log_create_day(day date) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
DECLARE
    parent text;
    part text;
BEGIN
    IF day IS NULL OR day > current_date + 31 THEN
        RAISE EXCEPTION 'a System Log day is made at most 31 days ahead' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOREACH parent IN ARRAY ARRAY['log_event', 'log_seal'] LOOP
        part := parent || '_p' || to_char(day, 'YYYYMMDD');
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)%s', part, parent,
                       to_char(day, 'YYYY-MM-DD') || 'T00:00:00Z', to_char(day + 1, 'YYYY-MM-DD') || 'T00:00:00Z',
                       CASE WHEN parent = 'log_event' THEN ' WITH (toast_tuple_target = 4096)' ELSE '' END);
        EXECUTE format('GRANT SELECT ON %I TO scimlog_app', part);
    END LOOP;
END
$$;

DO $$
DECLARE
    part regclass;
BEGIN
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'log_event'::regclass LOOP
        EXECUTE format('ALTER TABLE %s SET (toast_tuple_target = 4096)', part);
    END LOOP;
END
$$;
