package org.scimlog.directory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.RequestContext;
import org.scimlog.json.JsonCodec;
import org.scimlog.schema.ResourceType;

/**
 * Groups in scim_group; their members are rows of group_member (see {@link MembershipEditor}), never part of
 * the document, so a change of members is row inserts and deletes plus a version move, whatever the group's
 * size. displayName is unique per tenant, case-insensitively. The System Log names groups "UserGroup", as Okta
 * does.
 */
final class GroupKind extends ResourceKind {

    private static final TableSpec TABLE = new TableSpec("scim_group", "g", null, "displayName", List.of(
            TableSpec.Column.of("display_name", (record, draft) -> record.name()),
            TableSpec.Column.externalId()),
            List.of(new TableSpec.Unique("scim_group_display_name_key", "group", "displayName")));

    private final MembershipEditor editor;
    private final MembershipRepository memberships;
    private final Memberships everywhere;
    private final EventRecorder recorder;

    GroupKind(ResourceType type, JsonCodec json, GroupSqlFields fields, MembershipEditor editor,
              MembershipRepository memberships, Memberships everywhere, EventRecorder recorder) {
        super(type, new ResourceTable(TABLE, json), fields, new ResourceEvents(type, GroupEvents.GROUP_TARGET,
                EventType.GROUP_CREATE, EventType.GROUP_DELETE, EventType.GROUP_UPDATE));
        this.editor = editor;
        this.memberships = memberships;
        this.everywhere = everywhere;
        this.recorder = recorder;
    }

    @Override
    List<EventDraft> created(Connection c, ResourceRecord created, ResourceDraft draft) throws SQLException {
        List<EventDraft> drafts = new ArrayList<>();
        drafts.addAll(super.created(c, created, draft));
        drafts.addAll(editor.apply(c, created, draft.memberEdits(), created.created()));
        return drafts;
    }

    @Override
    List<EventDraft> relationsChanged(Connection c, ResourceRecord after, ResourceDraft draft) throws SQLException {
        return editor.apply(c, after, draft.memberEdits(), after.lastModified());
    }

    /** Its members leave it, and it leaves the groups it is in; each removal an event. */
    @Override
    void deleting(Connection c, RequestContext context, ResourceRecord current) throws SQLException {
        ResolvedMember party = GroupEvents.asParty(current);
        List<EventDraft> drafts = new ArrayList<>();
        memberships.deleteAll(c, context.tenantId(), current.id()).forEach(m -> drafts.add(GroupEvents.memberRemoved(m, party)));
        recorder.record(c, context, drafts);
        everywhere.removeEverywhere(c, context, current.id());
    }

}
