package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.Mutability;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.Schema;
import org.scimlog.schema.SchemaExtension;
import org.scimlog.schema.Uniqueness;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * Checks a client's resource document against its resource type and rewrites it in canonical form:
 * schema attribute names, extension data under canonical URNs, read-only members dropped (RFC 7644 §3.3
 * and §3.5.1 say they SHALL be ignored), unassigned values (null, empty arrays) left out, and the
 * write-only password taken out so it can never be stored or logged.
 */
@Singleton
public class DocumentValidator {

    /** The stored form of the resource, and the password if the client sent one. */
    public record ValidatedDocument(ObjectNode document, Optional<String> password) {
    }

    private static final Set<String> COMMON_READ_ONLY = Set.of("id", "meta");

    /**
     * The longest value, in UTF-8 bytes, of an attribute with an index of its own (externalId, and the
     * server-unique userName and Group displayName). RFC 7643 sets no limit, but PostgreSQL's btree refuses
     * an index row over 2,704 bytes; 1,024 bytes leaves room for lower() (which can lengthen a few
     * characters) and the tenant id beside it, and is far beyond what Okta (100 characters) or Entra ID
     * send.
     */
    public static final int MAX_INDEXED_BYTES = 1024;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public ValidatedDocument validate(ObjectNode input, ResourceType type) {
        Set<Schema> used = new LinkedHashSet<>();
        used.add(type.schema());
        declaredSchemas(input, type).forEach(used::add);

        ObjectNode document = JSON.objectNode();
        String password = null;
        Iterator<Map.Entry<String, JsonNode>> fields = input.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equalsIgnoreCase("schemas") || COMMON_READ_ONLY.contains(name.toLowerCase())) {
                continue;
            }
            if (name.equalsIgnoreCase("externalId")) {
                if (!value.isNull()) {
                    document.put("externalId", requireText(value, "externalId"));
                }
                continue;
            }
            if (name.regionMatches(true, 0, "urn:", 0, 4)) {
                Schema extension = type.extension(name).map(SchemaExtension::schema).orElseThrow(() ->
                        ScimException.badRequest(ScimType.INVALID_SYNTAX, "Attribute '" + name
                                + "' is not a schema extension of " + type.name() + "; declared: " + extensionIds(type) + "."));
                if (value.isNull()) {
                    continue;
                }
                if (!value.isObject()) {
                    throw ScimException.badRequest(ScimType.INVALID_VALUE,
                            "Extension '" + extension.id() + "' must be a JSON object.");
                }
                ObjectNode extensionDocument = JSON.objectNode();
                password = copyAttributes((ObjectNode) value, extension, extensionDocument, password);
                if (!extensionDocument.isEmpty()) {
                    document.set(extension.id(), extensionDocument);
                    used.add(extension);
                }
                continue;
            }
            password = copyAttribute(name, value, type.schema(), document, password);
        }
        checkIndexedLengths(document, type);
        checkRequired(document, type, used);
        ArrayNode schemas = JSON.arrayNode();
        used.stream().filter(s -> s == type.schema() || document.has(s.id())).forEach(s -> schemas.add(s.id()));
        ObjectNode result = JSON.objectNode();
        result.set("schemas", schemas);
        result.setAll(document);
        return new ValidatedDocument(result, Optional.ofNullable(password));
    }

    /** RFC 7643 §7: an immutable attribute that has a value may not change in a PUT. */
    public void checkImmutable(ObjectNode existing, ObjectNode replacement, ResourceType type) {
        List<Schema> schemas = new ArrayList<>();
        schemas.add(type.schema());
        type.extensions().forEach(e -> schemas.add(e.schema()));
        for (Schema schema : schemas) {
            JsonNode before = schema == type.schema() ? existing : existing.path(schema.id());
            JsonNode after = schema == type.schema() ? replacement : replacement.path(schema.id());
            for (Attribute attribute : schema.attributes()) {
                if (attribute.mutability() == Mutability.IMMUTABLE && before.has(attribute.name())
                        && !Objects.equals(before.get(attribute.name()), after.get(attribute.name()))) {
                    throw ScimException.badRequest(ScimType.MUTABILITY,
                            "Attribute '" + attribute.name() + "' is immutable and already has a value.");
                }
            }
        }
    }

    private List<Schema> declaredSchemas(ObjectNode input, ResourceType type) {
        JsonNode schemas = input.get("schemas");
        if (schemas == null) {
            schemas = caseInsensitive(input, "schemas");
        }
        if (schemas == null || !schemas.isArray() || schemas.isEmpty()) {
            throw ScimException.badRequest(ScimType.INVALID_SYNTAX,
                    "'schemas' is required and must list '" + type.schema().id() + "'.");
        }
        List<Schema> extensions = new ArrayList<>();
        boolean core = false;
        for (JsonNode urn : schemas) {
            if (!urn.isTextual()) {
                throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "'schemas' must be an array of URN strings.");
            }
            String id = urn.asText();
            if (type.schema().id().equalsIgnoreCase(id)) {
                core = true;
                continue;
            }
            extensions.add(type.extension(id).map(SchemaExtension::schema).orElseThrow(() ->
                    ScimException.badRequest(ScimType.INVALID_SYNTAX, "Schema '" + id + "' is not supported for "
                            + type.name() + "; supported: " + type.schema().id() + " and " + extensionIds(type) + ".")));
        }
        if (!core) {
            throw ScimException.badRequest(ScimType.INVALID_SYNTAX,
                    "'schemas' must include the core schema '" + type.schema().id() + "'.");
        }
        return extensions;
    }

    private String copyAttributes(ObjectNode source, Schema schema, ObjectNode target, String password) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            password = copyAttribute(field.getKey(), field.getValue(), schema, target, password);
        }
        return password;
    }

    private String copyAttribute(String name, JsonNode value, Schema schema, ObjectNode target, String password) {
        Attribute attribute = schema.attribute(name).orElseThrow(() -> ScimException.badRequest(
                ScimType.INVALID_SYNTAX, "Unknown attribute '" + name + "' for schema " + schema.id() + "."));
        if (attribute.mutability() == Mutability.READ_ONLY || value.isNull()) {
            return password;
        }
        if (attribute.mutability() == Mutability.WRITE_ONLY) {
            return requireText(value, attribute.name());
        }
        JsonNode normalized = ValueCoercion.coerce(attribute, value, attribute.name());
        if (normalized != null) {
            target.set(attribute.name(), normalized);
        }
        return password;
    }

    private static void checkIndexedLengths(ObjectNode document, ResourceType type) {
        for (Attribute attribute : type.schema().attributes()) {
            if (attribute.uniqueness() == Uniqueness.SERVER) {
                checkIndexedLength(document, attribute.name());
            }
        }
        checkIndexedLength(document, "externalId");
    }

    private static void checkIndexedLength(ObjectNode document, String name) {
        JsonNode value = document.get(name);
        if (value != null && value.isTextual()) {
            int bytes = value.textValue().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_INDEXED_BYTES) {
                throw ScimException.badRequest(ScimType.INVALID_VALUE, "Attribute '" + name + "' is " + bytes
                        + " bytes long in UTF-8; at most " + MAX_INDEXED_BYTES + " are accepted.");
            }
        }
    }

    private void checkRequired(ObjectNode document, ResourceType type, Set<Schema> used) {
        for (Attribute attribute : type.schema().attributes()) {
            if (attribute.required() && !document.has(attribute.name())) {
                throw ScimException.badRequest(ScimType.INVALID_VALUE,
                        "Required attribute '" + attribute.name() + "' is missing.");
            }
        }
        for (SchemaExtension extension : type.extensions()) {
            JsonNode data = document.get(extension.schema().id());
            if (extension.required() && data == null) {
                throw ScimException.badRequest(ScimType.INVALID_VALUE,
                        "Required schema extension '" + extension.schema().id() + "' is missing.");
            }
            if (data == null) {
                continue;
            }
            for (Attribute attribute : extension.schema().attributes()) {
                if (attribute.required() && !data.has(attribute.name())) {
                    throw ScimException.badRequest(ScimType.INVALID_VALUE, "Required attribute '"
                            + extension.schema().id() + ":" + attribute.name() + "' is missing.");
                }
            }
        }
    }

    private static String extensionIds(ResourceType type) {
        List<String> ids = type.extensions().stream().map(e -> e.schema().id()).toList();
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    private static JsonNode caseInsensitive(ObjectNode node, String name) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String candidate = names.next();
            if (candidate.equalsIgnoreCase(name)) {
                return node.get(candidate);
            }
        }
        return null;
    }

    private static String requireText(JsonNode value, String name) {
        if (!value.isTextual()) {
            throw ScimException.badRequest(ScimType.INVALID_VALUE, "Attribute '" + name + "' must be a string.");
        }
        return value.asText();
    }

    /** Type rules of RFC 7643 §2.3, applied to one attribute value. */
    static final class ValueCoercion {

        private ValueCoercion() {
        }

        /** The canonical value, or null when the value is unassigned (empty array, empty complex). */
        static JsonNode coerce(Attribute attribute, JsonNode value, String where) {
            if (attribute.multiValued()) {
                if (!value.isArray()) {
                    throw ScimException.badRequest(ScimType.INVALID_VALUE,
                            "Attribute '" + where + "' is multi-valued and must be a JSON array.");
                }
                ArrayNode values = JSON.arrayNode();
                int primaries = 0;
                for (JsonNode element : value) {
                    if (element.isNull()) {
                        throw ScimException.badRequest(ScimType.INVALID_VALUE,
                                "Attribute '" + where + "' must not contain null values.");
                    }
                    JsonNode item = single(attribute, element, where);
                    if (item == null) {
                        continue;
                    }
                    if (item.path("primary").asBoolean(false)) {
                        primaries++;
                    }
                    values.add(item);
                }
                if (primaries > 1) {
                    throw ScimException.badRequest(ScimType.INVALID_VALUE,
                            "Only one value of '" + where + "' may be primary.");
                }
                return values.isEmpty() ? null : values;
            }
            return single(attribute, value, where);
        }

        private static JsonNode single(Attribute attribute, JsonNode value, String where) {
            switch (attribute.type()) {
                case COMPLEX -> {
                    if (!value.isObject()) {
                        throw ScimException.badRequest(ScimType.INVALID_VALUE,
                                "Attribute '" + where + "' must be a JSON object.");
                    }
                    ObjectNode out = JSON.objectNode();
                    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                    while (fields.hasNext()) {
                        Map.Entry<String, JsonNode> field = fields.next();
                        String subWhere = where + "." + field.getKey();
                        Attribute sub = attribute.subAttribute(field.getKey()).orElseThrow(() ->
                                ScimException.badRequest(ScimType.INVALID_SYNTAX, "Unknown attribute '" + subWhere + "'."));
                        if (sub.mutability() == Mutability.READ_ONLY || field.getValue().isNull()) {
                            continue;
                        }
                        JsonNode normalized = single(sub, field.getValue(), subWhere);
                        if (normalized != null) {
                            out.set(sub.name(), normalized);
                        }
                    }
                    return out.isEmpty() ? null : out;
                }
                case BOOLEAN -> {
                    if (value.isBoolean()) {
                        return value;
                    }
                    // Entra ID sends "True"/"False" strings; anything else is a type error.
                    if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
                        return BooleanNode.valueOf(Boolean.parseBoolean(value.asText().toLowerCase()));
                    }
                    throw typeError(where, "a boolean");
                }
                case INTEGER -> {
                    if (!value.isIntegralNumber()) {
                        throw typeError(where, "an integer");
                    }
                    return value;
                }
                case DECIMAL -> {
                    if (!value.isNumber()) {
                        throw typeError(where, "a number");
                    }
                    return value;
                }
                case DATE_TIME -> {
                    if (!value.isTextual()) {
                        throw typeError(where, "an RFC 3339 date-time string");
                    }
                    try {
                        OffsetDateTime.parse(value.asText());
                    } catch (DateTimeParseException e) {
                        throw typeError(where, "an RFC 3339 date-time string");
                    }
                    return value;
                }
                case BINARY -> {
                    if (!value.isTextual()) {
                        throw typeError(where, "a base64 string");
                    }
                    try {
                        Base64.getMimeDecoder().decode(value.asText());
                    } catch (IllegalArgumentException e) {
                        throw typeError(where, "a base64 string");
                    }
                    return value;
                }
                default -> {
                    if (!value.isTextual()) {
                        throw typeError(where, "a string");
                    }
                    return value;
                }
            }
        }

        private static ScimException typeError(String where, String expected) {
            return ScimException.badRequest(ScimType.INVALID_VALUE, "Attribute '" + where + "' must be " + expected + ".");
        }
    }
}
