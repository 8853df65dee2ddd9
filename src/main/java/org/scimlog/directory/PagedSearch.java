package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.scimlog.database.Statements;

/**
 * The list query of a resource table (scim_user, scim_group): filter, order, page and exact total. One round
 * trip for the page and its total (a window count); a second only when the page is empty.
 */
final class PagedSearch {

    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** {@code edges} only for a keyset page (see {@link KeysetPage}). */
    record Result<T>(long total, List<T> rows, @Nullable PageEdges edges) {
        Result(long total, List<T> rows) {
            this(total, rows, null);
        }
    }

    private PagedSearch() {
    }

    /** {@code columns} are the first {@code columnCount} select items, read by {@code reader}. */
    static <T> Result<T> run(Connection c, String table, String alias, String columns, int columnCount,
                             UUID tenantId, ResourceQuery query, RowReader<T> reader) throws SQLException {
        if (query.keyset() != null) {
            return KeysetPage.run(c, table, alias, columns, columnCount, tenantId, query, reader);
        }
        String where = " FROM " + table + " " + alias + " WHERE " + alias + ".tenant_id = ?"
                + (query.where() == null ? "" : " AND (" + query.where().sql() + ")");
        List<Object> parameters = query.where() == null ? List.of() : query.where().parameters();
        if (query.limit() == 0) {
            return new Result<>(count(c, tenantId, where, parameters), List.of());
        }
        String direction = query.descending() ? " DESC" : " ASC";
        String stable = alias + ".created_at, " + alias + ".id";
        String order = query.orderBy() == null
                ? " ORDER BY " + alias + ".created_at" + direction + ", " + alias + ".id" + direction
                : " ORDER BY " + query.orderBy() + direction + " NULLS LAST, " + stable;
        String sql = "SELECT " + columns + ", count(*) OVER ()" + where + order + " LIMIT ? OFFSET ?";
        List<T> rows = new ArrayList<>();
        long total = -1;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bind(ps, tenantId, parameters);
            ps.setInt(i++, query.limit());
            ps.setInt(i, query.offset());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                    total = rs.getLong(columnCount + 1);
                }
            }
        }
        if (total < 0) {
            total = query.offset() == 0 ? 0 : count(c, tenantId, where, parameters);
        }
        return new Result<>(total, rows);
    }

    /** The number of rows {@code from} (a FROM and WHERE whose first parameter is the tenant) selects. */
    static long count(Connection c, UUID tenantId, String from, List<Object> parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*)" + from)) {
            bind(ps, tenantId, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Binds the tenant and then {@code parameters}; returns the next free position. */
    static int bind(PreparedStatement ps, UUID tenantId, List<Object> parameters) throws SQLException {
        ps.setObject(1, tenantId);
        return Statements.bind(ps, 2, parameters);
    }
}
