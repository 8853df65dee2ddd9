package org.scimlog.scim.patch;

import org.scimlog.scim.error.ScimType;

/** Short factories so that the rules read as rules rather than as exception plumbing. */
final class Errors {

    private Errors() {
    }

    static PatchException invalidSyntax(String detail) {
        return new PatchException(ScimType.INVALID_SYNTAX, detail);
    }

    static PatchException invalidPath(String detail) {
        return new PatchException(ScimType.INVALID_PATH, detail);
    }

    static PatchException invalidValue(String detail) {
        return new PatchException(ScimType.INVALID_VALUE, detail);
    }

    static PatchException noTarget(String detail) {
        return new PatchException(ScimType.NO_TARGET, detail);
    }

    static PatchException mutability(String detail) {
        return new PatchException(ScimType.MUTABILITY, detail);
    }
}
