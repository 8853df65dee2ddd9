package org.scimlog.oauth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;
import org.scimlog.scim.ResourceLocations;
import org.scimlog.security.OAuthSettings;
import org.scimlog.security.Scopes;
import org.scimlog.security.SigningKeys;

/**
 * What anyone may read about scimlog's authorization server: the public signing keys (a JWK set, so a resource
 * server of its own can check scimlog's access tokens) and the RFC 8414 metadata naming its endpoints.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class KeysEndpoint {

    private final SigningKeys keys;
    private final OAuthSettings settings;
    private final ResourceLocations locations;

    public KeysEndpoint(SigningKeys keys, OAuthSettings settings, ResourceLocations locations) {
        this.keys = keys;
        this.settings = settings;
        this.locations = locations;
    }

    @Get(value = "/oauth2/v1/keys", produces = MediaType.APPLICATION_JSON)
    public String keys() {
        return keys.publicJwks();
    }

    @Get(value = "/.well-known/oauth-authorization-server", produces = MediaType.APPLICATION_JSON)
    public String metadata() {
        String scim = locations.scimBaseUrl();
        String base = scim.endsWith("/scim/v2") ? scim.substring(0, scim.length() - "/scim/v2".length()) : scim;
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("issuer", settings.issuer());
        node.put("authorization_endpoint", base + "/oauth2/v1/authorize");
        node.put("token_endpoint", base + "/oauth2/v1/token");
        node.put("revocation_endpoint", base + "/oauth2/v1/revoke");
        node.put("jwks_uri", base + "/oauth2/v1/keys");
        array(node, "response_types_supported", List.of("code"));
        array(node, "grant_types_supported", List.of("authorization_code", "refresh_token"));
        array(node, "token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        array(node, "revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        array(node, "code_challenge_methods_supported", List.of("S256"));
        array(node, "scopes_supported", List.of(Scopes.SCIM, Scopes.LOGS_READ));
        return node.toString();
    }

    private static void array(ObjectNode node, String name, List<String> values) {
        ArrayNode array = node.putArray(name);
        values.forEach(array::add);
    }
}
