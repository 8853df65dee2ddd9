package org.scimlog.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.scimlog.security.CredentialRequest;
import org.scimlog.security.Scopes;
import org.scimlog.security.TenantAdministration;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

/**
 * What an unauthenticated caller can learn and reach: /health without details (those need {@code admin}), /metrics
 * closed to tenants, no CORS unless configured, and TLS from a certificate and key when configured, with no plain
 * HTTP beside it unless asked.
 */
@MicronautTest(transactional = false)
class SurfaceTest extends ScimServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("scimlog.health.details", "admin");
    }

    @Test
    void healthDetailsAreForAdminsOnly() {
        Reply anonymous = new Api(api.baseUrl(), null).get("/health");
        assertEquals(200, anonymous.status(), anonymous::toString);
        assertEquals("UP", anonymous.json().path("status").asText(), anonymous::toString);
        assertTrue(anonymous.json().path("details").isMissingNode(), anonymous::toString);
        for (String leak : List.of("jdbc", "postgres", "5432", "bootstrap", "/tmp", "/work", "diskSpace")) {
            assertFalse(anonymous.raw().body().contains(leak), leak + " in " + anonymous.raw().body());
        }
        Reply tenant = api.get("/health");
        assertTrue(tenant.json().path("details").isMissingNode(), "a tenant's SCIM token sees the status only: " + tenant);

        Api operator = api.withToken(tenants.issue(TenantAdministration.OPERATORS,
                CredentialRequest.bearer("health-" + UUID.randomUUID(), List.of(Scopes.ADMIN)), false).secret());
        Reply detailed = operator.get("/health");
        assertEquals(200, detailed.status(), detailed::toString);
        assertEquals("UP", detailed.json().at("/details/database/status").asText(), detailed::toString);
        assertFalse(detailed.raw().body().toLowerCase().contains("jdbc:"), "not even admins get the JDBC URL");
    }

    @Test
    void metricsAreClosedToAnonymousCallersAndTenants() {
        assertEquals(401, new Api(api.baseUrl(), null).get("/metrics").status());
        assertEquals(403, api.get("/metrics").status(), "a tenant's SCIM token does not open the metrics");
        Api operator = api.withToken(tenants.issue(TenantAdministration.OPERATORS,
                CredentialRequest.bearer("metrics-" + UUID.randomUUID(), List.of(Scopes.ADMIN)), false).secret());
        assertEquals(200, operator.get("/metrics").status());
    }

    @Test
    void managementEndpointsMoveToTheirOwnPortWhenConfigured() throws Exception {
        int managementPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            managementPort = free.getLocalPort();
        }
        Map<String, Object> p = new HashMap<>(testServerProperties());
        p.put("endpoints.all.port", Integer.toString(managementPort));
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p)) {
            assertEquals(200, new Api("http://localhost:" + managementPort, null).get("/prometheus").status());
            assertEquals(200, new Api("http://localhost:" + managementPort, null).get("/health").status());
            Reply onApiPort = new Api(server.getURI().toString(), null).get("/prometheus");
            assertEquals(404, onApiPort.status(), "not on the API's port: " + onApiPort);
        }
    }

    @Test
    void aCrossOriginPreflightIsRefusedByDefault() throws Exception {
        HttpResponse<String> preflight = preflight(api.baseUrl(), "https://evil.example.com");
        assertTrue(preflight.statusCode() >= 400, "refused: " + preflight.statusCode());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), preflight.headers()::toString);
        Reply get = api.get("/scim/v2/Users", Map.of("Origin", "https://evil.example.com"));
        assertTrue(get.raw().headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS grant on a plain request");
    }

    @Test
    void aConfiguredOriginIsAllowedAndNoOther() throws Exception {
        Map<String, Object> p = new HashMap<>(testServerProperties());
        p.put("micronaut.server.cors.enabled", "true");
        p.put("micronaut.server.cors.configurations.console.allowed-origins", List.of("https://console.example.com"));
        try (EmbeddedServer cors = ApplicationContext.run(EmbeddedServer.class, p)) {
            HttpResponse<String> allowed = preflight(cors.getURI().toString(), "https://console.example.com");
            assertEquals(200, allowed.statusCode(), allowed::body);
            assertEquals("https://console.example.com", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            HttpResponse<String> other = preflight(cors.getURI().toString(), "https://evil.example.com");
            assertTrue(other.statusCode() >= 400, "refused: " + other.statusCode());
            assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }

    @Test
    void tlsFromACertificateAndKeyAndNoPlainHttpUnlessAsked() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "tls-" + UUID.randomUUID()));
        Path keyStore = dir.resolve("server.p12");
        String password = "changeit-" + UUID.randomUUID();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "scimlog", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), keytoolOutput);
        // the documented form: a PEM certificate and a PEM private key, as a CA or cert-manager hands them out
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        Path key = dir.resolve("tls.key");
        Path certificate = dir.resolve("tls.crt");
        pem(key, "PRIVATE KEY", store.getKey("scimlog", password.toCharArray()).getEncoded());
        pem(certificate, "CERTIFICATE", store.getCertificate("scimlog").getEncoded());

        Map<String, Object> p = new HashMap<>(testServerProperties());
        p.put("micronaut.server.ssl.enabled", "true");
        p.put("micronaut.server.ssl.port", "-1");
        p.put("micronaut.server.ssl.key-store.key-path", "file:" + key.toAbsolutePath());
        p.put("micronaut.server.ssl.key-store.certificate-path", "file:" + certificate.toAbsolutePath());
        try (EmbeddedServer tls = ApplicationContext.run(EmbeddedServer.class, p)) {
            assertEquals("https", tls.getScheme());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + tls.getPort() + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health::body);
            assertTrue(health.headers().firstValue("Strict-Transport-Security").isPresent(), "HSTS over TLS");
            assertThrows(IOException.class, () -> HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + tls.getPort() + "/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()), "no plain HTTP on the TLS port");
        }
    }

    private static HttpResponse<String> preflight(String baseUrl, String origin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl.replaceAll("/$", "") + "/scim/v2/Users"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void pem(Path file, String type, byte[] der) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("-----BEGIN " + type + "-----\n");
            out.write(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der));
            out.write("\n-----END " + type + "-----\n");
        }
    }
}
