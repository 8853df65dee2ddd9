package org.scimlog.schema;

import java.util.List;
import java.util.Optional;

/** A SCIM resource type (RFC 7643 §6): its endpoint, core schema and extensions. */
public record ResourceType(String id, String name, String endpoint, String description, Schema schema,
                           List<SchemaExtension> extensions) {

    public ResourceType {
        extensions = List.copyOf(extensions);
    }

    public Optional<SchemaExtension> extension(String urn) {
        return extensions.stream().filter(e -> e.schema().id().equalsIgnoreCase(urn)).findFirst();
    }

    /** The core schema or an extension, by URN (case-insensitive, as RFC 7643 §2.1 asks). */
    public Optional<Schema> schemaByUrn(String urn) {
        if (schema.id().equalsIgnoreCase(urn)) {
            return Optional.of(schema);
        }
        return extension(urn).map(SchemaExtension::schema);
    }
}
