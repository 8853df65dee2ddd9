package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.scimlog.database.Statements;
import org.scimlog.filter.SqlFragment;
import org.scimlog.json.JsonCodec;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.Schema;

/**
 * The SQL of one resource table, driven by its {@link TableSpec}. Every statement is scoped by tenant (and by
 * resource type in a shared table); callers own the transaction.
 */
final class ResourceTable {

    private static final String UNIQUE_VIOLATION = "23505";

    private final TableSpec spec;
    private final JsonCodec json;
    private final String columns;
    private final String insert;
    private final String update;
    private final String touch;
    private final String delete;
    private final String scope;

    ResourceTable(TableSpec spec, JsonCodec json) {
        this.spec = spec;
        this.json = json;
        String a = spec.alias();
        this.columns = a + ".id, " + a + ".doc::text, " + a + ".version, " + a + ".created_at, " + a + ".last_modified";
        this.scope = spec.resourceType() == null ? "" : " AND resource_type = ?";
        List<String> names = new ArrayList<>(List.of("tenant_id", "id"));
        if (spec.resourceType() != null) {
            names.add("resource_type");
        }
        spec.columns().forEach(c -> names.add(c.name()));
        names.addAll(List.of("doc", "version", "created_at", "last_modified"));
        this.insert = "INSERT INTO " + spec.table() + " (" + String.join(", ", names) + ") VALUES ("
                + names.stream().map(n -> n.equals("doc") ? "?::jsonb" : "?").collect(Collectors.joining(", ")) + ")";
        String assignments = spec.columns().stream()
                .map(c -> c.keptWhenNull() ? c.name() + " = COALESCE(?, " + c.name() + ")" : c.name() + " = ?")
                .collect(Collectors.joining(", "));
        this.update = "UPDATE " + spec.table() + " SET " + (assignments.isEmpty() ? "" : assignments + ", ")
                + "doc = ?::jsonb, version = ?, last_modified = ? WHERE tenant_id = ? AND id = ?" + scope;
        this.touch = "UPDATE " + spec.table() + " SET version = ?, last_modified = ? WHERE tenant_id = ? AND id = ?" + scope;
        this.delete = "DELETE FROM " + spec.table() + " WHERE tenant_id = ? AND id = ?" + scope;
    }

    /** A first version, as a create stores it. */
    ResourceRecord newRecord(UUID tenantId, UUID id, ObjectNode document, Instant now) {
        return new ResourceRecord(tenantId, id, nameOf(document), document, 1, now, now);
    }

    /** The next version holding {@code document}. */
    ResourceRecord next(ResourceRecord current, ObjectNode document, Instant now) {
        return current.next(nameOf(document), document, now);
    }

    void insert(Connection c, ResourceRecord record, ResourceDraft draft) throws SQLException {
        List<Object> parameters = new ArrayList<>(List.of(record.tenantId(), record.id()));
        if (spec.resourceType() != null) {
            parameters.add(spec.resourceType());
        }
        spec.columns().forEach(column -> parameters.add(column.value().of(record, draft)));
        parameters.addAll(List.of(json.writeString(record.document()), record.version(), record.created(),
                record.lastModified()));
        execute(c, insert, parameters, record);
    }

