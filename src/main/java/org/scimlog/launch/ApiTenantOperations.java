package org.scimlog.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The {@code tenant} command through a running server's operator API ({@code /api/v1/admin}), with an admin credential. */
final class ApiTenantOperations implements TenantOperations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiTenantOperations(String serverUrl, String token) {
        this.base = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        this.token = token;
    }

    @Override
    public JsonNode tenants() {
        return send("GET", "/tenants", null).body;
    }

    @Override
    public void createTenant(String name, boolean existingIsFine) {
        Answer answer = call("POST", "/tenants", JSON.createObjectNode().put("name", name));
        if (answer.status == 409 && existingIsFine) {
            return;
        }
        answer.requireSuccess();
    }

    @Override
    public JsonNode setDisabled(String tenant, boolean disabled) {
        return send("POST", "/tenants/" + path(tenant) + "/lifecycle/" + (disabled ? "disable" : "enable"), null).body;
    }

    @Override
    public JsonNode credentials(String tenant) {
        return send("GET", "/tenants/" + path(tenant) + "/credentials", null).body;
    }

    @Override
    public ObjectNode issue(String tenant, ObjectNode request, boolean rotate) {
        return (ObjectNode) send("POST", "/tenants/" + path(tenant) + "/credentials" + (rotate ? "?rotate=true" : ""), request).body;
    }

    @Override
    public JsonNode setExpiry(String tenant, String credential, JsonNode expiresAt) {
        ObjectNode body = JSON.createObjectNode();
        body.set("expiresAt", expiresAt);
        return send("PATCH", "/tenants/" + path(tenant) + "/credentials/" + path(credential), body).body;
    }

    @Override
    public int revoke(String tenant, String credential) {
        Answer answer = call("DELETE", "/tenants/" + path(tenant) + "/credentials/" + path(credential), null);
        if (answer.status == 404 && answer.body.path("errorSummary").asText().contains("no live credential")) {
            return 0;
        }
        answer.requireSuccess();
        return 1;
    }

    @Override
    public void close() {
    }

    private record Answer(int status, JsonNode body) {
        void requireSuccess() {
            if (status >= 300) {
                String summary = body.path("errorSummary").asText("");
                throw new Failure(status == 401 || status == 403
                        ? "the server refused the admin credential (" + status + "); set SCIMLOG_ADMIN_TOKEN to a credential with the admin scope"
                        : summary.isEmpty() ? "the server answered " + status : summary);
            }
        }
    }

    private Answer send(String method, String path, JsonNode body) {
        Answer answer = call(method, path, body);
        answer.requireSuccess();
        return answer;
    }

    private Answer call(String method, String path, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/admin" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode parsed = text == null || text.isBlank() ? JSON.createObjectNode() : parse(text);
            return new Answer(response.statusCode(), parsed);
        } catch (ConnectException e) {
            throw new Failure("no scimlog server answers at " + base + " (start it, e.g. with ops/run, or use --database)");
        } catch (IOException e) {
            throw new Failure("talking to " + base + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
