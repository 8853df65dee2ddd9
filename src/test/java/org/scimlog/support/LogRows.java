package org.scimlog.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads System Log rows straight from PostgreSQL, to check what was stored independently of the query API. */
public final class LogRows {

    private LogRows() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(TestDatabase.jdbcUrl());
    }

    /** Events of a tenant (by name) in insertion order. */
    public static List<JsonNode> events(String tenantName) {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT e.body::text FROM log_event e JOIN tenant t ON t.id = e.tenant_id
                      WHERE t.name = ? ORDER BY e.seq""")) {
            ps.setString(1, tenantName);
            List<JsonNode> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(Api.json(rs.getString(1)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<JsonNode> events(String tenantName, String eventType) {
        return events(tenantName).stream().filter(e -> e.path("eventType").asText().equals(eventType)).toList();
    }

    /** Every stored log row and seal of every tenant as text: for "this secret appears nowhere" checks. */
    public static String everything() {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT coalesce(string_agg(body::text || array_to_string(keywords, ' '), E'\\n'), '') FROM log_event");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
