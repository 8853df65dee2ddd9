package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One resolved unit of work. A PATCH operation without a path becomes one change per member of its value.
 *
 * @param value null for a remove without a value; never a JSON null (a replace with null is a remove)
 */
record Change(PatchOp op, PatchTarget target, JsonNode value) {

    /** RFC 7644 leaves "replace with nothing" open; Okta and Entra ID use it to unassign, so it means remove. */
    Change normalised() {
        boolean empty = value != null && (value.isNull() || (value.isArray() && value.isEmpty()));
        return op == PatchOp.REPLACE && empty ? new Change(PatchOp.REMOVE, target, null) : this;
    }
}
