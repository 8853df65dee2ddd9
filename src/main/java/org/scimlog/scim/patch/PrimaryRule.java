package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.ResourceType;

/**
 * RFC 7643 §2.4: at most one value of a multi-valued attribute may be primary. Clients mark a new primary
 * without clearing the old one, so after each operation the value most recently made primary keeps the
 * flag and the others get {@code "primary": false}. Elements are tracked by identity because a newly
 * primary element may look exactly like an older one.
 */
final class PrimaryRule {

    private static final String PRIMARY = "primary";

    private final ResourceType type;

    PrimaryRule(ResourceType type) {
        this.type = type;
    }

    /** The elements that are primary now, to tell afterwards which ones became primary in between. */
    Set<JsonNode> primariesIn(ObjectNode document) {
        Set<JsonNode> primaries = Collections.newSetFromMap(new IdentityHashMap<>());
        forEachPrimaryCapableAttribute(document, (container, attribute) ->
                primaries.addAll(primaryElements(container, attribute)));
        return primaries;
    }

    void enforce(ObjectNode document, Set<JsonNode> primariesBefore) {
        forEachPrimaryCapableAttribute(document, (container, attribute) -> {
            List<ObjectNode> primaries = primaryElements(container, attribute);
            if (primaries.size() < 2) {
                return;
            }
            ObjectNode winner = primaries.stream()
                    .filter(element -> !primariesBefore.contains(element))
                    .reduce((first, second) -> second) // the last one the operation made primary
                    .orElse(primaries.get(primaries.size() - 1));
            primaries.stream().filter(element -> element != winner).forEach(element -> element.put(PRIMARY, false));
        });
    }

    private void forEachPrimaryCapableAttribute(ObjectNode document, BiConsumer<ObjectNode, Attribute> action) {
        for (ResourceContainers.Container container : ResourceContainers.present(document, type)) {
            for (Attribute attribute : container.schema().attributes()) {
                if (attribute.multiValued() && attribute.subAttribute(PRIMARY).isPresent()) {
                    action.accept(container.node(), attribute);
                }
            }
        }
    }

    private static List<ObjectNode> primaryElements(ObjectNode container, Attribute attribute) {
        return MultiValues.objectElements(container, attribute.name()).stream()
                .filter(element -> element.path(PRIMARY).asBoolean(false) && element.path(PRIMARY).isBoolean())
                .toList();
    }
}
