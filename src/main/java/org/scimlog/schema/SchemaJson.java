package org.scimlog.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Converts schemas to and from their RFC 7643 §7 JSON representation. */
public final class SchemaJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SchemaJson() {
    }

    public static ObjectNode toJson(Schema schema) {
        ObjectNode node = JSON.objectNode();
        node.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Schema");
        node.put("id", schema.id());
        node.put("name", schema.name());
        node.put("description", schema.description());
        ArrayNode attributes = node.putArray("attributes");
        schema.attributes().forEach(a -> attributes.add(toJson(a)));
        return node;
    }

    public static ObjectNode toJson(Attribute attribute) {
        ObjectNode node = JSON.objectNode();
        node.put("name", attribute.name());
        node.put("type", attribute.type().scimName());
        node.put("multiValued", attribute.multiValued());
        node.put("description", attribute.description());
        node.put("required", attribute.required());
        if (!attribute.isComplex()) {
            node.put("caseExact", attribute.caseExact());
        }
        if (!attribute.canonicalValues().isEmpty()) {
            ArrayNode values = node.putArray("canonicalValues");
            attribute.canonicalValues().forEach(values::add);
        }
        node.put("mutability", attribute.mutability().scimName());
        node.put("returned", attribute.returned().scimName());
        node.put("uniqueness", attribute.uniqueness().scimName());
        if (!attribute.referenceTypes().isEmpty()) {
            ArrayNode types = node.putArray("referenceTypes");
            attribute.referenceTypes().forEach(types::add);
        }
        if (attribute.isComplex()) {
            ArrayNode subs = node.putArray("subAttributes");
            attribute.subAttributes().forEach(s -> subs.add(toJson(s)));
        }
        return node;
    }

    /** Reads a schema declared by an operator; names the offending member on error. */
    public static Schema fromJson(JsonNode node) {
        String id = requiredText(node, "id", "schema");
        if (!id.regionMatches(true, 0, "urn:", 0, 4)) {
            throw new IllegalArgumentException("schema id '" + id + "' must be a URN");
        }
        String name = node.path("name").asText(id.substring(id.lastIndexOf(':') + 1));
        String description = node.path("description").asText("");
        return new Schema(id, name, description, attributes(node.path("attributes"), id, 0));
    }

    private static List<Attribute> attributes(JsonNode array, String owner, int depth) {
        if (!array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException(owner + ": 'attributes' must be a non-empty array");
        }
        List<Attribute> result = new ArrayList<>();
        for (JsonNode a : array) {
            result.add(attribute(a, owner, depth));
        }
        return result;
    }

    private static Attribute attribute(JsonNode node, String owner, int depth) {
        String name = requiredText(node, "name", owner);
        if (!name.matches("[A-Za-z][A-Za-z0-9_-]*|\\$ref")) {
            throw new IllegalArgumentException(owner + ": attribute name '" + name + "' is not a valid SCIM name");
        }
        String where = owner + "." + name;
        AttributeType type = AttributeType.fromScimName(node.path("type").asText("string"));
        Attribute.Builder builder = Attribute.named(name, type)
                .multiValued(node.path("multiValued").asBoolean(false))
                .description(node.path("description").asText(""))
                .required(node.path("required").asBoolean(false))
                .caseExact(node.path("caseExact").asBoolean(false))
                .mutability(Mutability.fromScimName(node.path("mutability").asText("readWrite")))
                .returned(Returned.fromScimName(node.path("returned").asText("default")))
                .uniqueness(Uniqueness.fromScimName(node.path("uniqueness").asText("none")))
                .canonicalValues(texts(node.path("canonicalValues")))
                .referenceTypes(texts(node.path("referenceTypes")));
        if (type == AttributeType.COMPLEX) {
            if (depth > 0) {
                throw new IllegalArgumentException(where + ": a complex attribute cannot contain a complex attribute");
            }
            builder.subAttributes(attributes(node.path("subAttributes"), where, depth + 1));
        }
        return builder.build();
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(v -> result.add(v.asText()));
        return result;
    }

    private static String requiredText(JsonNode node, String member, String owner) {
        JsonNode value = node.get(member);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(owner + ": '" + member + "' is required");
        }
        return value.asText();
    }
}
