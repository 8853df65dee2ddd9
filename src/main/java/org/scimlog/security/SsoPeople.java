package org.scimlog.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Maps a person of the company's OIDC provider to a tenant and scopes, from one configured claim
 * ({@code scimlog.sso.roles-claim}, default {@code scimlog_roles}) whose values are {@code <tenant>:<scope>}
 * (for example {@code acme:logs.read}), an array or space-separated. A person with roles in several tenants names
 * the one of this request in {@value #TENANT_HEADER}. The signature, {@code exp}, {@code nbf}, {@code iss} and
 * {@code aud} were checked before ({@link JwtCredentials}); this decides what the person may do.
 */
@Singleton
class SsoPeople {

    static final String TENANT_HEADER = "X-Scimlog-Tenant";

    private final SsoSettings settings;
    private final TenantStore store;

    SsoPeople(SsoSettings settings, TenantStore store) {
        this.settings = settings;
        this.store = store;
    }

    Verdict caller(JWTClaimsSet claims, HttpRequest<?> request, Instant expires) {
        Map<String, List<String>> roles = roles(claims);
        if (roles.isEmpty()) {
            return Verdict.reject(Rejection.anonymous(CredentialKind.SSO, "SSO token without a scimlog role in " + settings.rolesClaim()));
        }
        Optional<String> chosen = request.getHeaders().getFirst(TENANT_HEADER);
        String tenantName;
        if (chosen.isPresent()) {
            tenantName = chosen.get();
            if (!roles.containsKey(tenantName)) {
                return Verdict.reject(Rejection.anonymous(CredentialKind.SSO, "SSO token holds no role in the tenant named by " + TENANT_HEADER));
            }
        } else if (roles.size() == 1) {
            tenantName = roles.keySet().iterator().next();
        } else {
            return Verdict.reject(Rejection.anonymous(CredentialKind.SSO, "SSO token holds roles in several tenants and "
                    + TENANT_HEADER + " names none"));
        }
        Optional<Tenant> tenant = store.tenant(tenantName);
        if (tenant.isEmpty()) {
            return Verdict.reject(Rejection.anonymous(CredentialKind.SSO, "SSO role names an unknown tenant"));
        }
        List<String> scopes = new ArrayList<>(roles.get(tenantName));
        if (!TenantAdministration.OPERATORS.equals(tenantName)) {
            scopes.remove(Scopes.ADMIN);
        }
        String subject = claims.getSubject() == null ? "" : claims.getSubject();
        UUID personId = UUID.nameUUIDFromBytes((claims.getIssuer() + "\n" + subject).getBytes(StandardCharsets.UTF_8));
        Caller caller = new Caller(tenant.get().id(), tenantName, personId, username(claims, subject), scopes,
                CredentialKind.SSO, expires);
        if (tenant.get().disabledAt() != null) {
            return Verdict.reject(Rejection.of(caller, "tenant disabled"));
        }
        if (scopes.isEmpty()) {
            return Verdict.reject(Rejection.of(caller, "SSO token holds no known scope in this tenant"));
        }
        return Verdict.accept(caller);
    }

    /** The tenants a person holds a role in (that exist), in the claim's order: the console's choice. */
    List<String> tenants(JWTClaimsSet claims) {
        return roles(claims).keySet().stream().filter(name -> store.tenant(name).isPresent()).toList();
    }

    String username(JWTClaimsSet claims) {
        return username(claims, claims.getSubject() == null ? "" : claims.getSubject());
    }

    String rolesClaim() {
        return settings.rolesClaim();
    }

    private String username(JWTClaimsSet claims, String subject) {
        for (String name : List.of(settings.usernameClaim(), "email", "preferred_username")) {
            Object value = claims.getClaim(name);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return subject;
    }

    /** tenant name → scopes, for the values that name a tenant and a known scope; anything else is ignored. */
    private Map<String, List<String>> roles(JWTClaimsSet claims) {
        List<String> values;
        Object claim = claims.getClaim(settings.rolesClaim());
        if (claim instanceof List<?> list) {
            values = list.stream().map(String::valueOf).toList();
        } else if (claim instanceof String text) {
            values = Arrays.asList(text.trim().split("\\s+"));
        } else {
            values = List.of();
        }
        Map<String, List<String>> roles = new LinkedHashMap<>();
        for (String value : values) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || !Scopes.ALL.contains(value.substring(colon + 1))) {
                continue;
            }
            List<String> scopes = roles.computeIfAbsent(value.substring(0, colon), t -> new ArrayList<>());
            if (!scopes.contains(value.substring(colon + 1))) {
                scopes.add(value.substring(colon + 1));
            }
        }
        return roles;
    }
}
