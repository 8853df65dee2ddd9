package org.scimlog.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.scimlog.scim.patch.PatchTestSupport.ENTERPRISE;
import static org.scimlog.scim.patch.PatchTestSupport.bjensen;
import static org.scimlog.scim.patch.PatchTestSupport.json;
import static org.scimlog.scim.patch.PatchTestSupport.operations;
import static org.scimlog.scim.patch.PatchTestSupport.userType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The PATCH requests Microsoft Entra ID sends, which stretch RFC 7644 in several directions. */
class EntraPatchTest {

    private final PatchApplier applier = new PatchApplier(userType());

    @Test
    void acceptsCapitalisedOpsAndStringBooleans() {
        ObjectNode patched = applier.apply(bjensen(),
                operations("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]"));

        assertEquals(json("false"), patched.get("active"));
    }

    @Test
    void replacesTheWorkEmailWhenOneExists() {
        ObjectNode patched = applier.apply(bjensen(), operations(
                "[{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"barbara@example.com\"}]"));

        assertEquals(json("""
                [{"value": "barbara@example.com", "type": "work", "primary": true},
                 {"value": "babs@jensen.org", "type": "home"}]"""), patched.get("emails"));
    }

    @Test
    void createsTheWorkEmailWhenNoneExists() {
        ObjectNode user = bjensen();
        user.remove("emails");

        ObjectNode patched = applier.apply(user, operations(
                "[{\"op\":\"Add\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"barbara@example.com\"}]"));

        assertEquals(json("[{\"type\":\"work\",\"value\":\"barbara@example.com\"}]"), patched.get("emails"));
    }

    @Test
    void createsTheWorkEmailNextToOtherEmails() {
        ObjectNode user = bjensen();
        user.withArray("emails").remove(0);

        ObjectNode patched = applier.apply(user, operations(
                "[{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"b@example.com\"}]"));

        assertEquals(json("""
                [{"value": "babs@jensen.org", "type": "home"}, {"type": "work", "value": "b@example.com"}]"""),
                patched.get("emails"));
    }

    @Test
    void createsAnElementFromEveryEqualityOfAConjunction() {
        ObjectNode patched = applier.apply(bjensen(), operations("""
                [{"op": "Add", "path": "addresses[type eq \\"work\\" and primary eq true].streetAddress",
                  "value": "100 Universal City Plaza"}]"""));

        assertEquals(json("[{\"type\":\"work\",\"primary\":true,\"streetAddress\":\"100 Universal City Plaza\"}]"),
                patched.get("addresses"));
    }

    @Test
    void setsTheManagerFromABareId() {
        ObjectNode patched = applier.apply(bjensen(), operations(
                "[{\"op\":\"Add\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":\"id123\"}]"));

        assertEquals(json("{\"manager\":{\"value\":\"id123\"}}"), patched.get(ENTERPRISE));
        assertEquals(json("[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENTERPRISE + "\"]"),
                patched.get("schemas"));
    }

    @Test
    void setsTheManagerFromAnObject() {
        ObjectNode patched = applier.apply(bjensen(), operations(
                "[{\"op\":\"Replace\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":{\"value\":\"id456\"}}]"));

        assertEquals(json("{\"manager\":{\"value\":\"id456\"}}"), patched.get(ENTERPRISE));
    }

    @Test
    void removingTheLastExtensionAttributeDropsTheExtension() {
        ObjectNode user = applier.apply(bjensen(), operations(
                "[{\"op\":\"Add\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":\"id123\"}]"));

        ObjectNode patched = applier.apply(user, operations(
                "[{\"op\":\"Remove\",\"path\":\"" + ENTERPRISE + ":manager\"}]"));

        assertEquals(bjensen(), patched);
    }

    @Test
    void appliesUrnQualifiedKeysOfANoPathValue() {
        ObjectNode patched = applier.apply(bjensen(), operations("""
                [{"op": "Replace", "value": {
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Tour Operations",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager": "id123",
                    "displayName": "Babs"}}]"""));

        assertEquals(json("{\"department\":\"Tour Operations\",\"manager\":{\"value\":\"id123\"}}"),
                patched.get(ENTERPRISE));
        assertEquals("Babs", patched.get("displayName").asText());
    }

    @Test
    void appliesAWholeExtensionObjectOfANoPathValue() {
        ObjectNode patched = applier.apply(bjensen(), operations("""
                [{"op": "Add", "value": {
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                        {"EmployeeNumber": "701984", "manager": {"value": "id123"}}}}]"""));

        assertEquals(json("{\"employeeNumber\":\"701984\",\"manager\":{\"value\":\"id123\"}}"),
                patched.get(ENTERPRISE));
    }

    @Test
    void appliesDottedKeysOfANoPathValue() {
        ObjectNode patched = applier.apply(bjensen(), operations(
                "[{\"op\":\"Replace\",\"value\":{\"name.givenName\":\"Babs\",\"NAME.middleName\":\"Ann\"}}]"));

        assertEquals(json("{\"givenName\":\"Babs\",\"familyName\":\"Jensen\",\"middleName\":\"Ann\"}"),
                patched.get("name"));
    }

    @Test
    void writesAttributesWithTheSchemasSpelling() {
        ObjectNode patched = applier.apply(bjensen(), operations(
                "[{\"op\":\"Add\",\"path\":\"DISPLAYNAME\",\"value\":\"Babs\"},"
                        + "{\"op\":\"Add\",\"path\":\"PhoneNumbers\",\"value\":{\"VALUE\":\"555\",\"Type\":\"work\"}}]"));

        assertEquals("Babs", patched.get("displayName").asText());
        assertEquals(json("[{\"value\":\"555\",\"type\":\"work\"}]"), patched.get("phoneNumbers"));
        assertFalse(patched.has("DISPLAYNAME"));
    }
}
