package org.scimlog.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import org.scimlog.json.DateTimeText;
import org.scimlog.security.Credential;
import org.scimlog.security.CredentialKind;
import org.scimlog.security.Tenant;

/** The operator API's representations (also printed by the {@code tenant} command). A credential's secret appears only in the answer that issued it. */
public final class AdminJson {

    private AdminJson() {
    }

    public static ObjectNode tenant(Tenant tenant) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", tenant.id().toString());
        node.put("name", tenant.name());
        node.put("status", tenant.disabledAt() == null ? "ACTIVE" : "DISABLED");
        node.put("created", DateTimeText.of(tenant.created()));
        putInstant(node, "disabled", tenant.disabledAt());
        return node;
    }

    public static ArrayNode tenants(List<Tenant> tenants) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        tenants.forEach(t -> array.add(tenant(t)));
        return array;
    }

    public static ObjectNode credential(Credential credential) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", credential.id().toString());
        node.put("tenant", credential.tenantName());
        node.put("name", credential.name());
        node.put("type", credential.kind().text());
        ArrayNode scopes = node.putArray("scopes");
        credential.scopes().forEach(scopes::add);
        node.put("created", DateTimeText.of(credential.created()));
        putInstant(node, "expiresAt", credential.expiresAt());
        putInstant(node, "lastUsed", credential.lastUsedAt());
        if (credential.username() != null) {
            node.put("username", credential.username());
        }
        if (credential.jwtIssuer() != null) {
            node.put("issuer", credential.jwtIssuer().issuer());
            node.put("audience", credential.jwtIssuer().audience());
            node.put("jwksUrl", credential.jwtIssuer().jwksUrl());
        }
        if (credential.clientId() != null) {
            node.put("clientId", credential.clientId());
            ArrayNode uris = node.putArray("redirectUris");
            credential.redirectUris().forEach(uris::add);
        }
        return node;
    }

    /**
     * What an answer issuing a credential tells besides its secret: the SCIM base URL for Okta, and for an OAuth
     * client the authorization server's endpoints (Okta's "Authorization endpoint URI" and "Access token endpoint URI").
     */
    public static void putEndpoints(ObjectNode answer, CredentialKind kind, String scimBaseUrl) {
        answer.put("scimBaseUrl", scimBaseUrl);
        if (kind == CredentialKind.OAUTH) {
            String base = scimBaseUrl.endsWith("/scim/v2") ? scimBaseUrl.substring(0, scimBaseUrl.length() - "/scim/v2".length()) : scimBaseUrl;
            answer.put("authorizeUrl", base + "/oauth2/v1/authorize");
            answer.put("tokenUrl", base + "/oauth2/v1/token");
        }
    }

    /** The secret of a credential just issued, under the name its kind gives it (shown this once). */
    public static void putSecret(ObjectNode answer, CredentialKind kind, @Nullable String secret) {
        if (secret != null) {
            answer.put(switch (kind) {
                case BASIC -> "password";
                case OAUTH -> "clientSecret";
                default -> "token";
            }, secret);
        }
    }

    public static ArrayNode credentials(List<Credential> credentials) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        credentials.forEach(c -> array.add(credential(c)));
        return array;
    }

    private static void putInstant(ObjectNode node, String field, @Nullable Instant instant) {
        if (instant == null) {
            node.putNull(field);
        } else {
            node.put(field, DateTimeText.of(instant));
        }
    }
}
