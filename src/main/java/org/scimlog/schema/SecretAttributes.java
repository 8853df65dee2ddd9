package org.scimlog.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Where the secrets ({@link Attribute#isSecret()}) of a stored document are: what a representation leaves
 * out and what an event names without its value. The password never gets here (it is not stored); the
 * secrets of extension schemas do, as the server is their system of record.
 */
public final class SecretAttributes {

    private SecretAttributes() {
    }

    /**
     * The definition of a member of a stored document: a core attribute ({@code urn} null) or an attribute of
     * the extension stored under {@code urn}. Empty for a name the resource type does not declare.
     */
    public static Optional<Attribute> attribute(ResourceType type, @Nullable String urn, String name) {
        Optional<Schema> schema = urn == null ? Optional.of(type.schema()) : type.extension(urn).map(SchemaExtension::schema);
        return schema.flatMap(s -> s.attribute(name));
    }

    /** Takes every secret attribute and sub-attribute out of {@code document} (core and extensions), in place. */
    public static void remove(ObjectNode document, ResourceType type) {
        removeFrom(document, type.schema());
        for (SchemaExtension extension : type.extensions()) {
            String urn = extension.schema().id();
            if (document.get(urn) instanceof ObjectNode data) {
                removeFrom(data, extension.schema());
                if (data.isEmpty()) {
                    document.remove(urn);
                    if (document.get("schemas") instanceof ArrayNode schemas) {
                        for (Iterator<JsonNode> it = schemas.elements(); it.hasNext(); ) {
                            if (it.next().asText().equals(urn)) {
                                it.remove();
                            }
                        }
                    }
                }
            }
        }
    }

    /** A copy of one attribute's value without its secret sub-attributes (the value itself if it has none). */
    public static JsonNode withoutSecretSubAttributes(Attribute attribute, JsonNode value) {
        if (!attribute.isComplex() || attribute.subAttributes().stream().noneMatch(Attribute::isSecret)) {
            return value;
        }
        JsonNode copy = value.deepCopy();
        removeSubAttributes(attribute, copy);
        return copy;
    }

    private static void removeFrom(ObjectNode data, Schema schema) {
        for (Attribute attribute : schema.attributes()) {
            JsonNode value = data.get(attribute.name());
            if (value == null) {
                continue;
            }
            if (attribute.isSecret()) {
                data.remove(attribute.name());
            } else {
                removeSubAttributes(attribute, value);
            }
        }
    }

    private static void removeSubAttributes(Attribute attribute, JsonNode value) {
        if (!attribute.isComplex()) {
            return;
        }
        for (JsonNode element : value.isArray() ? value : List.of(value)) {
            if (element instanceof ObjectNode complex) {
                attribute.subAttributes().stream().filter(Attribute::isSecret).forEach(s -> complex.remove(s.name()));
            }
        }
    }
}
