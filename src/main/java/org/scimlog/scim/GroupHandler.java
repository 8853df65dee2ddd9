package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.scimlog.directory.Member;
import org.scimlog.directory.MemberEdit;
import org.scimlog.directory.MemberType;
import org.scimlog.directory.MemberReference;
import org.scimlog.directory.Memberships;
import org.scimlog.directory.ResourceDirectory;
import org.scimlog.directory.ResourceDraft;
import org.scimlog.directory.ResourceRecord;
import org.scimlog.schema.SchemaRegistry;
import org.scimlog.scim.patch.PatchApplier;
import org.scimlog.scim.patch.PatchRequestParser;

/**
 * Groups: a client's document is validated like any resource and then split, because the stored document
 * never holds members: they become membership rows (member edits: a PUT's whole list as a diff, a PATCH's
 * adds and removes as the clients send them, see {@link MemberPatches}). Members are shown only when the
 * response returns them ({@code excludedAttributes=members} reads none of their rows).
 *
 * <p>A PATCH that chooses no attributes (Okta and Entra ID never do) is answered 200 with the group and its
 * members while the group has at most {@link GroupResponseSettings#patchMaxMembers()} members, and 204 with
 * the ETag beyond that: RFC 7644 §3.5.2 allows both, Okta's 2023 suite checks the members of its one-member
 * group, Entra ID recommends 204, and a one-member change to a 100,000-member group then costs the change,
 * not a read and a transfer of every member. The size is checked before the change (at most that many index
 * entries), so the change's event records the status the client gets.
 */
final class GroupHandler implements ResourceHandler {

    private static final String MEMBERS = "members";

    private final ResourceDirectory directory;
    private final DocumentValidator validator;
    private final PatchApplier applier;
    private final MemberPatches memberPatches;
    private final ResourceRepresentation representation;
    private final Memberships memberships;
    private final ResourceLocations locations;
    /** Where members live, for their $ref (looked up once: a group can have 100,000 members). */
    private final String usersEndpoint;
    private final String groupsEndpoint;
    private final GroupResponseSettings settings;

    GroupHandler(ResourceDirectory directory, DocumentValidator validator, ResourceRepresentation representation,
                 Memberships memberships, ResourceLocations locations, SchemaRegistry registry,
                 GroupResponseSettings settings) {
        this.directory = directory;
        this.validator = validator;
        this.applier = new PatchApplier(directory.type());
        this.memberPatches = new MemberPatches(directory.type());
        this.representation = representation;
        this.memberships = memberships;
        this.locations = locations;
        this.usersEndpoint = registry.user().endpoint();
        this.groupsEndpoint = registry.group().endpoint();
        this.settings = settings;
    }

    @Override
    public ResourceDirectory directory() {
        return directory;
    }

    @Override
    public ResourceDraft create(ObjectNode body) {
        ObjectNode document = validator.validate(body, type()).document();
        return ResourceDraft.withMembers(document, List.of(new MemberEdit.Add(takeMembers(document))));
    }

    /** PUT: the document and the whole member list, applied as a diff of the current members. */
    @Override
    public Function<ResourceRecord, ResourceDraft> replace(ObjectNode body) {
        ObjectNode validated = validator.validate(body, type()).document();
        List<MemberReference> members = takeMembers(validated);
        return current -> {
            validator.checkImmutable(current.document(), validated, type());
            ObjectNode document = validator.keepUnsentSecrets(current.document(), validated, type());
            return ResourceDraft.withMembers(document, List.of(new MemberEdit.Replace(members)));
        };
    }

    @Override
    public Function<ResourceRecord, ResourceDraft> patch(ObjectNode body) {
        MemberPatches.Split split = memberPatches.split(PatchRequestParser.parse(body));
        return current -> {
            if (split.documentOperations().isEmpty()) {
                return ResourceDraft.withMembers(current.document(), split.memberEdits());
            }
            ObjectNode stored = current.documentCopy();
            UndeclaredExtensions.strip(stored, type());
            // Okta's rename echoes the id ({"id": ..., "displayName": ...}); an equal read-only value is no change
            stored.put("id", current.id().toString());
            ObjectNode patched = validator.validate(applier.apply(stored, split.documentOperations()), type()).document();
            patched.remove(MEMBERS);
            return ResourceDraft.withMembers(patched, split.memberEdits());
        };
    }

    /** The members a validated document names, taken out of it. */
    private static List<MemberReference> takeMembers(ObjectNode document) {
        JsonNode members = document.remove(MEMBERS);
        return members == null ? List.of() : MemberValues.fromCanonical((ArrayNode) members, MEMBERS);
    }

    @Override
    public boolean answersPatchWithResource(UUID tenantId, UUID id) {
        return !memberships.hasMoreThan(tenantId, id, settings.patchMaxMembers());
    }

    @Override
    public List<ObjectNode> present(List<ResourceRecord> groups, AttributeSelection selection) {
        boolean withMembers = selection.returns(MEMBERS);
        return groups.stream().map(group -> selection.apply(representation.of(type(), group, out -> {
            if (withMembers) {
                addMembers(out, group);
            }
        }))).toList();
    }

    private void addMembers(ObjectNode out, ResourceRecord group) {
        ArrayNode members = JsonNodeFactory.instance.arrayNode();
        memberships.forEachMember(group.tenantId(), group.id(), m -> members.add(member(m)));
        if (!members.isEmpty()) {
            out.set(MEMBERS, members);
        }
    }

    private ObjectNode member(Member member) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("value", member.id().toString());
        if (member.display() != null) {
            node.put("display", member.display());
        }
        node.put("type", member.type().scimName());
        String endpoint = member.type() == MemberType.USER ? usersEndpoint : groupsEndpoint;
        node.put("$ref", locations.of(endpoint, member.id()));
        return node;
    }
}
