package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.scimlog.schema.Attribute;

/**
 * A sub-attribute of a multi-valued attribute without a value filter ("emails.value"). RFC 7644 does not
 * say which element that means. Replace and remove act on every element, which is what the path literally
 * names; add is refused, since adding a sub-attribute to every element at once is never what a client
 * means and it should say which element with a filter.
 */
final class EveryElementWriter implements TargetWriter {

    @Override
    public void write(ObjectNode container, Change change) {
        PatchTarget target = change.target();
        Attribute sub = target.subAttribute();
        List<ObjectNode> elements = MultiValues.objectElements(container, target.attribute().name());
        switch (change.op()) {
            case ADD -> throw Errors.invalidPath("add cannot target '" + target.label() + "' of every value of '"
                    + target.attribute().name() + "'; select the value with a value filter, e.g. "
                    + target.attribute().name() + "[type eq \"work\"]." + sub.name());
            case REPLACE -> {
                if (elements.isEmpty()) {
                    throw Errors.noTarget("'" + target.attributeLabel() + "' has no values whose '" + sub.name()
                            + "' could be replaced");
                }
                JsonNode value = PatchValues.forAttribute(sub, change.value(), target.label());
                elements.forEach(element -> SubAttributes.set(element, sub, value.deepCopy(), target.label()));
            }
            case REMOVE -> elements.forEach(element -> SubAttributes.remove(element, sub, target.label()));
        }
    }
}
