package org.scimlog.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * Why a presented credential did not authenticate a request, kept on the request for the System Log (a FAILURE
 * event in the tenant's log when the credential names a tenant, else in the operators' log). The reason never
 * quotes the secret, and the client is never told it (it gets a plain 401).
 */
public record Rejection(String reason, CredentialKind kind, @Nullable UUID tenantId, @Nullable String tenantName,
                        @Nullable UUID credentialId, @Nullable String credentialName, @Nullable Long retryAfterSeconds) {

    public static final String ATTRIBUTE = "scimlog.credential.rejection";

    static Rejection anonymous(CredentialKind kind, String reason) {
        return new Rejection(reason, kind, null, null, null, null, null);
    }

    static Rejection of(Caller caller, String reason) {
        return new Rejection(reason, caller.kind(), caller.tenantId(), caller.tenantName(), caller.tokenId(), caller.tokenName(), null);
    }

    /** Refused before its secret was checked, to be tried again after that many seconds (answered 429). */
    static Rejection throttled(String reason, CredentialKind kind, long retryAfterSeconds) {
        return new Rejection(reason, kind, null, null, null, null, retryAfterSeconds);
    }

    public static Optional<Rejection> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Rejection.class);
    }
}