    void update(Connection c, ResourceRecord record, ResourceDraft draft) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        spec.columns().forEach(column -> parameters.add(column.value().of(record, draft)));
        parameters.addAll(List.of(json.writeString(record.document()), record.version(), record.lastModified()));
        execute(c, update, scoped(parameters, record.tenantId(), record.id()), record);
    }

    /** A change of what is not in the row (a group's members): the document stays, version and lastModified move. */
    void touch(Connection c, ResourceRecord record) throws SQLException {
        execute(c, touch, scoped(new ArrayList<>(List.of(record.version(), record.lastModified())), record.tenantId(),
                record.id()), record);
    }

    void delete(Connection c, UUID tenantId, UUID id) throws SQLException {
        try (PreparedStatement ps = Statements.prepare(c, delete, scoped(new ArrayList<>(), tenantId, id))) {
            ps.executeUpdate();
        }
    }

    Optional<ResourceRecord> find(Connection c, UUID tenantId, UUID id, RowLock lock) throws SQLException {
        String sql = "SELECT " + columns + " FROM " + spec.table() + " " + spec.alias() + " WHERE " + spec.alias()
                + ".tenant_id = ? AND " + spec.alias() + ".id = ?" + scope + lock.clause();
        try (PreparedStatement ps = Statements.prepare(c, sql, scoped(new ArrayList<>(), tenantId, id));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs, tenantId)) : Optional.empty();
        }
    }

    ResourcePage search(Connection c, UUID tenantId, ResourceQuery query) throws SQLException {
        PagedSearch.Result<ResourceRecord> page = PagedSearch.run(c, spec.table(), spec.alias(), columns, 5, tenantId,
                ofThisType(query), rs -> read(rs, tenantId));
        return new ResourcePage(page.total(), page.rows(), page.edges());
    }

    /** What a search reads besides the row, in the same statement: a related value of each row. */
    interface Related {
        /** A select item over the table's alias (a correlated subquery), read as text; parameterless. */
        String column(String alias);

        void read(ResourceRecord record, @Nullable String value);
    }

    /** A search that also reads {@code related} for every row of the page, in the page's one statement. */
    ResourcePage search(Connection c, UUID tenantId, ResourceQuery query, Related related) throws SQLException {
        PagedSearch.Result<ResourceRecord> page = PagedSearch.run(c, spec.table(), spec.alias(),
                columns + ", " + related.column(spec.alias()), 6, tenantId, ofThisType(query), rs -> {
                    ResourceRecord record = read(rs, tenantId);
                    related.read(record, rs.getString(6));
                    return record;
                });
        return new ResourcePage(page.total(), page.rows(), page.edges());
    }

    /** In a shared table, a search sees only the rows of its type. */
    private ResourceQuery ofThisType(ResourceQuery query) {
        if (spec.resourceType() == null) {
            return query;
        }
        SqlFragment type = SqlFragment.of(spec.alias() + ".resource_type = ?", spec.resourceType());
        SqlFragment where = query.where() == null ? type : type.and(query.where());
        return new ResourceQuery(where, query.orderBy(), query.descending(), query.offset(), query.limit(), query.keyset());
    }

    private List<Object> scoped(List<Object> parameters, UUID tenantId, UUID id) {
        parameters.add(tenantId);
        parameters.add(id);
        if (spec.resourceType() != null) {
            parameters.add(spec.resourceType());
        }
        return parameters;
    }

    private void execute(Connection c, String sql, List<Object> parameters, ResourceRecord record) throws SQLException {
        try (PreparedStatement ps = Statements.prepare(c, sql, parameters)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw conflictOf(e, record).orElseThrow(() -> e);
        }
    }

    /** A unique index the write broke, as the conflict the client is told about. */
    private Optional<RuntimeException> conflictOf(SQLException e, ResourceRecord record) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || e.getMessage() == null) {
            return Optional.empty();
        }
        return spec.uniques().stream().filter(u -> e.getMessage().contains(u.index())).findFirst()
                .map(u -> new DirectoryException.Conflict("A " + u.noun() + " with " + u.attribute() + " '"
                        + record.document().path(u.attribute()).asText() + "' already exists."));
    }

    /**
     * The naming attribute's value in a body as the client sent it (attribute names in any case, RFC 7643
     * §2.1), when it is a non-blank string and the schema does not hold the attribute secret.
     */
    Optional<String> nameInBody(JsonNode body, Schema schema) {
        if (schema.attribute(spec.nameAttribute()).map(Attribute::isSecret).orElse(false) || !body.isObject()) {
            return Optional.empty();
        }
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(spec.nameAttribute()) && field.getValue().isTextual()
                    && !field.getValue().asText().isBlank()) {
                return Optional.of(field.getValue().asText());
            }
        }
        return Optional.empty();
    }

    private String nameOf(ObjectNode document) {
        return document.hasNonNull(spec.nameAttribute()) ? document.get(spec.nameAttribute()).asText() : null;
    }

    private ResourceRecord read(ResultSet rs, UUID tenantId) throws SQLException {
        ObjectNode document = json.readStored(rs.getString(2));
        return new ResourceRecord(tenantId, rs.getObject(1, UUID.class), nameOf(document), document, rs.getLong(3),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant());
    }
}
