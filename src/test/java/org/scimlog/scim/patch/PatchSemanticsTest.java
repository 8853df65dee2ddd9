package org.scimlog.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.scimlog.scim.patch.PatchTestSupport.bjensen;
import static org.scimlog.scim.patch.PatchTestSupport.json;
import static org.scimlog.scim.patch.PatchTestSupport.operations;
import static org.scimlog.scim.patch.PatchTestSupport.userType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** RFC 7644 §3.5.2.1–3 add, replace and remove on the User resource type. */
class PatchSemanticsTest {

    private final PatchApplier applier = new PatchApplier(userType());

    private ObjectNode patch(String operationsJson) {
        return applier.apply(bjensen(), operations(operationsJson));
    }

    @Test
    void addSetsASimpleAttribute() {
        assertEquals("Tour Guide", patch("[{\"op\":\"add\",\"path\":\"title\",\"value\":\"Tour Guide\"}]")
                .get("title").asText());
    }

    @Test
    void addMergesIntoASingleValuedComplexAttribute() {
        ObjectNode patched = patch("[{\"op\":\"add\",\"path\":\"name\",\"value\":{\"middleName\":\"Jane\",\"givenName\":\"Babs\"}}]");

        assertEquals(json("{\"givenName\":\"Babs\",\"familyName\":\"Jensen\",\"middleName\":\"Jane\"}"), patched.get("name"));
    }

    @Test
    void replaceOfAComplexAttributeLeavesUnnamedSubAttributes() {
        ObjectNode patched = patch("[{\"op\":\"replace\",\"path\":\"name\",\"value\":{\"givenName\":\"Babs\"}}]");

        assertEquals(json("{\"givenName\":\"Babs\",\"familyName\":\"Jensen\"}"), patched.get("name"));
    }

    @Test
    void addAppendsToAMultiValuedAttributeAcceptingASingleObject() {
        ObjectNode patched = patch("[{\"op\":\"add\",\"path\":\"emails\",\"value\":{\"value\":\"b@x.org\",\"type\":\"other\"}}]");

        assertEquals(3, patched.get("emails").size());
        assertEquals(json("{\"value\":\"b@x.org\",\"type\":\"other\"}"), patched.get("emails").get(2));
    }

    @Test
    void addSkipsValuesAlreadyPresent() {
        ObjectNode patched = patch("""
                [{"op": "add", "path": "emails", "value": [
                    {"value": "babs@jensen.org", "type": "home"}, {"value": "bjensen@example.com"}]}]""");

        assertEquals(bjensen(), patched);
    }

    @Test
    void replaceOfAMultiValuedAttributeReplacesAllValues() {
        ObjectNode patched = patch("[{\"op\":\"replace\",\"path\":\"emails\",\"value\":[{\"value\":\"only@x.org\"}]}]");

        assertEquals(json("[{\"value\":\"only@x.org\"}]"), patched.get("emails"));
    }

    @Test
    void replaceWithNullOrEmptyArrayRemoves() {
        ObjectNode patched = patch("[{\"op\":\"replace\",\"path\":\"emails\",\"value\":[]},"
                + "{\"op\":\"replace\",\"path\":\"name\",\"value\":null},"
                + "{\"op\":\"replace\",\"value\":{\"externalId\":null}}]");

        assertFalse(patched.has("emails"));
        assertFalse(patched.has("name"));
        assertFalse(patched.has("externalId"));
    }

    @Test
    void replaceOfAnAbsentAttributeAddsIt() {
        assertEquals("Ms.", patch("[{\"op\":\"replace\",\"path\":\"name.honorificPrefix\",\"value\":\"Ms.\"}]")
                .get("name").get("honorificPrefix").asText());
    }

    @Test
    void subAttributePathCreatesTheParent() {
        ObjectNode user = bjensen();
        user.remove("name");

        ObjectNode patched = applier.apply(user,
                operations("[{\"op\":\"add\",\"path\":\"name.familyName\",\"value\":\"Jensen\"}]"));

        assertEquals(json("{\"familyName\":\"Jensen\"}"), patched.get("name"));
    }

    @Test
    void removingTheLastSubAttributeRemovesTheParent() {
        ObjectNode patched = patch("[{\"op\":\"remove\",\"path\":\"name.familyName\"},"
                + "{\"op\":\"remove\",\"path\":\"name.givenName\"}]");

        assertFalse(patched.has("name"));
    }

    @Test
    void removeOfAnAbsentAttributeIsNotAnError() {
        assertEquals(bjensen(), patch("[{\"op\":\"remove\",\"path\":\"nickName\"},"
                + "{\"op\":\"remove\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager\"},"
                + "{\"op\":\"remove\",\"path\":\"addresses[type eq \\\"work\\\"]\"}]"));
    }

    @Test
    void removeWithAFilterRemovesOnlyMatchingValues() {
        ObjectNode patched = patch("[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"HOME\\\"]\"}]");

        assertEquals(json("[{\"value\":\"bjensen@example.com\",\"type\":\"work\",\"primary\":true}]"), patched.get("emails"));
    }

