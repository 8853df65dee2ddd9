package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimlog.schema.CoreSchemas;
import org.scimlog.schema.ResourceType;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * Microsoft Entra ID's legacy schema markers, taken out of a body before the strict validator sees it.
 * Entra's provisioning service creates a group as its SCIM tutorial shows
 * (https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups,
 * "Create Group"):
 *
 * <pre>
 * {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group",
 *              "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
 *  "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", "displayName": "displayName", ...}
 * </pre>
 *
 * which the validator would refuse (an undeclared schema), and is read as if it listed only the core schema.
 * The URN is no schema: Microsoft publishes none under it, and the tutorial's expected response lists only the
 * core schema. So it is not stored, not echoed, and names no attributes: a member named by it is refused. The
 * same marker ending in {@code /User} is accepted on Users. Every other unknown URN is still refused by the
 * validator. The write's events name what was left out in {@code debugData.ignoredSchemas}.
 */
final class LegacySchemaMarkers {

    private static final String PREFIX = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/";
    private static final Map<String, String> BY_CORE_SCHEMA = Map.of(
            CoreSchemas.USER, PREFIX + "User",
            CoreSchemas.GROUP, PREFIX + "Group");

    static final String DEBUG_KEY = "ignoredSchemas";

    /** The body to validate, and the markers left out of it. */
    record Stripped(ObjectNode body, List<String> ignored) {
    }

    private LegacySchemaMarkers() {
    }

    /** A POST or PUT body: the type's marker taken out of "schemas"; a member named by it is refused. */
    static Stripped fromResource(ObjectNode body, ResourceType type) {
        Optional<String> marker = marker(type);
        if (marker.isEmpty()) {
            return new Stripped(body, List.of());
        }
        refuseMembersNamed(body, marker.get());
        JsonNode schemas = schemasOf(body);
        if (!(schemas instanceof ArrayNode urns) || !lists(urns, marker.get())) {
            return new Stripped(body, List.of());
        }
        ObjectNode copy = body.deepCopy();
        List<String> ignored = new ArrayList<>();
        ArrayNode kept = (ArrayNode) schemasOf(copy);
        for (Iterator<JsonNode> it = kept.elements(); it.hasNext(); ) {
            JsonNode urn = it.next();
            if (urn.isTextual() && urn.textValue().equalsIgnoreCase(marker.get())) {
                ignored.add(urn.textValue());
                it.remove();
            }
        }
        return new Stripped(copy, ignored);
    }

    /**
     * A PATCH body: the markers its operations' values list in "schemas" (PATCH already derives "schemas" itself
     * and ignores what a value lists there), for the event; the body is applied as it is.
     */
    static List<String> inPatch(ObjectNode body, ResourceType type) {
        Optional<String> marker = marker(type);
        if (marker.isEmpty()) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        JsonNode operations = caseInsensitive(body, "Operations");
        if (operations != null && operations.isArray()) {
            for (JsonNode operation : operations) {
                JsonNode value = operation instanceof ObjectNode o ? caseInsensitive(o, "value") : null;
                if (value instanceof ObjectNode attributes && schemasOf(attributes) instanceof ArrayNode urns) {
                    urns.forEach(urn -> {
                        if (urn.isTextual() && urn.textValue().equalsIgnoreCase(marker.get()) && !found.contains(urn.textValue())) {
                            found.add(urn.textValue());
                        }
                    });
                }
            }
        }
        return found;
    }

    private static Optional<String> marker(ResourceType type) {
        return Optional.ofNullable(BY_CORE_SCHEMA.get(type.schema().id()));
    }

    private static void refuseMembersNamed(ObjectNode body, String marker) {
        body.fieldNames().forEachRemaining(name -> {
            if (name.equalsIgnoreCase(marker)) {
                throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "'" + marker + "' is a marker Microsoft Entra ID"
                        + " lists in 'schemas'; it is not a schema and carries no attributes, so the body may not hold a"
                        + " member of that name.");
            }
        });
    }

    private static boolean lists(ArrayNode urns, String marker) {
        for (JsonNode urn : urns) {
            if (urn.isTextual() && urn.textValue().equalsIgnoreCase(marker)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode schemasOf(ObjectNode body) {
        return caseInsensitive(body, "schemas");
    }

    private static JsonNode caseInsensitive(ObjectNode node, String name) {
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String candidate = names.next();
            if (candidate.equalsIgnoreCase(name)) {
                return node.get(candidate);
            }
        }
        return null;
    }
}
