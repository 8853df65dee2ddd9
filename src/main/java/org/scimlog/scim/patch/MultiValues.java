package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Element-level helpers for multi-valued attributes. */
final class MultiValues {

    private MultiValues() {
    }

    /** The attribute's array, created empty when absent (an empty one is tidied away afterwards). */
    static ArrayNode array(ObjectNode container, String name) {
        JsonNode existing = container.get(name);
        return existing instanceof ArrayNode array ? array : container.putArray(name);
    }

    /** The attribute's object elements; anything else in the array is not addressable by sub-attribute. */
    static List<ObjectNode> objectElements(ObjectNode container, String name) {
        List<ObjectNode> elements = new ArrayList<>();
        if (container.get(name) instanceof ArrayNode array) {
            array.forEach(element -> {
                if (element instanceof ObjectNode object) {
                    elements.add(object);
                }
            });
        }
        return elements;
    }

    /**
     * Whether {@code existing} already holds {@code candidate}: equal, or for objects, every sub-attribute
     * the candidate gives is equal in the existing element. So re-adding {"value": "g1"} to a member
     * stored with its display name changes nothing, as RFC 7644 §3.5.2.1 asks for values already present.
     */
    static boolean holds(JsonNode existing, JsonNode candidate) {
        if (existing instanceof ObjectNode object && candidate instanceof ObjectNode wanted) {
            for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().equals(object.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return existing.equals(candidate);
    }

    static boolean anyHolds(ArrayNode array, JsonNode candidate) {
        for (JsonNode element : array) {
            if (holds(element, candidate)) {
                return true;
            }
        }
        return false;
    }

    /** Removes the elements that hold any of the given values; returns nothing because absence is fine. */
    static void removeHeld(ArrayNode array, JsonNode values) {
        for (int i = array.size() - 1; i >= 0; i--) {
            JsonNode element = array.get(i);
            for (JsonNode value : values) {
                if (holds(element, value)) {
                    array.remove(i);
                    break;
                }
            }
        }
    }

    /** Removes the given elements, compared by identity so that equal-looking unmatched ones stay. */
    static void removeElements(ArrayNode array, List<ObjectNode> doomed) {
        for (int i = array.size() - 1; i >= 0; i--) {
            JsonNode element = array.get(i);
            if (doomed.stream().anyMatch(d -> d == element)) {
                array.remove(i);
            }
        }
    }
}
