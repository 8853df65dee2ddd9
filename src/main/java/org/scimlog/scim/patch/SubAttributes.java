package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.Mutability;

/** Sets and removes one sub-attribute of a complex value, enforcing what the sub-attribute's definition says. */
final class SubAttributes {

    private SubAttributes() {
    }

    static void set(ObjectNode owner, Attribute sub, JsonNode value, String label) {
        JsonNode current = owner.get(sub.name());
        if (sub.mutability() == Mutability.IMMUTABLE && current != null && !current.equals(value)) {
            throw Errors.mutability("'" + label + "' is immutable and already has a value");
        }
        owner.set(sub.name(), value);
    }

    static void remove(ObjectNode owner, Attribute sub, String label) {
        if (!owner.has(sub.name())) {
            return;
        }
        if (sub.mutability() == Mutability.IMMUTABLE) {
            throw Errors.mutability("'" + label + "' is immutable and already has a value");
        }
        if (sub.required()) {
            throw Errors.invalidValue("'" + label + "' is required and cannot be removed");
        }
        owner.remove(sub.name());
    }
}
