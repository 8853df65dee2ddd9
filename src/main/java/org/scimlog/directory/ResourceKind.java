package org.scimlog.directory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.RequestContext;
import org.scimlog.audit.Target;
import org.scimlog.schema.ResourceType;

/**
 * What differs between resource types inside the directory's one write template ({@link ResourceDirectory}):
 * the table, the SQL of filters, the events a change means, and what a resource is related to (a group's
 * members; the groups a user or group is in). Each method runs in the write's transaction.
 */
interface ResourceKind {

    ResourceType type();

    ResourceTable table();

    ResourceSqlFields fields();

    /** How the System Log names resources of this type. */
    String targetType();

    Target target(ResourceRecord record);

    /** The events of a create, after its row is in; a group's first members are added here. */
    List<EventDraft> created(Connection c, ResourceRecord created, ResourceDraft draft) throws SQLException;

    /** The events of a change of the document (none when it did not change). */
    List<EventDraft> changed(ResourceRecord before, ResourceRecord after, ResourceDraft draft);

    /** Applies a draft's changes to what is not in the document (a group's members); their events. */
    default List<EventDraft> relationsChanged(Connection c, ResourceRecord after, ResourceDraft draft) throws SQLException {
        return List.of();
    }

    /** Before the row goes: its relations are removed, each removal recorded. */
    default void deleting(Connection c, RequestContext context, ResourceRecord current) throws SQLException {
    }

    EventDraft deleted(ResourceRecord current);
}
