package org.scimlog.schema;

/**
 * A value that its attribute does not admit: a type RFC 7643 §2.3 does not allow, or a sub-attribute the
 * schema does not declare. RFC 7644 §3.12 gives both one scimType, invalidValue ("not compatible with the
 * ... attribute type ... or resource schema"). Callers answer it in their own terms, the validator with a
 * SCIM 400, PATCH with a {@code PatchException} that says which operation it was, and keep the message, so
 * one value gets one answer whichever way it came.
 */
public final class ValueViolation extends RuntimeException {

    ValueViolation(String message) {
        // No stack trace: this is an answer to a client, not a fault in the server.
        super(message, null, false, false);
    }
}
