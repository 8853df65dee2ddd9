package org.scimlog.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

/** SQL for scim_user. Every statement is scoped by tenant; callers own the transaction. */
@Singleton
class UserRepository {

    private static final String COLUMNS = "u.id, u.user_name, u.doc::text, u.version, u.created_at, u.last_modified";
    private static final String UNIQUE_USER_NAME = "scim_user_user_name_key";

    private final ObjectMapper mapper = new ObjectMapper();

    void insert(Connection c, UserRecord user, boolean passwordSet) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO scim_user (tenant_id, id, user_name, external_id, active, doc, version, created_at,
                                       last_modified, password_set_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)""")) {
            ps.setObject(1, user.tenantId());
            ps.setObject(2, user.id());
            bindColumns(ps, 3, user);
            ps.setLong(7, user.version());
            ps.setTimestamp(8, Timestamp.from(user.created()));
            ps.setTimestamp(9, Timestamp.from(user.lastModified()));
            ps.setTimestamp(10, passwordSet ? Timestamp.from(user.lastModified()) : null);
            ps.executeUpdate();
        }
    }

    void update(Connection c, UserRecord user, boolean passwordSet) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE scim_user SET user_name = ?, external_id = ?, active = ?, doc = ?::jsonb, version = ?,
                       last_modified = ?, password_set_at = CASE WHEN ? THEN ? ELSE password_set_at END
                 WHERE tenant_id = ? AND id = ?""")) {
            bindColumns(ps, 1, user);
            ps.setLong(5, user.version());
            ps.setTimestamp(6, Timestamp.from(user.lastModified()));
            ps.setBoolean(7, passwordSet);
            ps.setTimestamp(8, Timestamp.from(user.lastModified()));
            ps.setObject(9, user.tenantId());
            ps.setObject(10, user.id());
            ps.executeUpdate();
        }
    }

    boolean delete(Connection c, UUID tenantId, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM scim_user WHERE tenant_id = ? AND id = ?")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    Optional<UserRecord> find(Connection c, UUID tenantId, UUID id, boolean forUpdate) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM scim_user u WHERE u.tenant_id = ? AND u.id = ?"
                + (forUpdate ? " FOR UPDATE" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs, tenantId)) : Optional.empty();
            }
        }
    }

    UserPage search(Connection c, UUID tenantId, ResourceQuery query) throws SQLException {
        PagedSearch.Result<UserRecord> page = PagedSearch.run(c, "scim_user", "u", COLUMNS, 6, tenantId, query,
                rs -> read(rs, tenantId));
        return new UserPage(page.total(), page.rows(), page.edges());
    }

    static boolean isUserNameConflict(SQLException e) {
        return "23505".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains(UNIQUE_USER_NAME);
    }

    private void bindColumns(PreparedStatement ps, int first, UserRecord user) throws SQLException {
        ObjectNode doc = user.document();
        ps.setString(first, user.userName());
        ps.setString(first + 1, doc.hasNonNull("externalId") ? doc.get("externalId").asText() : null);
        if (doc.hasNonNull("active")) {
            ps.setBoolean(first + 2, doc.get("active").asBoolean());
        } else {
            ps.setNull(first + 2, java.sql.Types.BOOLEAN);
        }
        try {
            ps.setString(first + 3, mapper.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a user document", e);
        }
    }

    private UserRecord read(ResultSet rs, UUID tenantId) throws SQLException {
        ObjectNode doc;
        try {
            doc = (ObjectNode) mapper.readTree(rs.getString(3));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored user document is not JSON", e);
        }
        return new UserRecord(tenantId, rs.getObject(1, UUID.class), rs.getString(2), doc, rs.getLong(4),
                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant());
    }
}
