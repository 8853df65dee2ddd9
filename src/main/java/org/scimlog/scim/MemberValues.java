package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.scimlog.directory.MemberReference;
import org.scimlog.schema.Attribute;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * Reads "members" values ({@code [{"value": "id", "display": "..."}]}) into references, after checking them
 * against the Group schema's members attribute. Whether the ids name real members is the directory's call.
 */
final class MemberValues {

    private MemberValues() {
    }

    /** A PATCH value: an array of members, or (as some clients send) a single member object. */
    static List<MemberReference> read(Attribute members, JsonNode value, String where) {
        JsonNode array = value.isObject() ? JsonNodeFactory.instance.arrayNode().add(value) : value;
        JsonNode canonical = DocumentValidator.coerce(members, array, where);
        return canonical == null ? List.of() : fromCanonical((ArrayNode) canonical, where);
    }

    /** A "members" array that {@link DocumentValidator} has already put in canonical form. */
    static List<MemberReference> fromCanonical(ArrayNode members, String where) {
        List<MemberReference> references = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            JsonNode member = members.get(i);
            if (!member.hasNonNull("value")) {
                throw ScimException.badRequest(ScimType.INVALID_VALUE,
                        where + "[" + i + "] needs a \"value\": the id of a user or group.");
            }
            references.add(new MemberReference(member.get("value").asText(), text(member, "display"), text(member, "type")));
        }
        return references;
    }

    private static String text(JsonNode member, String name) {
        return member.hasNonNull(name) ? member.get(name).asText() : null;
    }
}
