-- Two roles: the owner (runs these migrations, owns every table) and scimlog_app (the server's login role is a
-- member of it; owns nothing). PostgreSQL lets only a table's owner create or drop its partitions, change an
-- index's storage parameters or merge a GIN index's pending list, so the server's partition and keyword-index
-- upkeep goes through these functions: SECURITY DEFINER (they run as the owner, who created them), with a fixed
-- search_path (no object of another schema can stand in for ours), each taking a day or a size, never a name,
-- so scimlog_app can make and drop whole days and nothing else. Dropping refuses any day younger than
-- log_partition_policy.min_drop_age_days, a row only the owner can change: raise it to the retention you
-- promise, and even a stolen server credential cannot remove a recent day of the log.

CREATE TABLE log_partition_policy (
    single            boolean PRIMARY KEY DEFAULT true CHECK (single),
    min_drop_age_days integer NOT NULL CHECK (min_drop_age_days >= 1)
);
-- 1: scimlog's smallest retention (SCIMLOG_LOG_RETENTION_DAYS); set it to yours
INSERT INTO log_partition_policy (min_drop_age_days) VALUES (1);
REVOKE ALL ON log_partition_policy FROM PUBLIC;
GRANT SELECT ON log_partition_policy TO scimlog_app;

-- The day's partitions of log_event and log_seal, where missing; readable by scimlog_app (retention reads a
-- day's partition by name), written only through the parent table.
CREATE FUNCTION log_create_day(day date) RETURNS void
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
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, parent,
                       to_char(day, 'YYYY-MM-DD') || 'T00:00:00Z', to_char(day + 1, 'YYYY-MM-DD') || 'T00:00:00Z');
        EXECUTE format('GRANT SELECT ON %I TO scimlog_app', part);
    END LOOP;
END
$$;

-- Both partitions of a day, once the day is at least min_drop_age_days old (retention has its own, longer rule
-- and writes the chain anchors before it calls this).
CREATE FUNCTION log_drop_day(day date) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
DECLARE
    min_age integer;
BEGIN
    SELECT min_drop_age_days INTO min_age FROM log_partition_policy;
    IF day IS NULL OR ((day + 1)::timestamp AT TIME ZONE 'UTC') > now() - make_interval(days => min_age) THEN
        RAISE EXCEPTION 'a System Log day is dropped only once it ended % day(s) ago', min_age
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    EXECUTE format('DROP TABLE IF EXISTS %I', 'log_event_p' || to_char(day, 'YYYYMMDD'));
    EXECUTE format('DROP TABLE IF EXISTS %I', 'log_seal_p' || to_char(day, 'YYYYMMDD'));
END
$$;

-- Gives each partition's keyword index that is not sized yet a pending list of limit_kb (audit.KeywordIndexUpkeep).
CREATE FUNCTION log_size_keyword_pending_lists(limit_kb integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
DECLARE
    idx regclass;
    sized integer := 0;
BEGIN
    FOR idx IN
        SELECT i.inhrelid::regclass FROM pg_inherits i JOIN pg_class x ON x.oid = i.inhrelid
         WHERE i.inhparent = 'log_event_keywords_idx'::regclass
           AND NOT coalesce(x.reloptions @> ARRAY['gin_pending_list_limit=' || limit_kb], false)
    LOOP
        EXECUTE format('ALTER INDEX %s SET (gin_pending_list_limit = %s)', idx, limit_kb);
        sized := sized + 1;
    END LOOP;
    RETURN sized;
END
$$;

-- Merges the pending list of every partition's keyword index; returns the pages merged.
CREATE FUNCTION log_clean_keyword_pending_lists() RETURNS bigint
    LANGUAGE sql SECURITY DEFINER SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
    SELECT coalesce(sum(gin_clean_pending_list(i.inhrelid::regclass)), 0)::bigint
      FROM pg_inherits i WHERE i.inhparent = 'log_event_keywords_idx'::regclass
$$;

REVOKE ALL ON FUNCTION log_create_day(date), log_drop_day(date), log_size_keyword_pending_lists(integer),
    log_clean_keyword_pending_lists() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION log_create_day(date), log_drop_day(date), log_size_keyword_pending_lists(integer),
    log_clean_keyword_pending_lists() TO scimlog_app;

-- Partitions made before this migration (by the owner, as the server used to run) become readable too.
DO $$
DECLARE
    part regclass;
BEGIN
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits
                 WHERE inhparent IN ('log_event'::regclass, 'log_seal'::regclass) LOOP
        EXECUTE format('GRANT SELECT ON %s TO scimlog_app', part);
    END LOOP;
END
$$;
