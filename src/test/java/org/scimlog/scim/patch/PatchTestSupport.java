package org.scimlog.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.AttributeType;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.Schema;
import org.scimlog.schema.SchemaRegistry;
import org.scimlog.scim.error.ScimType;

/** JSON builders and a Group-like resource type shared by the PATCH tests. */
final class PatchTestSupport {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PatchTestSupport() {
    }

    static ResourceType userType() {
        return new SchemaRegistry(null).user();
    }

    /** A Group with RFC 7643 §4.2's members shape, since the schema package defines only User. */
    static ResourceType groupType() {
        Attribute members = Attribute.named("members", AttributeType.COMPLEX).multiValued().subAttributes(
                Attribute.named("value", AttributeType.STRING).caseExact().build(),
                Attribute.named("display", AttributeType.STRING).build(),
                Attribute.named("type", AttributeType.STRING).build(),
                Attribute.named("$ref", AttributeType.REFERENCE).build()).build();
        Attribute displayName = Attribute.named("displayName", AttributeType.STRING).required().build();
        Schema group = new Schema(GROUP, "Group", "Group", List.of(displayName, members));
        return new ResourceType("Group", "Group", "/Groups", "Group", group, List.of());
    }

    static ObjectNode object(String text) {
        return (ObjectNode) json(text);
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test JSON: " + text, e);
        }
    }

    /** Parses the "Operations" array text through the real request parser. */
    static List<PatchOperation> operations(String operationsJson) {
        return PatchRequestParser.parse(object("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":" + operationsJson + "}"));
    }

    static ObjectNode bjensen() {
        return object("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "id": "2819c223", "externalId": "bjensen",
                 "meta": {"resourceType": "User", "version": "W/\\"1\\""},
                 "userName": "bjensen@example.com",
                 "name": {"givenName": "Barbara", "familyName": "Jensen"},
                 "active": true,
                 "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
                            {"value": "babs@jensen.org", "type": "home"}]}
                """);
    }

    static PatchException assertPatchError(ScimType expected, Executable executable, String... detailParts) {
        PatchException error = assertThrows(PatchException.class, executable);
        assertEquals(expected, error.scimType(), error.detail());
        for (String part : detailParts) {
            assertTrue(error.detail().contains(part), () -> "detail '" + error.detail() + "' lacks '" + part + "'");
        }
        return error;
    }
}
