package org.scimlog.directory;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimlog.audit.EventKind;
import org.scimlog.audit.EventKindSource;
import org.scimlog.audit.ReadEventBuffer;
import org.scimlog.json.JsonCodec;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.SchemaRegistry;

/** The directory of every resource type served: User, Group and each type declared in configuration. */
@Singleton
public class ResourceDirectories implements EventKindSource {

    private final Map<String, ResourceDirectory> byTypeId = new LinkedHashMap<>();
    private final List<EventKind> declaredKinds = new ArrayList<>();
    private final ResourceDirectory users;
    private final ResourceDirectory groups;

    ResourceDirectories(SchemaRegistry registry, JsonCodec json, WriteTransactions transactions, ReadConnections reads,
                        EventRecorder events, ReadEventBuffer readEvents, UserSqlFields userFields,
                        GroupSqlFields groupFields, Memberships memberships, MembershipRepository membershipRows,
                        MembershipEditor editor) {
        this.users = add(new UserKind(registry.user(), json, userFields, memberships), transactions, reads, events, readEvents);
        this.groups = add(new GroupKind(registry.group(), json, groupFields, editor, membershipRows, memberships, events),
                transactions, reads, events, readEvents);
        for (ResourceType type : registry.declaredTypes()) {
            DeclaredKind kind = new DeclaredKind(type, json);
            declaredKinds.addAll(kind.eventKinds());
            add(kind, transactions, reads, events, readEvents);
        }
    }

    private ResourceDirectory add(ResourceKind kind, WriteTransactions transactions, ReadConnections reads,
                                  EventRecorder events, ReadEventBuffer readEvents) {
        ResourceDirectory directory = new ResourceDirectory(kind, transactions, reads, events, readEvents);
        byTypeId.put(kind.type().id(), directory);
        return directory;
    }

    public ResourceDirectory users() {
        return users;
    }

    public ResourceDirectory groups() {
        return groups;
    }

    public Collection<ResourceDirectory> all() {
        return byTypeId.values();
    }

    public Optional<ResourceDirectory> of(ResourceType type) {
        return Optional.ofNullable(byTypeId.get(type.id()));
    }

    @Override
    public List<EventKind> eventKinds() {
        return List.copyOf(declaredKinds);
    }
}
