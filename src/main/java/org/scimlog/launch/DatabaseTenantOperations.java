package org.scimlog.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.scimlog.admin.AdminJson;
import org.scimlog.audit.query.Timestamps;
import org.scimlog.scim.ResourceLocations;
import org.scimlog.security.CredentialKind;
import org.scimlog.security.CredentialRefused;
import org.scimlog.security.CredentialRequest;
import org.scimlog.security.JwtIssuer;
import org.scimlog.security.Scopes;
import org.scimlog.security.TenantAdministration;
import org.scimlog.security.TenantAdministration.IssuedCredential;

/**
 * The {@code tenant} command directly on the database, with the server's configuration (SCIMLOG_DB_URL, ...).
 * The database is reached once with a short timeout before anything starts, so an unreachable one is a
 * sentence, not a stack trace. These changes are not recorded in the System Log (no request, no actor): prefer
 * the API once a server runs.
 */
final class DatabaseTenantOperations implements TenantOperations {

    private final ApplicationContext context;
    private final TenantAdministration administration;

    private DatabaseTenantOperations(ApplicationContext context) {
        this.context = context;
        this.administration = context.getBean(TenantAdministration.class);
    }

    static DatabaseTenantOperations open() {
        DatabaseLogin.fromConfiguration().checkReachable(", or use --server");
        return new DatabaseTenantOperations(ApplicationContext.builder().deduceEnvironment(false)
                .properties(java.util.Map.of("scimlog.stream.enabled", "false")).start());
    }

    @Override
    public JsonNode tenants() {
        return AdminJson.tenants(administration.tenants());
    }

    @Override
    public void createTenant(String name, boolean existingIsFine) {
        try {
            administration.createTenant(name);
        } catch (CredentialRefused refused) {
            if (!(existingIsFine && refused.reason() == CredentialRefused.Reason.CONFLICT)) {
                throw new Failure(refused.getMessage());
            }
        } catch (IllegalArgumentException invalid) {
            throw new Failure(invalid.getMessage());
        }
    }

    @Override
    public JsonNode setDisabled(String tenant, boolean disabled) {
        return run(() -> AdminJson.tenant(administration.setDisabled(tenant, disabled)));
    }

    @Override
    public JsonNode credentials(String tenant) {
        return run(() -> AdminJson.credentials(administration.credentials(tenant)));
    }

    @Override
    public ObjectNode issue(String tenant, ObjectNode request, boolean rotate) {
        return run(() -> {
            CredentialKind kind = CredentialKind.parse(request.path("type").asText("bearer"));
            List<String> scopes = new ArrayList<>();
            request.path("scopes").forEach(scope -> scopes.add(scope.asText()));
            JwtIssuer issuer = kind == CredentialKind.JWT ? new JwtIssuer(request.path("issuer").asText(""),
                    request.path("audience").asText(""), request.path("jwksUrl").asText("")) : null;
            List<String> redirectUris = new ArrayList<>();
            request.path("redirectUris").forEach(uri -> redirectUris.add(uri.asText()));
            IssuedCredential issued = administration.issue(tenant, new CredentialRequest(request.path("name").asText(),
                    kind, scopes.isEmpty() ? Scopes.PROVISIONING : scopes, instant(request.path("expiresAt")), issuer,
                    redirectUris), rotate);
            ObjectNode answer = AdminJson.credential(issued.credential());
            AdminJson.putSecret(answer, kind, issued.secret());
            AdminJson.putEndpoints(answer, kind, context.getBean(ResourceLocations.class).scimBaseUrl());
            return answer;
        });
    }

    @Override
    public JsonNode setExpiry(String tenant, String credential, JsonNode expiresAt) {
        return run(() -> AdminJson.credential(administration.setExpiry(tenant, credential, instant(expiresAt))));
    }

    @Override
    public int revoke(String tenant, String credential) {
        return run(() -> administration.revoke(tenant, credential));
    }

    @Override
    public void close() {
        context.close();
    }

    private static Instant instant(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return Timestamps.parse(node.asText())
                .orElseThrow(() -> new IllegalArgumentException("expiry must be an RFC 3339 date-time, e.g. 2027-01-01T00:00:00Z"));
    }

    private static <T> T run(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (CredentialRefused | IllegalArgumentException e) {
            throw new Failure(e.getMessage());
        }
    }
}
