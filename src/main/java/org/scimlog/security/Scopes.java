package org.scimlog.security;

import java.util.List;
import java.util.Set;

/** What a token may do. They double as micronaut-security roles, so controllers declare them with {@code @Secured}. */
public final class Scopes {

    /** Provision users and groups through /scim/v2. */
    public static final String SCIM = "scim";
    /** Read the tenant's System Log through /api/v1/logs. */
    public static final String LOGS_READ = "logs.read";

    public static final Set<String> ALL = Set.of(SCIM, LOGS_READ);
    public static final List<String> PROVISIONING = List.of(SCIM);

    private Scopes() {
    }

    public static void requireKnown(List<String> scopes) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope (" + String.join(", ", ALL) + ")");
        }
        for (String scope : scopes) {
            if (!ALL.contains(scope)) {
                throw new IllegalArgumentException("unknown scope '" + scope + "'; known: " + String.join(", ", ALL));
            }
        }
    }
}
