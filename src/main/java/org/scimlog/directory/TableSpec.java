package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * The shape of one resource table: every such table has tenant_id, id, doc (jsonb), version, created_at and
 * last_modified; a spec names the table, the columns it has besides (filled from the record and the draft, so
 * their indexes serve filters and uniqueness), which unique index means which conflict, and, for the table
 * several declared types share, the type its rows are scoped to.
 *
 * @param resourceType the value of the table's resource_type column, or null for a table of one type
 * @param nameAttribute the attribute whose value is {@link ResourceRecord#name()}
 */
record TableSpec(String table, String alias, @Nullable String resourceType, String nameAttribute,
                 List<Column> columns, List<Unique> uniques) {

    TableSpec {
        columns = List.copyOf(columns);
        uniques = List.copyOf(uniques);
    }

    /** A column's value for a record being written. */
    interface Value {
        @Nullable
        Object of(ResourceRecord record, ResourceDraft draft);
    }

    /**
     * A column besides the common ones. One that is {@code keptWhenNull} keeps its stored value when a write
     * has none for it (a password's time is set by the writes that set one, and kept by the others).
     */
    record Column(String name, Value value, boolean keptWhenNull) {
        static Column of(String name, Value value) {
            return new Column(name, value, false);
        }

        /** externalId (RFC 7643 §3.1), which every resource type has and Okta and Entra look resources up by. */
        static Column externalId() {
            return of("external_id", (record, draft) -> record.document().hasNonNull("externalId")
                    ? record.document().get("externalId").asText() : null);
        }
    }

    /** A unique index and the conflict it means: "A {noun} with {attribute} '{value}' already exists." */
    record Unique(String index, String noun, String attribute) {
    }
}