    @Test
    void removeOfTheLastMatchingValueRemovesTheAttribute() {
        ObjectNode patched = patch("[{\"op\":\"remove\",\"path\":\"emails[value ew \\\"example.com\\\" or type eq \\\"home\\\"]\"}]");

        assertFalse(patched.has("emails"));
    }

    @Test
    void removeWithAFilterAndSubAttributeRemovesItFromMatchingValues() {
        ObjectNode patched = patch("[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"work\\\"].primary\"}]");

        assertEquals(json("""
                [{"value": "bjensen@example.com", "type": "work"}, {"value": "babs@jensen.org", "type": "home"}]"""),
                patched.get("emails"));
    }

    @Test
    void replaceWithAFilterReplacesMatchingValuesWhole() {
        ObjectNode patched = patch("[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"home\\\"]\","
                + "\"value\":{\"value\":\"new@jensen.org\",\"type\":\"home\"}}]");

        assertEquals(json("{\"value\":\"new@jensen.org\",\"type\":\"home\"}"), patched.get("emails").get(1));
    }

    @Test
    void addWithAFilterMergesIntoMatchingValues() {
        ObjectNode patched = patch("[{\"op\":\"add\",\"path\":\"emails[type eq \\\"home\\\"]\",\"value\":{\"display\":\"Home\"}}]");

        assertEquals(json("{\"value\":\"babs@jensen.org\",\"type\":\"home\",\"display\":\"Home\"}"),
                patched.get("emails").get(1));
    }

    @Test
    void replaceOfASubAttributeWithoutFilterSetsItOnEveryValue() {
        ObjectNode patched = patch("[{\"op\":\"replace\",\"path\":\"emails.display\",\"value\":\"E-mail\"}]");

        patched.get("emails").forEach(email -> assertEquals("E-mail", email.get("display").asText()));
    }

    @Test
    void removeOfASubAttributeWithoutFilterRemovesItFromEveryValue() {
        ObjectNode patched = patch("[{\"op\":\"remove\",\"path\":\"emails.type\"}]");

        assertEquals(json("[{\"value\":\"bjensen@example.com\",\"primary\":true},{\"value\":\"babs@jensen.org\"}]"),
                patched.get("emails"));
    }

    @Test
    void newPrimaryValueTakesTheFlagFromTheOldOne() {
        ObjectNode patched = patch("[{\"op\":\"add\",\"path\":\"emails\",\"value\":{\"value\":\"b@x.org\",\"primary\":true}}]");

        assertEquals(json("""
                [{"value": "bjensen@example.com", "type": "work", "primary": false},
                 {"value": "babs@jensen.org", "type": "home"},
                 {"value": "b@x.org", "primary": true}]"""), patched.get("emails"));
    }

    @Test
    void primarySetThroughAFilterWins() {
        ObjectNode patched = patch("[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"home\\\"].primary\",\"value\":\"True\"}]");

        assertEquals(json("false"), patched.get("emails").get(0).get("primary"));
        assertEquals(json("true"), patched.get("emails").get(1).get("primary"));
    }

    @Test
    void whenOneOperationMakesSeveralPrimaryTheLastWins() {
        ObjectNode patched = patch("[{\"op\":\"replace\",\"path\":\"emails\",\"value\":["
                + "{\"value\":\"a@x.org\",\"primary\":true},{\"value\":\"b@x.org\",\"primary\":true}]}]");

        assertEquals(json("[{\"value\":\"a@x.org\",\"primary\":false},{\"value\":\"b@x.org\",\"primary\":true}]"),
                patched.get("emails"));
    }

    @Test
    void operationsApplyInOrder() {
        ObjectNode patched = patch("[{\"op\":\"add\",\"path\":\"title\",\"value\":\"A\"},"
                + "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"B\"},"
                + "{\"op\":\"remove\",\"path\":\"nickName\"},"
                + "{\"op\":\"add\",\"path\":\"nickName\",\"value\":\"Babs\"}]");

        assertEquals("B", patched.get("title").asText());
        assertEquals("Babs", patched.get("nickName").asText());
    }

    @Test
    void coercesValuesToTheSchemaType() {
        ObjectNode patched = patch("[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"FALSE\"},"
                + "{\"op\":\"add\",\"path\":\"x509Certificates\",\"value\":[{\"value\":\"TUlJRA==\"}]},"
                + "{\"op\":\"add\",\"path\":\"addresses\",\"value\":[{\"primary\":\"true\",\"locality\":\"Hollywood\"}]}]");

        assertEquals(json("false"), patched.get("active"));
        assertEquals(json("true"), patched.get("addresses").get(0).get("primary"));
    }

    @Test
    void externalIdIsWritable() {
        assertEquals("b-2", patch("[{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"b-2\"}]")
                .get("externalId").asText());
    }
}
