package org.scimlog.security;

import io.micronaut.core.annotation.Nullable;

/**
 * A refusal of scimlog's authorization server in RFC 6749's terms ({@code error}, {@code error_description}, the HTTP
 * status), with the {@link Rejection} the System Log records for it. The description names what was wrong with
 * the request, never a secret.
 */
public final class OAuthProblem extends RuntimeException {

    private final String error;
    private final int status;
    private final transient Rejection rejection;

    OAuthProblem(String error, String description, int status, Rejection rejection) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
        this.rejection = rejection;
    }

    static OAuthProblem invalidClient(Rejection rejection) {
        return new OAuthProblem("invalid_client", "client authentication failed", 401, rejection);
    }

    static OAuthProblem invalidGrant(String description, Rejection rejection) {
        return new OAuthProblem("invalid_grant", description, 400, rejection);
    }

    /** A refusal about the request's shape, recorded against the client when it is known. */
    public static OAuthProblem invalidRequest(String error, String description, @Nullable Caller client) {
        Rejection rejection = client == null
                ? Rejection.anonymous(CredentialKind.OAUTH, description)
                : Rejection.of(client, description);
        return new OAuthProblem(error, description, 400, rejection);
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public int status() {
        return status;
    }

    public Rejection rejection() {
        return rejection;
    }
}
