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
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** SQL for scim_group (never its members: see {@link MembershipRepository}). Callers own the transaction. */
@Singleton
class GroupRepository {

    private static final String COLUMNS = "g.id, g.display_name, g.doc::text, g.version, g.created_at, g.last_modified";
    private static final String UNIQUE_DISPLAY_NAME = "scim_group_display_name_key";

    private final ObjectMapper mapper = new ObjectMapper();

    void insert(Connection c, GroupRecord group) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO scim_group (tenant_id, id, display_name, external_id, doc, version, created_at, last_modified)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")) {
            ps.setObject(1, group.tenantId());
            ps.setObject(2, group.id());
            bindColumns(ps, 3, group);
            ps.setLong(6, group.version());
            ps.setTimestamp(7, Timestamp.from(group.created()));
            ps.setTimestamp(8, Timestamp.from(group.lastModified()));
            ps.executeUpdate();
        }
    }

    void update(Connection c, GroupRecord group) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE scim_group SET display_name = ?, external_id = ?, doc = ?::jsonb, version = ?, last_modified = ?
                 WHERE tenant_id = ? AND id = ?""")) {
            bindColumns(ps, 1, group);
            ps.setLong(4, group.version());
            ps.setTimestamp(5, Timestamp.from(group.lastModified()));
            ps.setObject(6, group.tenantId());
            ps.setObject(7, group.id());
            ps.executeUpdate();
        }
    }

    /** A membership change: the document stays, version and lastModified move (a fixed-size row write). */
    void touch(Connection c, UUID tenantId, UUID id, long version, Instant lastModified) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE scim_group SET version = ?, last_modified = ? WHERE tenant_id = ? AND id = ?")) {
            ps.setLong(1, version);
            ps.setTimestamp(2, Timestamp.from(lastModified));
            ps.setObject(3, tenantId);
            ps.setObject(4, id);
            ps.executeUpdate();
        }
    }

    void delete(Connection c, UUID tenantId, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM scim_group WHERE tenant_id = ? AND id = ?")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    /**
     * How a write locks the group's row. A change takes FOR NO KEY UPDATE, which (unlike FOR UPDATE) does not
     * block the FOR KEY SHARE that adding this group as a member of another takes: two requests nesting A in
     * B and B in A then never wait for each other's row, and meet only at the nesting lock, where the second
     * sees the first's membership and is refused as a cycle (a deadlock, a 500, before). A delete takes FOR
     * UPDATE, so a concurrent "add as member" waits for it, or it for that.
     */
    enum RowLock {
        NONE(""), CHANGE(" FOR NO KEY UPDATE"), DELETE(" FOR UPDATE");

        private final String clause;

        RowLock(String clause) {
            this.clause = clause;
        }
    }

    Optional<GroupRecord> find(Connection c, UUID tenantId, UUID id, RowLock lock) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM scim_group g WHERE g.tenant_id = ? AND g.id = ?" + lock.clause;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs, tenantId)) : Optional.empty();
            }
        }
    }

    GroupPage search(Connection c, UUID tenantId, ResourceQuery query) throws SQLException {
        PagedSearch.Result<GroupRecord> page = PagedSearch.run(c, "scim_group", "g", COLUMNS, 6, tenantId, query,
                rs -> read(rs, tenantId));
        return new GroupPage(page.total(), page.rows(), page.edges());
    }

    static boolean isDisplayNameConflict(SQLException e) {
        return "23505".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains(UNIQUE_DISPLAY_NAME);
    }

    private void bindColumns(PreparedStatement ps, int first, GroupRecord group) throws SQLException {
        ObjectNode doc = group.document();
        ps.setString(first, group.displayName());
        ps.setString(first + 1, doc.hasNonNull("externalId") ? doc.get("externalId").asText() : null);
        try {
            ps.setString(first + 2, mapper.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a group document", e);
        }
    }

    private GroupRecord read(ResultSet rs, UUID tenantId) throws SQLException {
        ObjectNode doc;
        try {
            doc = (ObjectNode) mapper.readTree(rs.getString(3));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored group document is not JSON", e);
        }
        return new GroupRecord(tenantId, rs.getObject(1, UUID.class), rs.getString(2), doc, rs.getLong(4),
                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant());
    }
}
