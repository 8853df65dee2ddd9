package org.scimlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventKind;
import org.scimlog.audit.Target;
import org.scimlog.schema.ResourceType;

/**
 * The lifecycle and profile events of one resource type, with the target type the System Log names it by
 * (Okta's "User" and "UserGroup", a declared type's own name). A target carries the resource's name as
 * alternateId and its displayName, or else that name, as displayName.
 */
record ResourceEvents(ResourceType type, String targetType, EventKind create, EventKind delete, EventKind profileUpdate) {

    EventDraft created(ResourceRecord record, Map<String, Object> debugData) {
        return EventDraft.success(create, List.of(target(record)), debugData);
    }

    EventDraft deleted(ResourceRecord record) {
        return EventDraft.success(delete, List.of(target(record)), Map.of());
    }

    /** The profile event of a change, naming what changed, unless only {@code ignored} attributes did. */
    Optional<EventDraft> profileUpdated(ResourceRecord before, ResourceRecord after, Set<String> ignored) {
        ProfileChanges changes = ProfileChanges.between(before.document(), after.document(), type, ignored);
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(EventDraft.success(profileUpdate,
                List.of(target(after).withChanges(changes.from(), changes.to())), changes.debugData()));
    }

    Target target(ResourceRecord record) {
        return target(record.id().toString(), record.name(), record.document());
    }

    /**
     * {@code id} is null for a resource a refused create's body named (none was given to it); {@code document}
     * is then that body, whose displayName is read only when the schema does not hold it secret.
     */
    Target target(@Nullable String id, @Nullable String name, JsonNode document) {
        JsonNode displayName = document.get("displayName");
        boolean shown = displayName != null && displayName.isTextual()
                && type.schema().attribute("displayName").map(a -> !a.isSecret()).orElse(true);
        return Target.of(id, targetType, name, shown ? displayName.asText() : name);
    }
}
