package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.scimlog.schema.Attribute;

/** Changes to one sub-attribute of a single-valued complex attribute: "name.familyName", "manager.value". */
final class SubAttributeWriter implements TargetWriter {

    @Override
    public void write(ObjectNode container, Change change) {
        Attribute attribute = change.target().attribute();
        Attribute sub = change.target().subAttribute();
        String label = change.target().label();
        JsonNode parent = container.get(attribute.name());
        if (change.op() == PatchOp.REMOVE) {
            if (parent instanceof ObjectNode object) {
                SubAttributes.remove(object, sub, label); // an emptied parent is tidied away afterwards
            }
            return;
        }
        JsonNode value = PatchValues.forAttribute(sub, change.value(), label);
        ObjectNode owner = parent instanceof ObjectNode object ? object : container.putObject(attribute.name());
        SubAttributes.set(owner, sub, value, label);
    }
}
