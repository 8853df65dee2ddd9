package org.scimlog.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.patch.PatchTestSupport.json;
import static org.scimlog.scim.patch.PatchTestSupport.object;
import static org.scimlog.scim.patch.PatchTestSupport.assertPatchError;
import static org.scimlog.scim.patch.PatchTestSupport.json;
import static org.scimlog.scim.patch.PatchTestSupport.object;
import static org.scimlog.scim.patch.PatchTestSupport.operations;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimlog.filter.AttributePath;
import org.scimlog.scim.error.ScimType;

class PatchRequestParserTest {

    private static final String SCHEMAS = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]";

    @Test
    void readsEntraCapitalisedOpsAndLowerCaseMemberNames() {
        List<PatchOperation> parsed = PatchRequestParser.parse(object("{" + SCHEMAS + ", \"operations\": ["
                + "{\"Op\": \"Replace\", \"Path\": \"active\", \"Value\": \"False\"},"
                + "{\"op\": \"Add\", \"path\": \"emails[type eq \\\"work\\\"].value\", \"value\": \"a@x.org\"},"
                + "{\"op\": \"Remove\", \"path\": \"name.familyName\"}]}"));

        assertEquals(3, parsed.size());
        assertEquals(PatchOp.REPLACE, parsed.get(0).op());
        assertEquals(AttributePath.of("active"), parsed.get(0).path().attribute());
        assertEquals("False", parsed.get(0).value().asText());
        assertEquals(PatchOp.ADD, parsed.get(1).op());
        assertEquals("value", parsed.get(1).path().subAttribute());
        assertEquals(PatchOp.REMOVE, parsed.get(2).op());
        assertNull(parsed.get(2).value());
    }

    @Test
    void keepsNoPathOperationsWithTheirObjectValue() {
        PatchOperation operation = operations("[{\"op\":\"replace\",\"value\":{\"active\":false}}]").get(0);

        assertNull(operation.path());
        assertEquals(json("{\"active\":false}"), operation.value());
    }

    @Test
    void keepsAnExplicitNullValueOnReplaceBecauseItMeansRemove() {
        PatchOperation operation = operations("[{\"op\":\"replace\",\"path\":\"title\",\"value\":null}]").get(0);

        assertTrue(operation.value().isNull());
    }

    @Test
    void acceptsExactlyTheMaximumNumberOfOperations() {
        String many = "[" + "{\"op\":\"remove\",\"path\":\"title\"},".repeat(PatchRequestParser.MAX_OPERATIONS - 1)
                + "{\"op\":\"remove\",\"path\":\"title\"}]";

        assertEquals(PatchRequestParser.MAX_OPERATIONS, operations(many).size());
    }

    @Test
    void refusesMoreThanTheMaximumNumberOfOperations() {
        String many = "[" + "{\"op\":\"remove\",\"path\":\"title\"},".repeat(PatchRequestParser.MAX_OPERATIONS)
                + "{\"op\":\"remove\",\"path\":\"title\"}]";

        assertPatchError(ScimType.INVALID_VALUE, () -> operations(many), "1001 operations", "at most 1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"not json object\"", "42", "null"})
    void refusesBodiesThatAreNotObjects(String body) {
        assertPatchError(ScimType.INVALID_SYNTAX, () -> PatchRequestParser.parse(json(body)), "JSON object");
    }

    @Test
    void refusesAMissingBody() {
        assertPatchError(ScimType.INVALID_SYNTAX, () -> PatchRequestParser.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Operations\":[{\"op\":\"remove\",\"path\":\"title\"}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"title\"}]}",
            "{\"schemas\":\"urn:ietf:params:scim:api:messages:2.0:PatchOp\",\"Operations\":[{\"op\":\"remove\",\"path\":\"title\"}]}"})
    void refusesBodiesWithoutThePatchOpSchema(String body) {
        assertPatchError(ScimType.INVALID_SYNTAX, () -> PatchRequestParser.parse(object(body)),
                "urn:ietf:params:scim:api:messages:2.0:PatchOp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"Operations\":{\"op\":\"remove\",\"path\":\"title\"}", ",\"Operations\":\"remove\"",
            ",\"Operations\":null"})
    void refusesMissingOrNonArrayOperations(String operationsMember) {
        assertPatchError(ScimType.INVALID_SYNTAX,
                () -> PatchRequestParser.parse(object("{" + SCHEMAS + operationsMember + "}")), "\"Operations\" array");
    }

    @Test
    void refusesAnEmptyOperationsArray() {
        assertPatchError(ScimType.INVALID_SYNTAX, () -> operations("[]"), "empty");
    }

    @Test
    void refusesAnOperationThatIsNotAnObject() {
        assertPatchError(ScimType.INVALID_SYNTAX, () -> operations("[{\"op\":\"remove\",\"path\":\"title\"}, \"add\"]"),
                "Operations[1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"op\":\"copy\",\"path\":\"title\"}", "{\"op\":\"move\",\"path\":\"title\"}",
            "{\"path\":\"title\"}", "{\"op\":1,\"path\":\"title\"}", "{\"op\":\"\",\"path\":\"title\"}"})
    void refusesUnknownOrMissingOps(String operation) {
        assertPatchError(ScimType.INVALID_SYNTAX, () -> operations("[" + operation + "]"), "Operations[0]", "op");
    }

    @Test
    void namesTheUnknownOp() {
        assertPatchError(ScimType.INVALID_SYNTAX, () -> operations("[{\"op\":\"copy\",\"path\":\"title\"}]"),
                "\"copy\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"emails[type eq \\\"work\\\"", "emails[type zz \\\"work\\\"].value", "", "name..givenName",
            "userName eq \\\"x\\\""})
    void refusesUnparseablePathsWithTheParsersMessage(String path) {
        PatchException error = assertPatchError(ScimType.INVALID_PATH,
                () -> operations("[{\"op\":\"remove\",\"path\":\"" + path + "\"}]"), "Operations[0]", "invalid path");
        assertTrue(error.detail().length() > "Operations[0]: invalid path \"\": ".length() + path.length(),
                "the parser's explanation is included: " + error.detail());
    }

    @Test
    void refusesANonStringPath() {
        assertPatchError(ScimType.INVALID_PATH, () -> operations("[{\"op\":\"remove\",\"path\":[\"title\"]}]"),
                "must be a string");
    }

    @Test
    void refusesRemoveWithoutPath() {
        assertPatchError(ScimType.NO_TARGET, () -> operations("[{\"op\":\"remove\",\"value\":{\"title\":\"x\"}}]"),
                "Operations[0]", "path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"op\":\"add\",\"path\":\"title\"}", "{\"op\":\"add\",\"path\":\"title\",\"value\":null}",
            "{\"op\":\"replace\",\"path\":\"title\"}", "{\"op\":\"add\"}"})
    void refusesAddAndReplaceWithoutValue(String operation) {
        assertPatchError(ScimType.INVALID_VALUE, () -> operations("[" + operation + "]"), "Operations[0]", "value");
    }

    @Test
    void reportsTheIndexOfTheFirstBadOperation() {
        assertPatchError(ScimType.INVALID_VALUE, () -> operations("[{\"op\":\"remove\",\"path\":\"title\"},"
                + "{\"op\":\"remove\",\"path\":\"nickName\"},{\"op\":\"add\",\"path\":\"title\"}]"), "Operations[2]");
    }
}
