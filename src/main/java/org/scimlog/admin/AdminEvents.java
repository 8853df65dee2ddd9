package org.scimlog.admin;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.scimlog.audit.AuditLog;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.RequestContext;
import org.scimlog.audit.Target;
import org.scimlog.json.DateTimeText;
import org.scimlog.scim.RequestContexts;
import org.scimlog.security.Credential;
import org.scimlog.security.Tenant;
import org.scimlog.security.TenantAdministration;
import org.scimlog.security.TenantAdministration.IssuedCredential;

/**
 * Every operator action is an event shaped like Okta's ({@code system.api_token.create}, ...), written to the
 * operators' log and to the log of the tenant it changed, so the tenant's own support can see who changed its
 * credentials. The actor is the operator's credential; secrets are never part of an event.
 */
@Singleton
class AdminEvents {

    private final AuditLog log;
    private final RequestContexts contexts;

    AdminEvents(AuditLog log, RequestContexts contexts) {
        this.log = log;
        this.contexts = contexts;
    }

    void tenantCreated(HttpRequest<?> request, Authentication operator, Tenant tenant) {
        record(request, operator, tenant.id(), tenant.name(), EventType.TENANT_CREATE, tenantTarget(tenant), Map.of());
    }

    void tenantLifecycle(HttpRequest<?> request, Authentication operator, Tenant tenant, boolean enabled) {
        record(request, operator, tenant.id(), tenant.name(), enabled ? EventType.TENANT_ACTIVATE : EventType.TENANT_DEACTIVATE,
                tenantTarget(tenant), Map.of());
    }

    void credentialIssued(HttpRequest<?> request, Authentication operator, IssuedCredential issued, boolean rotated) {
        Credential credential = issued.credential();
        record(request, operator, issued.tenantId(), issued.tenantName(), EventType.API_TOKEN_CREATE, credentialTarget(credential),
                Map.of("credentialType", credential.kind().text(), "scopes", credential.scopes(), "rotated", rotated));
    }

    void credentialExpirySet(HttpRequest<?> request, Authentication operator, UUID tenantId, Credential credential) {
        record(request, operator, tenantId, credential.tenantName(), EventType.API_TOKEN_UPDATE, credentialTarget(credential),
                Map.of("expiresAt", credential.expiresAt() == null ? "never" : DateTimeText.of(credential.expiresAt())));
    }

    void credentialRevoked(HttpRequest<?> request, Authentication operator, UUID tenantId, String tenantName, String name) {
        record(request, operator, tenantId, tenantName, EventType.API_TOKEN_REVOKE,
                Target.of(null, "ApiToken", name, name + " (" + tenantName + ")"), Map.of());
    }

    /** debugData.tenant names the tenant changed, so the operators' log finds its events with {@code q=<tenant>}. */
    private void record(HttpRequest<?> request, Authentication operator, UUID tenantId, String tenantName, EventType type,
                        Target target, Map<String, Object> debug) {
        RequestContext context = contexts.of(request, operator);
        Map<String, Object> data = new java.util.LinkedHashMap<>(debug);
        data.put("tenant", tenantName);
        EventDraft draft = EventDraft.success(type, List.of(target), data);
        log.appendAlone(context, List.of(draft));
        if (!tenantId.equals(context.tenantId())) {
            log.appendAlone(context.inTenant(tenantId), List.of(draft));
        }
    }

    private static Target tenantTarget(Tenant tenant) {
        return Target.of(tenant.id().toString(), "Tenant", tenant.name(), tenant.name());
    }

    private static Target credentialTarget(Credential credential) {
        return Target.of(credential.id().toString(), "ApiToken", credential.name(),
                credential.name() + " (" + credential.tenantName() + ")");
    }
}
