package org.scimlog.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the {@code tenant} command does, in the operator API's shapes, either through a running server's API
 * ({@link ApiTenantOperations}) or directly on the database ({@link DatabaseTenantOperations}).
 * Failures are {@link Failure}s with a message fit to print.
 */
interface TenantOperations extends AutoCloseable {

    JsonNode tenants();

    /** Creates the tenant; one that exists already is fine when {@code existingIsFine}. */
    void createTenant(String name, boolean existingIsFine);

    JsonNode setDisabled(String tenant, boolean disabled);

    JsonNode credentials(String tenant);

    /** {@code request} is the API's body (name, type, scopes, expiresAt, issuer, audience, jwksUrl). */
    ObjectNode issue(String tenant, ObjectNode request, boolean rotate);

    JsonNode setExpiry(String tenant, String credential, JsonNode expiresAt);

    /** How many live credentials of that name were revoked. */
    int revoke(String tenant, String credential);

    @Override
    void close();

    final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
