package org.scimlog.audit.retention;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.time.Duration;
import org.scimlog.audit.chain.CommitOrderReader;
import org.scimlog.audit.chain.CommitOrderReader.Position;
import org.scimlog.support.Api;
import org.scimlog.support.LogRows;
import org.scimlog.support.Await;

/** Events written into days long past, as if they had been written then; and where the log's readers stand. */
final class OldDays {

    private OldDays() {
    }

    /** Inserts {@code count} events published at noon of {@code day}; returns the position of the last. */
    static Position insertEvents(UUID tenant, LocalDate day, int count) {
        Position last = null;
        try (Connection c = LogRows.connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO log_event (tenant_id, uuid, published, event_type, severity, outcome_result, actor_id,
                                       target_ids, transaction_id, keywords, body)
                VALUES (?, ?, ?, 'user.lifecycle.create', 'INFO', 'SUCCESS', 'a', '{}', 'r', '{}', '{"old": true}')
                RETURNING txid::text::bigint, seq""")) {
            for (int i = 0; i < count; i++) {
                ps.setObject(1, tenant);
                ps.setObject(2, UUID.randomUUID());
                ps.setTimestamp(3, Timestamp.from(day.atTime(12, 0).toInstant(ZoneOffset.UTC)));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    last = new Position(rs.getLong(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return last;
    }

    static boolean passed(CommitOrderReader reader, String readerName, Position event) {
        try (Connection c = LogRows.connect()) {
            Position at = reader.position(c, readerName);
            return at.txid() > event.txid() || (at.txid() == event.txid() && at.seq() >= event.seq());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean partitionExists(LocalDate day) {
        try (Connection c = LogRows.connect(); PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, "log_event_p" + day.toString().replace("-", ""));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String partition(LocalDate day) {
        return "log_event_p" + day.toString().replace("-", "");
    }

    static JsonNode health(Api api) {
        return new Api(api.baseUrl(), null).get("/health").json().at("/details/systemLogRetention");
    }

    /** The first sample whose line starts with {@code name} and then a space, or with {@code name} and tags. */
    static double metric(Api api, String name) {
        String text = new Api(api.baseUrl(), null).get("/prometheus").body();
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + (name.contains("{") ? "" : "{")))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    /** Waits for a condition the product promises (a reader's position), with a deadline, never for a time. */
    static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(120), condition);
    }
}
