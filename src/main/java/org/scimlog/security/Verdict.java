package org.scimlog.security;

import io.micronaut.core.annotation.Nullable;

/** What checking one presented credential concluded: a caller, or a rejection with its reason. */
record Verdict(@Nullable Caller caller, @Nullable Rejection rejection) {

    static Verdict accept(Caller caller) {
        return new Verdict(caller, null);
    }

    static Verdict reject(Rejection rejection) {
        return new Verdict(null, rejection);
    }

    /** The checks every kind shares once the credential row is found and its secret matched. */
    static Verdict ofStored(StoredCredential stored, java.time.Instant now) {
        Caller caller = stored.caller();
        if (stored.revokedAt() != null) {
            return reject(Rejection.of(caller, "credential revoked"));
        }
        if (stored.tenantDisabled()) {
            return reject(Rejection.of(caller, "tenant disabled"));
        }
        if (caller.expiredAt(now)) {
            return reject(Rejection.of(caller, "credential expired"));
        }
        return accept(caller);
    }
}
