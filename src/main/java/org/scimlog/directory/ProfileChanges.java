package org.scimlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.SecretAttributes;

/**
 * The top-level attributes two versions of a document differ in, for an update event of any resource type:
 * their names (extension attributes named with their schema URN) and their values before and after. A
 * secret's value, and that of an attribute the configuration no longer declares (it may have been a secret),
 * is left out of from/to: the change is recorded by name only.
 */
record ProfileChanges(TreeSet<String> names, ObjectNode from, ObjectNode to, List<String> removedSchemas) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Changes of the attributes in {@code ignored} are events of their own (a user's active), not profile changes. */
    static ProfileChanges between(ObjectNode before, ObjectNode after, ResourceType type, Set<String> ignored) {
        ProfileChanges changes = new ProfileChanges(new TreeSet<>(), JSON.objectNode(), JSON.objectNode(),
                removedSchemas(before, after));
        changes.diff(before, after, null, type);
        for (String name : ignored) {
            changes.names.remove(name);
            changes.from.remove(name);
            changes.to.remove(name);
        }
        return changes;
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** changedAttributes, and removedSchemas when a write dropped data of an extension no longer declared. */
    Map<String, Object> debugData() {
        Map<String, Object> debug = new LinkedHashMap<>();
        debug.put("changedAttributes", String.join(",", names));
        if (!removedSchemas.isEmpty()) {
            debug.put("removedSchemas", String.join(",", removedSchemas));
        }
        return debug;
    }

    private void diff(ObjectNode before, ObjectNode after, @Nullable String urn, ResourceType type) {
        TreeSet<String> all = new TreeSet<>();
        before.fieldNames().forEachRemaining(all::add);
        after.fieldNames().forEachRemaining(all::add);
        for (String name : all) {
            if (name.equals("schemas")) {
                continue;
            }
            JsonNode was = before.get(name);
            JsonNode now = after.get(name);
            if (Objects.equals(was, now)) {
                continue;
            }
            if (urn == null && name.startsWith("urn:") && (was == null || was.isObject()) && (now == null || now.isObject())) {
                diff(was == null ? JSON.objectNode() : (ObjectNode) was, now == null ? JSON.objectNode() : (ObjectNode) now,
                        name, type);
                continue;
            }
            String key = urn == null ? name : urn + ":" + name;
            names.add(key);
            Optional<Attribute> attribute = SecretAttributes.attribute(type, urn, name);
            if (attribute.isEmpty() || attribute.get().isSecret()) {
                continue;
            }
            from.set(key, was == null ? JSON.nullNode() : SecretAttributes.withoutSecretSubAttributes(attribute.get(), was));
            to.set(key, now == null ? JSON.nullNode() : SecretAttributes.withoutSecretSubAttributes(attribute.get(), now));
        }
    }

    private static List<String> removedSchemas(ObjectNode before, ObjectNode after) {
        List<String> kept = new ArrayList<>();
        after.path("schemas").forEach(urn -> kept.add(urn.asText()));
        List<String> removed = new ArrayList<>();
        before.path("schemas").forEach(urn -> {
            if (!kept.contains(urn.asText())) {
                removed.add(urn.asText());
            }
        });
        return removed;
    }
}
