package org.scimlog.security;

import java.util.List;
import java.util.Set;

/** What a credential may do. They double as micronaut-security roles, so controllers declare them with {@code @Secured}. */
public final class Scopes {

    /** Provision users and groups through /scim/v2. */
    public static final String SCIM = "scim";
    /** Read the tenant's System Log through /api/v1/logs. */
    public static final String LOGS_READ = "logs.read";
    /**
     * Administer tenants and credentials through /api/v1/admin, and see /health in detail. Only credentials of
     * the operators' tenant ({@link TenantAdministration#OPERATORS}) may hold it.
     */
    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(SCIM, LOGS_READ, ADMIN);
    public static final List<String> PROVISIONING = List.of(SCIM);

    private Scopes() {
    }

    public static void requireKnown(List<String> scopes) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a credential needs at least one scope (scim, logs.read, admin)");
        }
        for (String scope : scopes) {
            if (!ALL.contains(scope)) {
                throw new IllegalArgumentException("unknown scope '" + scope + "'; known: scim, logs.read, admin");
            }
        }
    }
}
