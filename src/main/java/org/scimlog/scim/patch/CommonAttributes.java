package org.scimlog.scim.patch;

import static org.scimlog.schema.Attribute.named;

import java.util.List;
import java.util.Optional;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.AttributeType;
import org.scimlog.schema.Mutability;

/**
 * RFC 7643 §3.1 attributes every resource has but no schema lists, so PATCH paths naming them resolve.
 * "schemas" is marked read-only here: the server derives it from the extensions present, so a PATCH
 * naming it is refused with "mutability" rather than "invalidPath" (it exists, it just is not writable).
 */
final class CommonAttributes {

    private static final List<Attribute> ALL = List.of(
            named("id", AttributeType.STRING).caseExact().mutability(Mutability.READ_ONLY).build(),
            named("externalId", AttributeType.STRING).caseExact().build(),
            named("schemas", AttributeType.REFERENCE).multiValued().caseExact()
                    .mutability(Mutability.READ_ONLY).build(),
            named("meta", AttributeType.COMPLEX).mutability(Mutability.READ_ONLY).subAttributes(
                    readOnly("resourceType", AttributeType.STRING),
                    readOnly("created", AttributeType.DATE_TIME),
                    readOnly("lastModified", AttributeType.DATE_TIME),
                    readOnly("location", AttributeType.REFERENCE),
                    readOnly("version", AttributeType.STRING)).build());

    private CommonAttributes() {
    }

    static Optional<Attribute> find(String name) {
        return ALL.stream().filter(a -> a.name().equalsIgnoreCase(name)).findFirst();
    }

    private static Attribute readOnly(String name, AttributeType type) {
        return named(name, type).caseExact().mutability(Mutability.READ_ONLY).build();
    }
}
