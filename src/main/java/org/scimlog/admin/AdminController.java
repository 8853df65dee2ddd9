package org.scimlog.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.scimlog.audit.query.OktaError;
import org.scimlog.audit.query.Timestamps;
import org.scimlog.json.JsonCodec;
import org.scimlog.scim.ResourceLocations;
import org.scimlog.security.Credential;
import org.scimlog.security.CredentialKind;
import org.scimlog.security.CredentialRefused;
import org.scimlog.security.CredentialRequest;
import org.scimlog.security.JwtIssuer;
import org.scimlog.security.Scopes;
import org.scimlog.security.Tenant;
import org.scimlog.security.TenantAdministration;
import org.scimlog.security.TenantAdministration.IssuedCredential;

/**
 * The operator API, under the {@code admin} scope: tenants (create, list, disable, enable) and their credentials
 * (issue, list without secrets, rotate, set expiry, revoke). Tenants and credentials are named in paths by name,
 * as operators know them. Shapes follow Okta's API: lifecycle actions as POSTs, Okta's error bodies.
 */
@Controller("/api/v1/admin")
@Secured(Scopes.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, "application/scim+json"})
public class AdminController {

    private final TenantAdministration administration;
    private final AdminEvents events;
    private final ResourceLocations locations;
    private final JsonCodec json;

    AdminController(TenantAdministration administration, AdminEvents events, ResourceLocations locations, JsonCodec json) {
        this.administration = administration;
        this.events = events;
        this.locations = locations;
        this.json = json;
    }

    @Get("/tenants")
    public String tenants() {
        return AdminJson.tenants(administration.tenants()).toString();
    }

    @Get("/tenants/{tenant}")
    public String tenant(@PathVariable String tenant) {
        return AdminJson.tenant(administration.tenant(tenant).orElseThrow(() -> notFound("no tenant named '" + tenant + "'"))).toString();
    }

    @Post("/tenants")
    public HttpResponse<String> createTenant(HttpRequest<?> http, Authentication operator, @Body @Nullable String body) {
        JsonNode request = object(body);
        Tenant tenant = run(() -> administration.createTenant(text(request, "name", true)));
        events.tenantCreated(http, operator, tenant);
        return HttpResponse.status(HttpStatus.CREATED).body(AdminJson.tenant(tenant).toString());
    }

    @Post("/tenants/{tenant}/lifecycle/disable")
    public String disable(HttpRequest<?> http, Authentication operator, @PathVariable String tenant) {
        Tenant changed = run(() -> administration.setDisabled(tenant, true));
        events.tenantLifecycle(http, operator, changed, false);
        return AdminJson.tenant(changed).toString();
    }

    @Post("/tenants/{tenant}/lifecycle/enable")
    public String enable(HttpRequest<?> http, Authentication operator, @PathVariable String tenant) {
        Tenant changed = run(() -> administration.setDisabled(tenant, false));
        events.tenantLifecycle(http, operator, changed, true);
        return AdminJson.tenant(changed).toString();
    }

    @Get("/tenants/{tenant}/credentials")
    public String credentials(@PathVariable String tenant) {
        return AdminJson.credentials(run(() -> administration.credentials(tenant))).toString();
    }

    /**
     * Issues a credential; the answer carries its secret ({@code token} or {@code password}) this once, and the
     * SCIM base URL to give Okta. A live credential of the same name is a 409 unless {@code ?rotate=true}.
     */
    @Post("/tenants/{tenant}/credentials")
    public HttpResponse<String> issue(HttpRequest<?> http, Authentication operator, @PathVariable String tenant,
                                      @QueryValue(defaultValue = "false") String rotate, @Body @Nullable String body) {
        JsonNode request = object(body);
        CredentialRequest wanted = run(() -> credentialRequest(request));
        boolean rotating = "true".equals(rotate);
        if (!rotating && !"false".equals(rotate)) {
            throw AdminRefusal.invalid("rotate: must be true or false");
        }
        IssuedCredential issued = run(() -> administration.issue(tenant, wanted, rotating));
        events.credentialIssued(http, operator, issued, rotating);
        ObjectNode answer = AdminJson.credential(issued.credential());
        AdminJson.putSecret(answer, issued.credential().kind(), issued.secret());
        AdminJson.putEndpoints(answer, issued.credential().kind(), locations.scimBaseUrl());
        return HttpResponse.status(HttpStatus.CREATED).body(answer.toString());
    }

    /** Sets ({@code "expiresAt": "2027-01-01T00:00:00Z"}) or clears ({@code null}) a credential's expiry. */
    @Patch("/tenants/{tenant}/credentials/{credential}")
    public String update(HttpRequest<?> http, Authentication operator, @PathVariable String tenant, @PathVariable String credential,
                         @Body @Nullable String body) {
        JsonNode request = object(body);
        if (!request.has("expiresAt")) {
            throw AdminRefusal.invalid("expiresAt: required (a date-time, or null for no expiry)");
        }
        Instant expiresAt = instant(request, "expiresAt");
        Credential changed = run(() -> administration.setExpiry(tenant, credential, expiresAt));
        events.credentialExpirySet(http, operator, tenantId(tenant), changed);
        return AdminJson.credential(changed).toString();
    }

