package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.scimlog.schema.Attribute;

/** Changes to the elements a value filter selects: "emails[type eq \"work\"].value", "members[value eq \"x\"]". */
final class FilteredElementWriter implements TargetWriter {

    @Override
    public void write(ObjectNode container, Change change) {
        PatchTarget target = change.target();
        ElementMatcher matcher = new ElementMatcher(target.valueFilter(), target.attribute());
        List<ObjectNode> matches = MultiValues.objectElements(container, target.attribute().name()).stream()
                .filter(matcher::matches)
                .toList();
        if (change.op() == PatchOp.REMOVE) {
            remove(container, target, matches); // nothing matching is fine: Okta and Entra ID retry removes
        } else if (matches.isEmpty()) {
            create(container, target, change);
        } else {
            update(matches, target, change);
        }
    }

    private static void remove(ObjectNode container, PatchTarget target, List<ObjectNode> matches) {
        if (target.subAttribute() != null) {
            matches.forEach(element -> SubAttributes.remove(element, target.subAttribute(), target.label()));
        } else if (container.get(target.attribute().name()) instanceof ArrayNode array) {
            MultiValues.removeElements(array, matches);
        }
    }

    private static void update(List<ObjectNode> matches, PatchTarget target, Change change) {
        JsonNode value = coerce(target, change.value());
        for (ObjectNode element : matches) {
            if (target.subAttribute() != null) {
                SubAttributes.set(element, target.subAttribute(), value.deepCopy(), target.label());
            } else {
                if (change.op() == PatchOp.REPLACE) {
                    element.removeAll(); // RFC 7644 §3.5.2.3: matching values "SHALL be replaced"
                }
                element.setAll((ObjectNode) value.deepCopy());
            }
        }
    }

    /** Nothing matched: build the element the filter describes, if it describes exactly one. */
    private static void create(ObjectNode container, PatchTarget target, Change change) {
        Attribute attribute = target.attribute();
        ObjectNode element = EqualityTemplate.of(target.valueFilter(), attribute).orElseThrow(() -> Errors.noTarget(
                "no value of '" + target.attributeLabel() + "' matches the filter, and the filter is not a "
                        + "plain 'eq' condition that could describe a new value"));
        JsonNode value = coerce(target, change.value());
        if (target.subAttribute() != null) {
            element.set(target.subAttribute().name(), value);
        } else {
            element.setAll((ObjectNode) value);
        }
        MultiValues.array(container, attribute.name()).add(element);
    }

    private static JsonNode coerce(PatchTarget target, JsonNode value) {
        return target.subAttribute() != null
                ? PatchValues.forAttribute(target.subAttribute(), value, target.label())
                : PatchValues.single(target.attribute(), value, target.label());
    }
}
