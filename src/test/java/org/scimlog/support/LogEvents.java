package org.scimlog.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The System Log rows of one tenant, read straight from the database, in the order they were appended. */
public final class LogEvents {

    private LogEvents() {
    }

    /** Each event's body (Okta's LogEvent shape), optionally only those of one eventType. */
    public static List<JsonNode> of(String tenantName, String eventType) {
        try (var c = DriverManager.getConnection(TestDatabase.jdbcUrl());
             var ps = c.prepareStatement("""
                     SELECT e.body::text FROM log_event e JOIN tenant t ON t.id = e.tenant_id
                      WHERE t.name = ? AND (?::text IS NULL OR e.event_type = ?) ORDER BY e.seq""")) {
            ps.setString(1, tenantName);
            ps.setString(2, eventType);
            ps.setString(3, eventType);
            List<JsonNode> events = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(Api.json(rs.getString(1)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Events of one type whose targets include {@code targetId}. */
    public static List<JsonNode> about(String tenantName, String eventType, String targetId) {
        return of(tenantName, eventType).stream()
                .filter(e -> e.path("target").findValuesAsText("id").contains(targetId))
                .toList();
    }
}
