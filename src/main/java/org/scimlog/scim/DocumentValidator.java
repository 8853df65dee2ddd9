package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.CoreSchemas;
import org.scimlog.schema.Mutability;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.Schema;
import org.scimlog.schema.SchemaExtension;
import org.scimlog.schema.SecretAttributes;
import org.scimlog.schema.TypeCoercer;
import org.scimlog.schema.Uniqueness;
import org.scimlog.schema.ValueViolation;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * Checks a client's resource document against its resource type and rewrites it in canonical form:
 * schema attribute names, extension data under canonical URNs, values as {@link TypeCoercer} (shared with
 * PATCH) stores them, read-only members dropped (RFC 7644 §3.3 and §3.5.1 say they SHALL be ignored),
 * unassigned values (null, empty arrays) left out, and the
 * password taken out so it can never be stored or logged. Other secrets (extension attributes declared
 * writeOnly or returned "never") are stored like any value: this server is their system of record, and
 * {@link SecretAttributes} keeps them out of what is shown and logged.
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
            password = copyAttribute(name, value, type.schema(), "", document, password);
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

    /**
     * For a PUT: the secrets the replacement leaves out are kept from the existing document. A client cannot
     * read them back (RFC 7643 §7), so leaving them out of a replacement asserts nothing about them, just as
     * leaving out the password does not unset it; a PATCH "remove" clears one.
     */
    public ObjectNode keepUnsentSecrets(ObjectNode existing, ObjectNode replacement, ResourceType type) {
        ObjectNode result = replacement.deepCopy();
        keepUnsent(existing, result, type.schema());
        for (SchemaExtension extension : type.extensions()) {
            Schema schema = extension.schema();
            if (existing.get(schema.id()) instanceof ObjectNode before) {
                ObjectNode after = result.get(schema.id()) instanceof ObjectNode data ? data : JSON.objectNode();
                keepUnsent(before, after, schema);
                if (!after.isEmpty() && !result.has(schema.id())) {
                    result.set(schema.id(), after);
                    ((ArrayNode) result.withArray("/schemas")).add(schema.id());
                }
            }
        }
        return result;
    }

    private static void keepUnsent(ObjectNode before, ObjectNode after, Schema schema) {
        for (Attribute attribute : schema.attributes()) {
            if (attribute.isSecret() && before.has(attribute.name()) && !after.has(attribute.name())) {
                after.set(attribute.name(), before.get(attribute.name()));
            }
        }
    }

    /** The core User's password: the one secret never stored, only the fact that it was set. */
    private static boolean isPassword(Attribute attribute, Schema schema) {
        return schema.id().equals(CoreSchemas.USER) && attribute.name().equals("password");
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
            password = copyAttribute(field.getKey(), field.getValue(), schema, schema.id() + ":", target, password);
        }
        return password;
    }

    /** The label in messages is the attribute's full path: an extension's attributes carry its URN, as in PATCH. */
    private String copyAttribute(String name, JsonNode value, Schema schema, String labelPrefix, ObjectNode target,
                                 String password) {
        // RFC 7644 §3.12: a value "not compatible with the ... resource schema" is invalidValue, as in PATCH
        Attribute attribute = schema.attribute(name).orElseThrow(() -> ScimException.badRequest(
                ScimType.INVALID_VALUE, "Unknown attribute '" + name + "' for schema " + schema.id() + "."));
        if (attribute.mutability() == Mutability.READ_ONLY || value.isNull()) {
            return password;
        }
        if (isPassword(attribute, schema)) {
            return requireText(value, attribute.name());
        }
        JsonNode normalized = coerce(attribute, value, labelPrefix + attribute.name());
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

    /**
     * One attribute's value through the schema's {@link TypeCoercer} (the rules PATCH values get too), then
     * without what RFC 7643 §2.5 calls unassigned (empty arrays and complex values), with at most one
     * primary value; null when nothing is left.
     */
    static JsonNode coerce(Attribute attribute, JsonNode value, String label) {
        JsonNode canonical;
        try {
            canonical = TypeCoercer.attributeValue(attribute, value, label);
        } catch (ValueViolation e) {
            throw ScimException.badRequest(ScimType.INVALID_VALUE, e.getMessage());
        }
        JsonNode assigned = assignedOnly(canonical);
        if (assigned != null && attribute.multiValued()) {
            int primaries = 0;
            for (JsonNode element : assigned) {
                primaries += element.path("primary").asBoolean(false) ? 1 : 0;
            }
            if (primaries > 1) {
                throw ScimException.badRequest(ScimType.INVALID_VALUE, "Only one value of '" + label + "' may be primary.");
            }
        }
        return assigned;
    }

    private static JsonNode assignedOnly(JsonNode value) {
        if (value instanceof ArrayNode array) {
            ArrayNode kept = JSON.arrayNode();
            array.forEach(element -> Optional.ofNullable(assignedOnly(element)).ifPresent(kept::add));
            return kept.isEmpty() ? null : kept;
        }
        if (value instanceof ObjectNode object) {
            ObjectNode kept = JSON.objectNode();
            object.fields().forEachRemaining(member ->
                    Optional.ofNullable(assignedOnly(member.getValue())).ifPresent(v -> kept.set(member.getKey(), v)));
            return kept.isEmpty() ? null : kept;
        }
        return value;
    }
}
