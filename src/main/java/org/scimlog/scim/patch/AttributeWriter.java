package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.scimlog.schema.Attribute;

/** Changes that target a whole attribute: "active", "name", "emails", "urn:...:User:manager". */
final class AttributeWriter implements TargetWriter {

    @Override
    public void write(ObjectNode container, Change change) {
        Attribute attribute = change.target().attribute();
        String label = change.target().label();
        switch (change.op()) {
            case ADD -> add(container, attribute, PatchValues.forAttribute(attribute, change.value(), label));
            case REPLACE -> replace(container, attribute, PatchValues.forAttribute(attribute, change.value(), label));
            case REMOVE -> remove(container, attribute, change.value(), label);
        }
    }

    /** RFC 7644 §3.5.2.1: append new values to multi-valued attributes, merge complex ones, set the rest. */
    private static void add(ObjectNode container, Attribute attribute, JsonNode value) {
        if (attribute.multiValued()) {
            ArrayNode array = MultiValues.array(container, attribute.name());
            for (JsonNode element : value) {
                if (!MultiValues.anyHolds(array, element)) {
                    array.add(element);
                }
            }
        } else if (attribute.isComplex()) {
            merge(container, attribute, (ObjectNode) value);
        } else {
            container.set(attribute.name(), value);
        }
    }

    /**
     * RFC 7644 §3.5.2.3: a multi-valued attribute is replaced whole; for a complex one "sub-attributes that
     * are not specified in the value parameter are left unchanged", so replace merges like add does.
     */
    private static void replace(ObjectNode container, Attribute attribute, JsonNode value) {
        if (attribute.isComplex() && !attribute.multiValued()) {
            merge(container, attribute, (ObjectNode) value);
        } else {
            container.set(attribute.name(), value);
        }
    }

    private static void merge(ObjectNode container, Attribute attribute, ObjectNode value) {
        JsonNode existing = container.get(attribute.name());
        if (existing instanceof ObjectNode object) {
            object.setAll(value);
        } else {
            container.set(attribute.name(), value);
        }
    }

    /**
     * Without a value the attribute goes. With one (Entra ID removes group members this way:
     * {"op":"remove","path":"members","value":[{"value":"id"}]}) only the given values leave a
     * multi-valued attribute; a single-valued attribute has nothing to choose between, so it goes.
     */
    private static void remove(ObjectNode container, Attribute attribute, JsonNode value, String label) {
        if (value != null && !value.isNull() && attribute.multiValued()) {
            JsonNode doomed = PatchValues.forAttribute(attribute, value, label);
            if (container.get(attribute.name()) instanceof ArrayNode array) {
                MultiValues.removeHeld(array, doomed);
            }
        } else {
            container.remove(attribute.name());
        }
    }
}
