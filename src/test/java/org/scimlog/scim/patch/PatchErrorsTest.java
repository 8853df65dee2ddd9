package org.scimlog.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.scimlog.scim.patch.PatchTestSupport.ENTERPRISE;
import static org.scimlog.scim.patch.PatchTestSupport.assertPatchError;
import static org.scimlog.scim.patch.PatchTestSupport.bjensen;
import static org.scimlog.scim.patch.PatchTestSupport.operations;
import static org.scimlog.scim.patch.PatchTestSupport.userType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimlog.filter.FilterParser;
import org.scimlog.scim.error.ScimType;

/** Every way a PATCH can be refused, and that a refused PATCH changes nothing. */
class PatchErrorsTest {

    private final PatchApplier applier = new PatchApplier(userType());

    private ObjectNode patch(String operationsJson) {
        return applier.apply(bjensen(), operations(operationsJson));
    }

    @Test
    void aFailingOperationLeavesTheDocumentUntouchedAndReturnsNothing() {
        ObjectNode input = bjensen();
        List<PatchOperation> operations = operations("[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Boss\"},"
                + "{\"op\":\"remove\",\"path\":\"emails\"},"
                + "{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}]");

        assertPatchError(ScimType.INVALID_VALUE, () -> applier.apply(input, operations),
                "Operations[2] (replace active)", "'active' must be a boolean");
        assertEquals(bjensen(), input);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nickname2", "name.nickName", "emails[type eq \\\"work\\\"].address",
            ENTERPRISE + ":shoeSize", "urn:example:unknown:2.0:User:title", "title.value", "name.givenName.first"})
    void unknownAttributesInPathsAreInvalidPaths(String path) {
        assertPatchError(ScimType.INVALID_PATH,
                () -> patch("[{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":\"x\"}]"), "Operations[0]");
    }

    @Test
    void invalidPathNamesTheUnknownAttribute() {
        assertPatchError(ScimType.INVALID_PATH,
                () -> patch("[{\"op\":\"add\",\"path\":\"shoeSize\",\"value\":\"44\"}]"), "'shoeSize'");
    }

    @Test
    void valueFilterOnASingleValuedAttributeIsAnInvalidPath() {
        assertPatchError(ScimType.INVALID_PATH,
                () -> patch("[{\"op\":\"replace\",\"path\":\"name[givenName eq \\\"B\\\"].familyName\",\"value\":\"x\"}]"),
                "'name' is not a multi-valued complex attribute");
    }

