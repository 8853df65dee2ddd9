package org.scimlog.admin;

import java.util.List;
import org.scimlog.audit.query.OktaError;

/** An operator request refused with an Okta error body ({@link AdminRefusalHandler}). */
final class AdminRefusal extends RuntimeException {

    private final OktaError error;

    AdminRefusal(OktaError error, String cause) {
        super(cause, null, false, false);
        this.error = error;
    }

    static AdminRefusal invalid(String cause) {
        return new AdminRefusal(OktaError.INVALID_PARAMETER, cause);
    }

    OktaError error() {
        return error;
    }

    String summary() {
        return error.summary() + ": " + getMessage();
    }

    List<String> causes() {
        return List.of(getMessage());
    }
}
