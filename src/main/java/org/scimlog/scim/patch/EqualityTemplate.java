package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.scimlog.filter.Filter;
import org.scimlog.filter.FilterValue;
import org.scimlog.filter.Operator;
import org.scimlog.schema.Attribute;

/**
 * The new element a filter like {@code type eq "work" and primary eq true} describes. Entra ID replaces
 * {@code emails[type eq "work"].value} on users that have no work email yet and expects the email to
 * appear, so such a filter must be able to create the element it failed to find. Only a conjunction of
 * "eq" comparisons describes one element unambiguously; anything else has no template.
 */
final class EqualityTemplate {

    private EqualityTemplate() {
    }

    static Optional<ObjectNode> of(Filter filter, Attribute attribute) {
        ObjectNode element = JsonNodeFactory.instance.objectNode();
        return collect(filter, attribute, element) ? Optional.of(element) : Optional.empty();
    }

    private static boolean collect(Filter filter, Attribute attribute, ObjectNode element) {
        if (filter instanceof Filter.And and) {
            return collect(and.left(), attribute, element) && collect(and.right(), attribute, element);
        }
        if (!(filter instanceof Filter.Comparison comparison) || comparison.operator() != Operator.EQ) {
            return false;
        }
        JsonNode literal = literal(comparison.value());
        if (literal == null) {
            return false;
        }
        Attribute sub = attribute.subAttribute(comparison.path().attribute()).orElseThrow();
        JsonNode coerced = PatchValues.forAttribute(sub, literal, attribute.name() + "." + sub.name());
        JsonNode earlier = element.get(sub.name());
        if (earlier != null && !earlier.equals(coerced)) {
            return false; // "type eq "a" and type eq "b"" describes no element at all
        }
        element.set(sub.name(), coerced);
        return true;
    }

    private static JsonNode literal(FilterValue value) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (value instanceof FilterValue.Text text) {
            return json.textNode(text.value());
        }
        if (value instanceof FilterValue.Number number) {
            return json.numberNode(number.value());
        }
        if (value instanceof FilterValue.Bool bool) {
            return json.booleanNode(bool.value());
        }
        return null; // "eq null" asks for absence, which cannot be written into a new element
    }
}
