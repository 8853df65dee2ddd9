package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.function.Supplier;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.TypeCoercer;
import org.scimlog.schema.ValueViolation;

/**
 * PATCH values through the schema's {@link TypeCoercer}, the same check a resource body gets, after the two
 * shapes PATCH clients send that a body never holds:
 * <ul>
 * <li>one element of a multi-valued attribute bare, not in an array:
 * {@code {"op":"add","path":"emails","value":{"value":"a@x.org"}}};</li>
 * <li>Entra ID's manager as a bare id, {@code {"op":"Add","path":"urn:...:manager","value":"id123"}},
 * meaning {@code {"value":"id123"}}: any complex attribute with a "value" sub-attribute reads a bare scalar
 * that way (RFC 7643 §2.3.8 wants an object, so a body with it is refused).</li>
 * </ul>
 */
final class PatchValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PatchValues() {
    }

    /** A whole attribute's value: always an array for multi-valued attributes. */
    static JsonNode forAttribute(Attribute attribute, JsonNode value, String label) {
        if (!attribute.multiValued()) {
            return single(attribute, value, label);
        }
        ArrayNode values = JSON.arrayNode();
        if (value.isArray()) {
            value.forEach(element -> values.add(entraShorthand(attribute, element)));
        } else {
            values.add(entraShorthand(attribute, value));
        }
        return coerced(() -> TypeCoercer.attributeValue(attribute, values, label));
    }

    /** One value of the attribute: the value of a single-valued one, an element of a multi-valued one. */
    static JsonNode single(Attribute attribute, JsonNode value, String label) {
        if (!attribute.multiValued() && value.isArray()) {
            return coerced(() -> TypeCoercer.attributeValue(attribute, value, label));
        }
        return coerced(() -> TypeCoercer.oneValue(attribute, entraShorthand(attribute, value), label));
    }

    private static JsonNode entraShorthand(Attribute attribute, JsonNode value) {
        if (attribute.isComplex() && value.isValueNode() && !value.isNull()) {
            return attribute.subAttribute("value")
                    .map(sub -> (JsonNode) JSON.objectNode().set(sub.name(), value))
                    .orElse(value);
        }
        return value;
    }

    private static JsonNode coerced(Supplier<JsonNode> coercion) {
        try {
            return coercion.get();
        } catch (ValueViolation e) {
            throw Errors.invalidValue(e.getMessage());
        }
    }
}
