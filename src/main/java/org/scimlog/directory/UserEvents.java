package org.scimlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.Target;

/**
 * The System Log events one user write produces. A PATCH that deactivates and renames yields a
 * deactivate event and an update_profile event; a password appears only as the fact that it was set.
 */
final class UserEvents {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private UserEvents() {
    }

    static List<EventDraft> of(UserChange change) {
        if (!change.changed() && !change.passwordSet()) {
            return List.of();
        }
        List<EventDraft> events = new ArrayList<>();
        if (change.before() == null) {
            // Okta sends a placeholder password with every create; it is part of the creation, not a change
            // of password, so it is a fact of the create event rather than an event of its own.
            events.add(EventDraft.success(EventType.USER_CREATE, List.of(target(change.after())),
                    change.passwordSet() ? Map.of("passwordSet", true) : Map.of()));
            return events;
        }
        if (change.after() == null) {
            events.add(EventDraft.success(EventType.USER_DELETE, List.of(target(change.before())), Map.of()));
            return events;
        }
        UserRecord before = change.before();
        UserRecord after = change.after();
        boolean wasActive = before.document().path("active").asBoolean(true);
        boolean isActive = after.document().path("active").asBoolean(true);
        if (wasActive != isActive) {
            events.add(EventDraft.success(isActive ? EventType.USER_ACTIVATE : EventType.USER_DEACTIVATE,
                    List.of(target(after)), Map.of()));
        }
        ObjectNode from = JSON.objectNode();
        ObjectNode to = JSON.objectNode();
        TreeSet<String> changed = new TreeSet<>();
        diff(before.document(), after.document(), "", from, to, changed);
        changed.remove("active");
        from.remove("active");
        to.remove("active");
        if (!changed.isEmpty()) {
            Map<String, Object> debug = new LinkedHashMap<>();
            debug.put("changedAttributes", String.join(",", changed));
            // e.g. data of an extension schema the configuration no longer declares, dropped by this write
            List<String> removedSchemas = removedSchemas(before.document(), after.document());
            if (!removedSchemas.isEmpty()) {
                debug.put("removedSchemas", String.join(",", removedSchemas));
            }
            events.add(EventDraft.success(EventType.USER_UPDATE_PROFILE, List.of(target(after).withChanges(from, to)),
                    debug));
        }
        if (change.passwordSet()) {
            events.add(EventDraft.success(EventType.USER_UPDATE_PASSWORD, List.of(target(after)), Map.of()));
        }
        return events;
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

    static Target target(UserRecord user) {
        JsonNode displayName = user.document().get("displayName");
        return Target.of(user.id().toString(), "User", user.userName(),
                displayName == null ? user.userName() : displayName.asText());
    }

    /** Top-level attributes that differ; extension attributes are named with their schema URN. */
    private static void diff(ObjectNode before, ObjectNode after, String prefix, ObjectNode from, ObjectNode to,
                             TreeSet<String> changed) {
        TreeSet<String> names = new TreeSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (name.equals("schemas")) {
                continue;
            }
            JsonNode was = before.get(name);
            JsonNode now = after.get(name);
            if (Objects.equals(was, now)) {
                continue;
            }
            if (name.startsWith("urn:") && (was == null || was.isObject()) && (now == null || now.isObject())) {
                diff(was == null ? JSON.objectNode() : (ObjectNode) was, now == null ? JSON.objectNode() : (ObjectNode) now,
                        name + ":", from, to, changed);
                continue;
            }
            String key = prefix + name;
            changed.add(key);
            from.set(key, was == null ? JSON.nullNode() : was);
            to.set(key, now == null ? JSON.nullNode() : now);
        }
    }

}
