package org.scimlog.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.scimlog.scim.patch.PatchTestSupport.assertPatchError;
import static org.scimlog.scim.patch.PatchTestSupport.groupType;
import static org.scimlog.scim.patch.PatchTestSupport.json;
import static org.scimlog.scim.patch.PatchTestSupport.object;
import static org.scimlog.scim.patch.PatchTestSupport.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.scimlog.scim.error.ScimType;

/** Group membership changes as Okta and Entra ID send them. */
class GroupMembersPatchTest {

    private final PatchApplier applier = new PatchApplier(groupType());

    private static ObjectNode tourGuides() {
        return object("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "id": "g1", "displayName": "Tour Guides",
                 "members": [{"value": "u1", "display": "Babs"}, {"value": "u2"}, {"value": "U3"}]}""");
    }

    private ObjectNode patch(String operationsJson) {
        return applier.apply(tourGuides(), operations(operationsJson));
    }

    @Test
    void removesAMemberByValueFilter() {
        ObjectNode patched = patch("[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u2\\\"]\"}]");

        assertEquals(json("[{\"value\":\"u1\",\"display\":\"Babs\"},{\"value\":\"U3\"}]"), patched.get("members"));
    }

    @Test
    void memberValueFilterIsCaseExactBecauseTheSchemaSaysSo() {
        assertEquals(tourGuides(), patch("[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u3\\\"]\"}]"));
    }

    @Test
    void removingAnAbsentMemberIsNotAnError() {
        assertEquals(tourGuides(), patch("[{\"op\":\"remove\",\"path\":\"members[value eq \\\"nobody\\\"]\"}]"));
    }

    @Test
    void removesMembersListedInTheValueAsEntraDoes() {
        ObjectNode patched = patch("[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"u1\"},{\"value\":\"u2\"},{\"value\":\"gone\"}]}]");

        assertEquals(json("[{\"value\":\"U3\"}]"), patched.get("members"));
    }

    @Test
    void removeWithoutValueRemovesAllMembers() {
        assertFalse(patch("[{\"op\":\"remove\",\"path\":\"members\"}]").has("members"));
    }

    @Test
    void addsMembersWithoutDuplicatingExistingOnes() {
        ObjectNode patched = patch("[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"u1\"},{\"value\":\"u4\"}]}]");

        assertEquals(json("[{\"value\":\"u1\",\"display\":\"Babs\"},{\"value\":\"u2\"},{\"value\":\"U3\"},{\"value\":\"u4\"}]"),
                patched.get("members"));
    }

    @Test
    void addsMembersThroughANoPathValueAsOktaDoes() {
        ObjectNode patched = patch("[{\"op\":\"add\",\"value\":{\"members\":[{\"value\":\"u5\",\"display\":\"Eve\"}]}}]");

        assertEquals(4, patched.get("members").size());
    }

    @Test
    void renamesTheGroup() {
        assertEquals("Guides", patch("[{\"op\":\"replace\",\"value\":{\"id\":\"g1\",\"displayName\":\"Guides\"}}]")
                .get("displayName").asText());
    }

    @Test
    void requiredDisplayNameCannotBeRemoved() {
        assertPatchError(ScimType.INVALID_VALUE, () -> patch("[{\"op\":\"remove\",\"path\":\"displayName\"}]"),
                "Operations[0]", "'displayName' is required");
        assertPatchError(ScimType.INVALID_VALUE,
                () -> patch("[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":null}]"), "required");
    }

    @Test
    void memberFilterOnAnUnknownSubAttributeIsAnInvalidPath() {
        assertPatchError(ScimType.INVALID_PATH, () -> patch("[{\"op\":\"remove\",\"path\":\"members[id eq \\\"u1\\\"]\"}]"),
                "'id'", "not a sub-attribute of 'members'");
    }
}
