package org.scimlog.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.scimlog.audit.DeclaredEventKind;
import org.scimlog.audit.EventKind;
import org.scimlog.audit.EventType;
import org.scimlog.filter.ValueKind;
import org.scimlog.json.JsonCodec;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.AttributeType;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.Uniqueness;

/**
 * A resource type declared in configuration, stored in scim_resource (shared by all declared types, scoped by
 * its resource_type column). It has events of its own, {@code scimlog.<type>.lifecycle.create},
 * {@code .lifecycle.delete} and {@code .profile.update}, and is named in targets by its naming attribute: the
 * core schema's first single-valued string attribute that is unique, else its displayName or name, else its
 * first required string. A unique naming attribute is unique per tenant, case-insensitively.
 */
final class DeclaredKind extends ResourceKind {

    DeclaredKind(ResourceType type, JsonCodec json) {
        super(type, table(type, json), fields(type), events(type));
    }

    private static ResourceTable table(ResourceType type, JsonCodec json) {
        Optional<Attribute> name = namingAttribute(type);
        boolean unique = name.map(a -> a.uniqueness() != Uniqueness.NONE).orElse(false);
        String nameAttribute = name.map(Attribute::name).orElse("id");
        List<TableSpec.Column> columns = new ArrayList<>();
        columns.add(TableSpec.Column.externalId());
        List<TableSpec.Unique> uniques = new ArrayList<>();
        if (unique) {
            columns.add(TableSpec.Column.of("unique_name", (record, draft) -> record.name()));
            uniques.add(new TableSpec.Unique("scim_resource_unique_name_key", type.name(), nameAttribute));
        }
        return new ResourceTable(new TableSpec("scim_resource", "r", type.id(), nameAttribute, columns, uniques), json);
    }

    private static ResourceSqlFields fields(ResourceType type) {
        return new DocumentSqlFields(type, "r", Map.of(
                "id", SqlColumn.uuid("r.id"),
                "externalid", SqlColumn.of("r.external_id", ValueKind.TEXT, true),
                "meta.created", SqlColumn.of("r.created_at", ValueKind.DATE_TIME, false),
                "meta.lastmodified", SqlColumn.of("r.last_modified", ValueKind.DATE_TIME, false),
                "meta.resourcetype", SqlColumn.of(DocumentSqlFields.quote(type.name()) + "::text", ValueKind.TEXT, false)));
    }

    private static ResourceEvents events(ResourceType type) {
        return new ResourceEvents(type, type.name(), kind(type, "lifecycle.create", "INFO", "Create " + type.name(),
                "A " + type.name() + " (a resource type declared in configuration) was created."),
                kind(type, "lifecycle.delete", "INFO", "Delete " + type.name(), "A " + type.name() + " was deleted."),
                kind(type, "profile.update", "INFO", "Update " + type.name(),
                        "Attributes of a " + type.name() + " changed; debugData.changedAttributes names them, "
                                + "target changeDetails hold from/to values."));
    }

    /** The event kinds of this type, for the event catalog. */
    List<EventKind> eventKinds() {
        return List.of(events().create(), events().delete(), events().profileUpdate());
    }

    private static EventKind kind(ResourceType type, String what, String severity, String message, String description) {
        return new DeclaredEventKind(EventType.OWN_PREFIX + type.id().toLowerCase(Locale.ROOT) + "." + what, severity,
                message, description);
    }

    private static Optional<Attribute> namingAttribute(ResourceType type) {
        List<Attribute> strings = type.schema().attributes().stream()
                .filter(a -> a.type() == AttributeType.STRING && !a.multiValued() && !a.isSecret()).toList();
        return strings.stream().filter(a -> a.uniqueness() != Uniqueness.NONE).findFirst()
                .or(() -> strings.stream().filter(a -> a.name().equalsIgnoreCase("displayName")).findFirst())
                .or(() -> strings.stream().filter(a -> a.name().equalsIgnoreCase("name")).findFirst())
                .or(() -> strings.stream().filter(Attribute::required).findFirst());
    }
}
