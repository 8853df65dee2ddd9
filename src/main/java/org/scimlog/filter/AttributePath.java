package org.scimlog.filter;

import java.util.List;

/**
 * An attribute reference such as {@code emails}, {@code name.givenName} or
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}.
 *
 * @param schemaUrn null when unqualified
 * @param names     1+ elements: ["emails"], ["name","givenName"], for the Okta dialect any depth
 *                  ["debugContext","debugData","requestId"]
 */
public record AttributePath(String schemaUrn, List<String> names) {

    public AttributePath {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an attribute path needs at least one name");
        }
    }

    /** Convenience for unqualified paths, mainly for resolvers and tests. */
    public static AttributePath of(String... names) {
        return new AttributePath(null, List.of(names));
    }

    public String attribute() {
        return names.get(0);
    }

    public String subAttribute() {
        return names.size() > 1 ? names.get(1) : null;
    }

    /** "name.givenName" — without the schema URN. */
    public String dotted() {
        return String.join(".", names);
    }

    @Override
    public String toString() {
        return schemaUrn == null ? dotted() : schemaUrn + ":" + dotted();
    }
}
