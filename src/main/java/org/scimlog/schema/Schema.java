package org.scimlog.schema;

import java.util.List;
import java.util.Optional;

/** A SCIM schema (RFC 7643 §7): its URN and attribute definitions. */
public record Schema(String id, String name, String description, List<Attribute> attributes) {

    public Schema {
        attributes = List.copyOf(attributes);
    }

    /**
     * A schema is identified by its URN (RFC 7643 §7: "id ... the unique URI of the schema"). Equality and
     * hashing by it, not by the whole attribute tree, keep sets of schemas cheap on every request.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Schema schema && schema.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    public Optional<Attribute> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equalsIgnoreCase(attributeName)).findFirst();
    }
}