    @Test
    void addOfASubAttributeOfEveryValueIsAnInvalidPath() {
        assertPatchError(ScimType.INVALID_PATH,
                () -> patch("[{\"op\":\"add\",\"path\":\"emails.display\",\"value\":\"x\"}]"), "value filter", "emails");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"shoeSize\":44}", "{\"name\":{\"nickName\":\"B\"}}",
            "{\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:shoeSize\":\"44\"}",
            "{\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"shoeSize\":\"44\"}}",
            "{\"emails\":[{\"value\":\"a@x\",\"label\":\"w\"}]}", "{\"bad key!\":1}"})
    void unknownAttributesInValuesAreInvalidValues(String value) {
        assertPatchError(ScimType.INVALID_VALUE, () -> patch("[{\"op\":\"add\",\"value\":" + value + "}]"),
                "Operations[0]", "add without path");
    }

    @Test
    void invalidValueNamesTheUnknownMember() {
        assertPatchError(ScimType.INVALID_VALUE,
                () -> patch("[{\"op\":\"add\",\"path\":\"name\",\"value\":{\"nickName\":\"B\"}}]"), "'nickName'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "active | \"yes\" | 'active' must be a boolean",
            "active | 1 | 'active' must be a boolean",
            "userName | 42 | 'userName' must be a string",
            "userName | true | 'userName' must be a string",
            "displayName | [\"a\",\"b\"] | single-valued",
            "name | \"Babs Jensen\" | 'name' must be an object",
            "name.givenName | {\"v\":1} | 'name.givenName' must be a string",
            "emails | [\"a@x.org\", 7] | 'emails.value' must be a string",
            "emails | [null] | 'emails' cannot hold null",
            "x509Certificates | [{\"value\":\"not base64!\"}] | base64",
            "emails[type eq \"work\"].primary | \"sometimes\" | 'emails.primary' must be a boolean",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager | 12 | 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value' must be a string",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager | [\"id\"] | single-valued"})
    void wrongTypesAreInvalidValues(String path, String value, String expectedDetail) {
        String operation = "{\"op\":\"replace\",\"path\":" + quote(path) + ",\"value\":" + value + "}";
        assertPatchError(ScimType.INVALID_VALUE, () -> patch("[" + operation + "]"), expectedDetail);
    }

    private static String quote(String text) {
        return new TextNode(text).toString(); // JSON string quoting
    }

    @Test
    void noPathValueMustBeAnObject() {
        assertPatchError(ScimType.INVALID_VALUE, () -> patch("[{\"op\":\"replace\",\"value\":[{\"active\":false}]}]"),
                "object of attributes");
        assertPatchError(ScimType.INVALID_VALUE, () -> patch("[{\"op\":\"replace\",\"value\":\"false\"}]"),
                "object of attributes");
    }

    @Test
    void wholeExtensionValueMustBeAnObject() {
        assertPatchError(ScimType.INVALID_VALUE,
                () -> patch("[{\"op\":\"add\",\"value\":{\"" + ENTERPRISE + "\":\"x\"}}]"), ENTERPRISE);
    }

    @Test
    void constructedOperationsAreCheckedToo() {
        ObjectNode user = bjensen();
        assertPatchError(ScimType.NO_TARGET,
                () -> applier.apply(user, List.of(new PatchOperation(PatchOp.REMOVE, null, null))), "path");
        assertPatchError(ScimType.INVALID_VALUE, () -> applier.apply(user,
                List.of(new PatchOperation(PatchOp.ADD, FilterParser.parsePatchPath("title"), null))), "value");
    }

    @Test
    void replaceWithAnUnmatchedNonEqualityFilterHasNoTarget() {
        assertPatchError(ScimType.NO_TARGET,
                () -> patch("[{\"op\":\"replace\",\"path\":\"emails[type ne \\\"work\\\" and type ne \\\"home\\\"].value\","
                        + "\"value\":\"x@x.org\"}]"), "Operations[0]", "no value of 'emails' matches");
        assertPatchError(ScimType.NO_TARGET,
                () -> patch("[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"other\\\" or type eq \\\"x\\\"]\","
                        + "\"value\":{\"value\":\"x@x.org\"}}]"), "no value of 'emails' matches");
    }

    @Test
    void contradictoryEqualitiesDescribeNoElement() {
        assertPatchError(ScimType.NO_TARGET,
                () -> patch("[{\"op\":\"add\",\"path\":\"emails[type eq \\\"other\\\" and type eq \\\"x\\\"].value\","
                        + "\"value\":\"x@x.org\"}]"), "no value of 'emails' matches");
    }

    @Test
    void replaceOfASubAttributeOfEveryValueNeedsValues() {
        ObjectNode user = bjensen();
        user.remove("emails");
        assertPatchError(ScimType.NO_TARGET, () -> applier.apply(user,
                operations("[{\"op\":\"replace\",\"path\":\"emails.value\",\"value\":\"a@x.org\"}]")), "'emails' has no values");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"op\":\"replace\",\"path\":\"id\",\"value\":\"other\"}",
            "{\"op\":\"remove\",\"path\":\"id\"}",
            "{\"op\":\"replace\",\"path\":\"meta.version\",\"value\":\"W/\\\"2\\\"\"}",
            "{\"op\":\"remove\",\"path\":\"meta\"}",
            "{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"g1\"}]}",
            "{\"op\":\"remove\",\"path\":\"groups[value eq \\\"g1\\\"]\"}",
            "{\"op\":\"replace\",\"path\":\"schemas\",\"value\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}",
            "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName\",\"value\":\"Boss\"}",
            "{\"op\":\"replace\",\"value\":{\"id\":\"other\"}}",
            "{\"op\":\"replace\",\"value\":{\"meta\":{\"version\":\"W/\\\"9\\\"\"}}}"})
    void readOnlyTargetsAreMutabilityErrors(String operation) {
        assertPatchError(ScimType.MUTABILITY, () -> patch("[" + operation + "]"), "Operations[0]", "read-only");
    }

    @Test
    void mutabilityNamesTheReadOnlyTarget() {
        assertPatchError(ScimType.MUTABILITY, () -> patch("[{\"op\":\"replace\",\"path\":\"" + ENTERPRISE
                + ":manager.displayName\",\"value\":\"Boss\"}]"), "'" + ENTERPRISE + ":manager.displayName' is read-only");
    }

    @Test
    void requiredUserNameCannotBeRemoved() {
        assertPatchError(ScimType.INVALID_VALUE, () -> patch("[{\"op\":\"remove\",\"path\":\"userName\"}]"),
                "'userName' is required");
        assertPatchError(ScimType.INVALID_VALUE, () -> patch("[{\"op\":\"replace\",\"value\":{\"userName\":null}}]"),
                "'userName' is required");
    }

    @Test
    void errorsNameTheOperationAndItsPath() {
        PatchException error = assertPatchError(ScimType.INVALID_VALUE, () -> patch(
                "[{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"},"
                        + "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":5}]"));

        assertEquals("Operations[1] (replace emails[type eq \"work\"].value): "
                + "'emails.value' must be a string, not a number (5)", error.detail());
        assertFalse(error.detail().contains("Exception"));
    }
}
