package org.scimlog.directory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.RequestContext;
import org.scimlog.json.JsonCodec;
import org.scimlog.schema.ResourceType;

/**
 * Users in scim_user. userName, externalId and active have columns of their own (their indexes serve
 * filters; userName is unique per tenant, case-insensitively). A PATCH that deactivates and renames yields a
 * deactivate event and an update_profile event; a password appears only as the fact that it was set (the
 * column keeps when it last was), and another secret (an extension attribute declared writeOnly or returned
 * "never") only by its name in changedAttributes.
 */
final class UserKind extends ResourceKind {

    private static final TableSpec TABLE = new TableSpec("scim_user", "u", null, "userName", List.of(
            TableSpec.Column.of("user_name", (record, draft) -> record.name()),
            TableSpec.Column.externalId(),
            TableSpec.Column.of("active", (record, draft) -> record.document().hasNonNull("active")
                    ? record.document().get("active").asBoolean() : null),
            new TableSpec.Column("password_set_at", (record, draft) -> draft.passwordSet()
                    ? Timestamp.from(record.lastModified()) : null, true)),
            List.of(new TableSpec.Unique("scim_user_user_name_key", "user", "userName")));

    private final Memberships memberships;
    private final JsonCodec json;

    UserKind(ResourceType type, JsonCodec json, UserSqlFields fields, Memberships memberships) {
        super(type, new ResourceTable(TABLE, json), fields, new ResourceEvents(type, "User", EventType.USER_CREATE,
                EventType.USER_DELETE, EventType.USER_UPDATE_PROFILE));
        this.memberships = memberships;
        this.json = json;
    }

    /**
     * Okta sends a placeholder password with every create; it is part of the creation, not a change of
     * password, so it is a fact of the create event rather than an event of its own.
     */
    @Override
    List<EventDraft> created(Connection c, ResourceRecord created, ResourceDraft draft) {
        return List.of(events().created(created, draft.passwordSet() ? Map.of("passwordSet", true) : Map.of()));
    }

    @Override
    List<EventDraft> changed(ResourceRecord before, ResourceRecord after, ResourceDraft draft) {
        List<EventDraft> changes = new ArrayList<>();
        boolean wasActive = before.document().path("active").asBoolean(true);
        boolean isActive = after.document().path("active").asBoolean(true);
        if (wasActive != isActive) {
            changes.add(EventDraft.success(isActive ? EventType.USER_ACTIVATE : EventType.USER_DEACTIVATE,
                    List.of(target(after)), Map.of()));
        }
        events().profileUpdated(before, after, Set.of("active")).ifPresent(changes::add);
        if (draft.passwordSet()) {
            changes.add(EventDraft.success(EventType.USER_UPDATE_PASSWORD, List.of(target(after)), Map.of()));
        }
        return changes;
    }

    /**
     * Okta's lookup is a single statement: each user's groups are read by the page's own query (a correlated
     * subquery per row) instead of a second query and a second connection from the pool after it.
     */
    @Override
    ResourcePage search(Connection c, UUID tenantId, ResourceQuery query) throws SQLException {
        Map<UUID, List<GroupMembership>> groups = new HashMap<>();
        ResourcePage page = table().search(c, tenantId, query, new ResourceTable.Related() {
            @Override
            public String column(String alias) {
                return MembershipRepository.groupsOfRow(alias);
            }

            @Override
            public void read(ResourceRecord record, String value) {
                if (value != null) {
                    try {
                        groups.put(record.id(), MembershipRepository.groupsOfRowValue(json.read(value)));
                    } catch (com.fasterxml.jackson.core.JacksonException e) {
                        // PostgreSQL's own json_agg: unreadable only if this code and its query disagree
                        throw new IllegalStateException("unreadable groups of a user from the database", e);
                    }
                }
            }
        });
        return new ResourcePage(page.total(), page.resources(), page.edges(), groups);
    }

    /** A deleted user leaves every group it was in, each removal an event. */
    @Override
    void deleting(Connection c, RequestContext context, ResourceRecord current) throws SQLException {
        memberships.removeEverywhere(c, context, current.id());
    }

}
