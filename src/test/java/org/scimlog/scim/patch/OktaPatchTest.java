package org.scimlog.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.scimlog.scim.patch.PatchTestSupport.bjensen;
import static org.scimlog.scim.patch.PatchTestSupport.json;
import static org.scimlog.scim.patch.PatchTestSupport.operations;
import static org.scimlog.scim.patch.PatchTestSupport.userType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The PATCH requests Okta sends: no-path replaces of "active" and of full user values. */
class OktaPatchTest {

    private final PatchApplier applier = new PatchApplier(userType());

    @Test
    void deactivatesWithANoPathReplace() {
        ObjectNode patched = applier.apply(bjensen(),
                operations("[{\"op\":\"replace\",\"value\":{\"active\":false}}]"));

        assertEquals(false, patched.get("active").booleanValue());
        ObjectNode expected = bjensen();
        expected.put("active", false);
        assertEquals(expected, patched, "nothing but active changes");
    }

    @Test
    void reactivatesWithANoPathReplace() {
        ObjectNode inactive = bjensen();
        inactive.put("active", false);

        ObjectNode patched = applier.apply(inactive, operations("[{\"op\":\"replace\",\"value\":{\"active\":true}}]"));

        assertEquals(bjensen(), patched);
    }

    @Test
    void replacesWithFullUserValues() {
        ObjectNode patched = applier.apply(bjensen(), operations("""
                [{"op": "replace", "value": {
                    "userName": "barbara@example.com",
                    "name": {"givenName": "Babs", "familyName": "Jensen-Smith"},
                    "emails": [{"value": "barbara@example.com", "type": "work", "primary": true}],
                    "displayName": "Babs Jensen",
                    "active": true}}]
                """));

        assertEquals(json("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "id": "2819c223", "externalId": "bjensen",
                 "meta": {"resourceType": "User", "version": "W/\\"1\\""},
                 "userName": "barbara@example.com",
                 "name": {"givenName": "Babs", "familyName": "Jensen-Smith"},
                 "active": true,
                 "emails": [{"value": "barbara@example.com", "type": "work", "primary": true}],
                 "displayName": "Babs Jensen"}
                """), patched);
    }

    @Test
    void acceptsAFullUserEchoIncludingSchemasIdAndMeta() {
        ObjectNode echo = bjensen();
        echo.put("title", "Tour Guide");

        ObjectNode patched = applier.apply(bjensen(),
                operations("[{\"op\":\"replace\",\"value\":" + echo + "}]"));

        assertEquals(echo, patched);
    }

    @Test
    void leavesTheInputDocumentUntouched() {
        ObjectNode input = bjensen();

        applier.apply(input, operations("[{\"op\":\"replace\",\"value\":{\"active\":false}}]"));

        assertEquals(bjensen(), input);
    }
}
