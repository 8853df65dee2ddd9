package org.scimlog.audit.seed;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Fills a tenant's System Log with realistic synthetic events for benchmarks: seven days of Okta-like
 * traffic (mostly lookups and reads, some creates, profile updates, deactivations, membership changes,
 * and refusals), spread evenly over time, about a user pool of {@code users} users so that
 * "target.id eq" finds a few dozen events per user. Rows are generated inside PostgreSQL in chunks.
 */
@Singleton
public class LogSeeder {

    private static final int CHUNK = 10_000;

    /** The shape of AuditLog's events, produced by SQL so millions of rows need no round trips. */
    private static final String INSERT = """
            WITH g AS (
              SELECT i,
                     ?::timestamptz + (i::double precision / ?) * ?::interval AS published,
                     md5('user' || (abs(hashint8(i)) % ?))::uuid AS user_id,
                     'user' || (abs(hashint8(i)) % ?) || '@example.com' AS user_name,
                     (abs(hashint8(i * 7)) % 100) AS roll,
                     gen_random_uuid() AS uuid,
                     substr(md5(i::text), 1, 20) AS request_id
                FROM generate_series(?::bigint, ?::bigint) AS i
            ), typed AS (
              SELECT g.*,
                     CASE WHEN roll < 40 THEN 'scimlog.scim.search'
                          WHEN roll < 58 THEN 'scimlog.scim.read'
                          WHEN roll < 66 THEN 'user.lifecycle.create'
                          WHEN roll < 76 THEN 'user.account.update_profile'
                          WHEN roll < 81 THEN 'user.lifecycle.deactivate'
                          WHEN roll < 84 THEN 'user.lifecycle.activate'
                          WHEN roll < 90 THEN 'group.user_membership.add'
                          ELSE 'scimlog.scim.request.rejected' END AS event_type,
                     CASE WHEN roll >= 90 OR roll IN (80, 79) THEN 'FAILURE' ELSE 'SUCCESS' END AS result
                FROM g
            )
            INSERT INTO log_event (tenant_id, uuid, published, event_type, severity, outcome_result, actor_id,
                                   target_ids, transaction_id, keywords, body)
            SELECT ?, uuid, date_trunc('milliseconds', published), event_type,
                   CASE WHEN event_type LIKE 'scimlog.scim.re%' AND result = 'SUCCESS' THEN 'DEBUG'
                        WHEN result = 'FAILURE' THEN 'WARN' ELSE 'INFO' END,
                   result, ?, ARRAY[user_id::text], request_id,
                   -- what audit.Keywords extracts from the body below: whole values and their words
                   ARRAY[lower(event_type), lower(result), user_id::text, user_name, lower(request_id), 'okta',
                         'okta (bench)', '(bench)', 'apitoken', 'bench-actor', 'bench', 'actor', 'api_token',
                         'okta scim client 1.0.0', 'scim', 'client', '1.0.0', '198.51.100.' || (i % 250), 'v4',
                         'user', 'web', 'patch', '/scim/v2/users/' || user_id, '0', 'info']
                   || CASE WHEN result = 'FAILURE'
                           THEN ARRAY['409 uniqueness: already exists', '409', 'uniqueness:', 'already', 'exists']
                           ELSE ARRAY[]::text[] END,
                   jsonb_build_object(
                     'actor', jsonb_build_object('id', ?, 'type', 'ApiToken', 'alternateId', 'okta',
                                                 'displayName', 'okta (bench)', 'detailEntry', null),
                     'client', jsonb_build_object('userAgent', jsonb_build_object('rawUserAgent', 'Okta SCIM Client 1.0.0',
                                                  'os', null, 'browser', null), 'zone', null, 'device', null, 'id', null,
                                                  'ipAddress', '198.51.100.' || (i % 250), 'geographicalContext', null),
                     'device', null,
                     'authenticationContext', jsonb_build_object('credentialType', 'API_TOKEN', 'authenticationStep', 0),
                     'displayMessage', event_type,
                     'eventType', event_type,
                     'outcome', jsonb_build_object('result', result,
                                                   'reason', CASE WHEN result = 'FAILURE' THEN '409 uniqueness: already exists' END),
                     'published', to_char(published AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                     'severity', 'INFO',
                     'debugContext', jsonb_build_object('debugData', jsonb_build_object('requestId', request_id,
                                     'requestUri', '/scim/v2/Users/' || user_id, 'httpMethod', 'PATCH')),
                     'legacyEventType', null,
                     'transaction', jsonb_build_object('type', 'WEB', 'id', request_id, 'detail', '{}'::jsonb),
                     'uuid', uuid, 'version', '0',
                     'request', jsonb_build_object('ipChain', jsonb_build_array(jsonb_build_object('ip', '198.51.100.' || (i % 250),
                                     'geographicalContext', null, 'version', 'V4', 'source', null))),
                     'target', jsonb_build_array(jsonb_build_object('id', user_id, 'type', 'User', 'alternateId', user_name,
                                     'displayName', user_name, 'detailEntry', null)))
              FROM typed""";

    private final TransactionOperations<Connection> transactions;

    public LogSeeder(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Inserts {@code events} events spread over the {@code span} before {@code end}; reports progress. */
    public void seed(UUID tenantId, long events, int users, Instant end, Duration span, LongConsumer progress) {
        Instant start = end.minus(span);
        for (long chunkStart = 0; chunkStart < events; chunkStart += CHUNK) {
            long first = chunkStart;
            long last = Math.min(events, first + CHUNK) - 1;
            transactions.executeWrite(status -> {
                // a chunk takes longer than a request may on a busy machine (every row feeds the keyword index)
                try (Statement timeout = status.getConnection().createStatement()) {
                    timeout.execute("SET LOCAL statement_timeout = '10min'");
                }
                try (PreparedStatement ps = status.getConnection().prepareStatement(INSERT)) {
                    int p = 1;
                    ps.setTimestamp(p++, Timestamp.from(start));
                    ps.setDouble(p++, events);
                    ps.setString(p++, span.toSeconds() + " seconds");
                    ps.setInt(p++, users);
                    ps.setInt(p++, users);
                    ps.setLong(p++, first);
                    ps.setLong(p++, last);
                    ps.setObject(p++, tenantId);
                    ps.setString(p++, "bench-actor");
                    ps.setString(p, "bench-actor");
                    ps.executeUpdate();
                }
                return null;
            });
            progress.accept(last + 1);
        }
    }
}
