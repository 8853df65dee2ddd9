package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import org.scimlog.audit.RequestContext;
import org.scimlog.directory.ExpectedVersion;
import org.scimlog.directory.GroupDirectory;
import org.scimlog.directory.GroupDraft;
import org.scimlog.directory.GroupRecord;
import org.scimlog.directory.GroupUpdate;
import org.scimlog.directory.MemberEdit;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.SchemaRegistry;
import org.scimlog.scim.patch.PatchApplier;
import org.scimlog.scim.patch.PatchRequestParser;

/** Group writes from SCIM request bodies; shared by /Groups and /Bulk so both behave (and log) alike. */
@Singleton
public class GroupResources {

    private final GroupDirectory directory;
    private final GroupDocuments documents;
    private final PatchApplier applier;
    private final MemberPatches memberPatches;

    public GroupResources(GroupDirectory directory, GroupDocuments documents, SchemaRegistry registry) {
        ResourceType type = registry.group();
        this.directory = directory;
        this.documents = documents;
        this.applier = new PatchApplier(type);
        this.memberPatches = new MemberPatches(type);
    }

    public GroupRecord create(RequestContext context, ObjectNode body) {
        return directory.create(context, documents.draft(body));
    }

    /** PUT: the document and the whole member list, applied as a diff of the current members. */
    public GroupRecord replace(RequestContext context, UUID id, ExpectedVersion expected, ObjectNode body) {
        GroupDraft draft = documents.draft(body);
        return directory.update(context, id, expected, current -> {
            documents.checkImmutable(current.document(), draft.document());
            return new GroupUpdate(draft.document(), List.of(new MemberEdit.Replace(draft.members())));
        });
    }

    public GroupRecord patch(RequestContext context, UUID id, ExpectedVersion expected, ObjectNode body) {
        MemberPatches.Split split = memberPatches.split(PatchRequestParser.parse(body));
        return directory.update(context, id, expected, current -> {
            ObjectNode document = split.documentOperations().isEmpty() ? current.document()
                    : documents.canonical(applier.apply(withId(current), split.documentOperations()));
            return new GroupUpdate(document, split.memberEdits());
        });
    }

    /** Okta's rename echoes the id ({"id": ..., "displayName": ...}); an equal read-only value is no change. */
    private static ObjectNode withId(GroupRecord group) {
        ObjectNode document = group.documentCopy();
        document.put("id", group.id().toString());
        return document;
    }

    public void delete(RequestContext context, UUID id, ExpectedVersion expected) {
        directory.delete(context, id, expected);
    }
}
