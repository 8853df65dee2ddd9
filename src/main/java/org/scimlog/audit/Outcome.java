package org.scimlog.audit;

import io.micronaut.core.annotation.Nullable;

/** Okta's LogOutcome: the result and, for failures, why. */
public record Outcome(String result, @Nullable String reason) {

    public static final Outcome SUCCESS = new Outcome("SUCCESS", null);

    /** Okta limits reasons to 255 characters. */
    public static Outcome failure(String reason) {
        return new Outcome("FAILURE", reason.length() > 255 ? reason.substring(0, 252) + "..." : reason);
    }
}
