package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.Mutability;

/** Applies one change to the working document, holding it to the target attribute's mutability and requiredness. */
final class ChangeApplier {

    private final TargetWriter attributeWriter = new AttributeWriter();
    private final TargetWriter subAttributeWriter = new SubAttributeWriter();
    private final TargetWriter everyElementWriter = new EveryElementWriter();
    private final TargetWriter filteredElementWriter = new FilteredElementWriter();

    void apply(ObjectNode document, Change requested) {
        Change change = requested.normalised();
        PatchTarget target = change.target();
        requireNotReadOnly(target);
        ObjectNode container = change.op() == PatchOp.REMOVE
                ? ResourceContainers.find(document, target.extensionUrn())
                : ResourceContainers.obtain(document, target.extensionUrn());
        if (container == null) {
            return; // removing from an extension the resource does not use: already done
        }
        String name = target.attribute().name();
        JsonNode before = container.has(name) ? container.get(name).deepCopy() : null;
        writerFor(target).write(container, change);
        requireAllowedChange(target, before, container.get(name));
    }

    private TargetWriter writerFor(PatchTarget target) {
        if (target.valueFilter() != null) {
            return filteredElementWriter;
        }
        if (target.subAttribute() == null) {
            return attributeWriter;
        }
        return target.attribute().multiValued() ? everyElementWriter : subAttributeWriter;
    }

    private static void requireNotReadOnly(PatchTarget target) {
        if (target.attribute().mutability() == Mutability.READ_ONLY) {
            throw Errors.mutability("'" + target.attributeLabel() + "' is read-only");
        }
        if (target.subAttribute() != null && target.subAttribute().mutability() == Mutability.READ_ONLY) {
            throw Errors.mutability("'" + target.label() + "' is read-only");
        }
    }

    /**
     * RFC 7644 §3.5.2: a client "MAY add a value to an immutable attribute if the attribute had no previous
     * value", so an immutable attribute may only change from absent. Removing a required attribute is
     * refused with invalidValue, the type RFC 7644 §3.12 gives for "a required value was missing";
     * "mutability" is about the attribute's mutability, which a required readWrite attribute does not break.
     */
    private static void requireAllowedChange(PatchTarget target, JsonNode before, JsonNode after) {
        Attribute attribute = target.attribute();
        if (before == null || before.equals(after)) {
            return;
        }
        if (attribute.mutability() == Mutability.IMMUTABLE) {
            throw Errors.mutability("'" + target.attributeLabel() + "' is immutable and already has a value");
        }
        boolean emptied = after == null || after.isNull() || (after.isContainerNode() && after.isEmpty());
        if (attribute.required() && emptied) {
            throw Errors.invalidValue("'" + target.attributeLabel() + "' is required and cannot be removed");
        }
    }
}
