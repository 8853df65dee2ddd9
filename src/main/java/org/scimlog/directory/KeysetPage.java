package org.scimlog.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.scimlog.database.Statements;

/**
 * The list query of a resource table read by keyset (RFC 9865 cursors) instead of OFFSET: a page starts
 * right after (or, backward, right before) a row's position in the list's order, so rows created or deleted
 * elsewhere in the list while a client pages through it neither shift a row into the next page twice nor
 * out of it: every row that exists throughout the walk is returned exactly once. The order is the one
 * {@link PagedSearch} uses (sortBy, then created_at and id; created_at and id alone without sortBy), so both
 * paging methods list a table alike. A row whose sortBy value changes during the walk can move past the
 * cursor; created_at and id never change.
 *
 * <p>One statement for the page (one row more than asked, to know whether more are left) and one for the
 * total, which counts the filter alone.
 */
final class KeysetPage {

    private KeysetPage() {
    }

    static <T> PagedSearch.Result<T> run(Connection c, String table, String alias, String columns, int columnCount,
                                         UUID tenantId, ResourceQuery query, PagedSearch.RowReader<T> reader)
            throws SQLException {
        Keyset keyset = query.keyset();
        String from = " FROM " + table + " " + alias + " WHERE " + alias + ".tenant_id = ?"
                + (query.where() == null ? "" : " AND (" + query.where().sql() + ")");
        List<Object> parameters = new ArrayList<>(query.where() == null ? List.of() : query.where().parameters());
        long total = PagedSearch.count(c, tenantId, from, parameters);
        String sortKey = query.orderBy() == null ? null : "(" + query.orderBy() + ")";
        String condition = keyset.position() == null ? "" : " AND " + after(alias, sortKey, query.descending(), keyset, parameters);
        String sql = "SELECT " + columns + ", " + (sortKey == null ? "NULL::text" : sortKey + "::text") + ", "
                + alias + ".created_at::text, " + alias + ".id" + from + condition
                + order(alias, sortKey, query.descending(), keyset.backward()) + " LIMIT ?";
        List<T> rows = new ArrayList<>();
        List<KeysetPosition> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = PagedSearch.bind(ps, tenantId, parameters);
            ps.setInt(i, query.limit() + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                    keys.add(new KeysetPosition(rs.getString(columnCount + 1), rs.getString(columnCount + 2),
                            rs.getObject(columnCount + 3, UUID.class)));
                }
            }
        } catch (SQLException e) {
            // class 22 (data exception): a position PostgreSQL cannot read as the sort key's type
            if (keyset.position() != null && e.getSQLState() != null && e.getSQLState().startsWith("22")) {
                throw new KeysetPositionRejected();
            }
            throw e;
        }
        boolean more = rows.size() > query.limit();
        if (more) {
            rows.remove(rows.size() - 1);
            keys.remove(keys.size() - 1);
        }
        if (keyset.backward()) {
            Collections.reverse(rows);
            Collections.reverse(keys);
        }
        PageEdges edges = keys.isEmpty() ? new PageEdges(null, null, more)
                : new PageEdges(keys.get(0), keys.get(keys.size() - 1), more);
        return new PagedSearch.Result<>(total, rows, edges);
    }

    /** ORDER BY for the list's order, or its exact reverse when reading backward. */
    private static String order(String alias, String sortKey, boolean descending, boolean backward) {
        String tie = backward ? " DESC" : " ASC";
        if (sortKey == null) {
            String direction = descending != backward ? " DESC" : " ASC";
            return " ORDER BY " + alias + ".created_at" + direction + ", " + alias + ".id" + direction;
        }
        return " ORDER BY " + sortKey + (descending != backward ? " DESC" : " ASC")
                + (backward ? " NULLS FIRST, " : " NULLS LAST, ") + alias + ".created_at" + tie + ", " + alias + ".id" + tie;
    }

    /**
     * The rows strictly after the position in reading order (or at it too, when inclusive). Rows without a
     * sort value come last in the list's order (NULLS LAST), whichever the direction.
     */
    private static String after(String alias, String sortKey, boolean descending, Keyset keyset, List<Object> parameters) {
        KeysetPosition position = keyset.position();
        boolean backward = keyset.backward();
        String equal = keyset.inclusive() ? "=" : "";
        String tieOperator = (sortKey == null ? descending != backward : backward) ? "<" : ">";
        String tie = "(" + alias + ".created_at, " + alias + ".id) " + tieOperator + equal + " (CAST(? AS timestamptz), ?)";
        List<Object> tieParameters = List.of(position.createdAt(), position.id());
        if (sortKey == null) {
            parameters.addAll(tieParameters);
            return tie;
        }
        String valueOperator = descending != backward ? "<" : ">";
        if (position.sortValue() == null) {
            parameters.addAll(tieParameters);
            return backward ? "(" + sortKey + " IS NOT NULL OR " + tie + ")" : "(" + sortKey + " IS NULL AND " + tie + ")";
        }
        Statements.Untyped value = new Statements.Untyped(position.sortValue());
        parameters.add(value);
        parameters.add(value);
        parameters.addAll(tieParameters);
        return "(" + sortKey + " " + valueOperator + " ? OR (" + sortKey + " = ? AND " + tie + ")"
                + (backward ? "" : " OR " + sortKey + " IS NULL") + ")";
    }

}
