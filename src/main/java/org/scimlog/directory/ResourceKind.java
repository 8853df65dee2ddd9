package org.scimlog.directory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.RequestContext;
import org.scimlog.audit.Target;
import org.scimlog.schema.ResourceType;

/**
 * What differs between resource types inside the directory's one write template ({@link ResourceDirectory}):
 * the table, the SQL of filters, the events a change means, and what a resource is related to (a group's
 * members; the groups a user or group is in). The defaults are those of a type stored as one document and
 * related to nothing (a declared type); users and groups add theirs. Each method runs in the write's
 * transaction.
 */
abstract class ResourceKind {

    private final ResourceType type;
    private final ResourceTable table;
    private final ResourceSqlFields fields;
    private final ResourceEvents events;

    ResourceKind(ResourceType type, ResourceTable table, ResourceSqlFields fields, ResourceEvents events) {
        this.type = type;
        this.table = table;
        this.fields = fields;
        this.events = events;
    }

    final ResourceType type() {
        return type;
    }

    final ResourceTable table() {
        return table;
    }

    final ResourceSqlFields fields() {
        return fields;
    }

    final ResourceEvents events() {
        return events;
    }

    /** How the System Log names resources of this type. */
    final String targetType() {
        return events.targetType();
    }

    final Target target(ResourceRecord record) {
        return events.target(record);
    }

    /** A list or filter query of this type; a type may read what relates to each row in the same statement. */
    ResourcePage search(Connection c, java.util.UUID tenantId, ResourceQuery query) throws SQLException {
        return table.search(c, tenantId, query);
    }

    /** The events of a create, after its row is in. */
    List<EventDraft> created(Connection c, ResourceRecord created, ResourceDraft draft) throws SQLException {
        return List.of(events.created(created, Map.of()));
    }

    /** The events of a change of the document (called only when it changed, or a password was set). */
    List<EventDraft> changed(ResourceRecord before, ResourceRecord after, ResourceDraft draft) {
        return events.profileUpdated(before, after, Set.of()).stream().toList();
    }

    /** Applies a draft's changes to what is not in the document (a group's members); their events. */
    List<EventDraft> relationsChanged(Connection c, ResourceRecord after, ResourceDraft draft) throws SQLException {
        return List.of();
    }

    /** Before the row goes: its relations are removed, each removal recorded. */
    void deleting(Connection c, RequestContext context, ResourceRecord current) throws SQLException {
    }

    EventDraft deleted(ResourceRecord current) {
        return events.deleted(current);
    }
}
