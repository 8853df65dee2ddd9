package org.scimlog.security;

/**
 * An administration request that cannot be carried out as asked: a name taken, a tenant or credential that
 * does not exist. The message is for the operator and names nothing secret.
 */
public final class CredentialRefused extends RuntimeException {

    public enum Reason { CONFLICT, NOT_FOUND }

    private final Reason reason;

    public CredentialRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static CredentialRefused noTenant(String name) {
        return new CredentialRefused(Reason.NOT_FOUND, "no tenant named '" + name + "'");
    }

    static CredentialRefused noCredential(String tenant, String name) {
        return new CredentialRefused(Reason.NOT_FOUND, "tenant '" + tenant + "' has no live credential named '" + name + "'");
    }
}