    @Delete("/tenants/{tenant}/credentials/{credential}")
    public HttpResponse<Void> revoke(HttpRequest<?> http, Authentication operator, @PathVariable String tenant, @PathVariable String credential) {
        int revoked = run(() -> administration.revoke(tenant, credential));
        if (revoked == 0) {
            throw notFound("tenant '" + tenant + "' has no live credential named '" + credential + "'");
        }
        events.credentialRevoked(http, operator, tenantId(tenant), tenant, credential);
        return HttpResponse.noContent();
    }

    private UUID tenantId(String tenant) {
        return administration.tenant(tenant).orElseThrow(() -> notFound("no tenant named '" + tenant + "'")).id();
    }

    private static final List<String> CREDENTIAL_FIELDS = List.of("name", "type", "scopes", "expiresAt");
    private static final List<String> JWT_FIELDS = List.of("issuer", "audience", "jwksUrl");
    private static final List<String> OAUTH_FIELDS = List.of("redirectUris");

    private CredentialRequest credentialRequest(JsonNode request) {
        String typeText = text(request, "type", false);
        CredentialKind kind = CredentialKind.parse(typeText == null ? "bearer" : typeText);
        request.fieldNames().forEachRemaining(field -> {
            if (!CREDENTIAL_FIELDS.contains(field) && !(kind == CredentialKind.JWT && JWT_FIELDS.contains(field))
                    && !(kind == CredentialKind.OAUTH && OAUTH_FIELDS.contains(field))) {
                throw AdminRefusal.invalid(field + ": not a field of a " + kind.text() + " credential");
            }
        });
        List<String> scopes = new ArrayList<>();
        JsonNode scopeNode = request.path("scopes");
        if (scopeNode.isMissingNode() || scopeNode.isNull()) {
            scopes.addAll(Scopes.PROVISIONING);
        } else if (!scopeNode.isArray()) {
            throw new IllegalArgumentException("scopes: must be an array of strings");
        } else {
            for (JsonNode scope : scopeNode) {
                if (!scope.isTextual()) {
                    throw new IllegalArgumentException("scopes: must be an array of strings");
                }
                scopes.add(scope.asText());
            }
        }
        JwtIssuer issuer = kind == CredentialKind.JWT ? new JwtIssuer(text(request, "issuer", true),
                text(request, "audience", true), text(request, "jwksUrl", true)) : null;
        List<String> redirectUris = new ArrayList<>();
        JsonNode uris = request.path("redirectUris");
        if (!uris.isMissingNode() && !uris.isNull()) {
            if (!uris.isArray()) {
                throw AdminRefusal.invalid("redirectUris: must be an array of strings");
            }
            for (JsonNode uri : uris) {
                if (!uri.isTextual()) {
                    throw AdminRefusal.invalid("redirectUris: must be an array of strings");
                }
                redirectUris.add(uri.asText());
            }
        }
        return new CredentialRequest(text(request, "name", true), kind, scopes, instant(request, "expiresAt"), issuer,
                redirectUris);
    }

    private JsonNode object(@Nullable String body) {
        if (body == null || body.isBlank()) {
            throw AdminRefusal.invalid("a JSON object body is required");
        }
        JsonNode node;
        try {
            node = json.read(body);
        } catch (com.fasterxml.jackson.core.JacksonException | RuntimeException e) {
            throw AdminRefusal.invalid("the body is not valid JSON");
        }
        if (!node.isObject()) {
            throw AdminRefusal.invalid("the body must be a JSON object");
        }
        return node;
    }

    @Nullable
    private static String text(JsonNode request, String field, boolean required) {
        JsonNode node = request.path(field);
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                throw AdminRefusal.invalid(field + ": required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw AdminRefusal.invalid(field + ": must be a string");
        }
        return node.asText();
    }

    @Nullable
    private static Instant instant(JsonNode request, String field) {
        String text = text(request, field, false);
        if (text == null) {
            return null;
        }
        return Timestamps.parse(text).orElseThrow(() -> AdminRefusal.invalid(field + ": must be an RFC 3339 date-time"));
    }

    private static AdminRefusal notFound(String cause) {
        return new AdminRefusal(OktaError.NOT_FOUND, cause);
    }

    /** Administration's refusals in Okta's shapes: bad input 400, a taken name 409, an unknown name 404. */
    private static <T> T run(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (CredentialRefused refused) {
            throw new AdminRefusal(refused.reason() == CredentialRefused.Reason.CONFLICT ? OktaError.CONFLICT
                    : OktaError.NOT_FOUND, refused.getMessage());
        } catch (IllegalArgumentException invalid) {
            throw AdminRefusal.invalid(invalid.getMessage());
        }
    }
}
