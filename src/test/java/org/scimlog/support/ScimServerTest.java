package org.scimlog.support;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.scimlog.security.Scopes;
import org.scimlog.security.TenantAdministration;

/**
 * Base of tests that talk HTTP to a running scimlog on a real PostgreSQL. Each test class provisions
 * into a fresh tenant of its own; subclasses annotate themselves with {@code @MicronautTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ScimServerTest implements TestPropertyProvider {

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected TenantAdministration tenants;

    protected Api api;
    protected String tenantName;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = testServerProperties();
        properties.putAll(extraProperties());
        return properties;
    }

    /** A server on a random port against the test PostgreSQL, with a small pool and without Kafka. */
    public static Map<String, String> testServerProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", TestDatabase.jdbcUrl());
        properties.put("datasources.default.username", "postgres");
        properties.put("datasources.default.password", "");
        properties.put("datasources.default.maximum-pool-size", "8");
        properties.put("datasources.default.minimum-idle", "1");
        properties.put("micronaut.server.port", "-1");
        // only the stream's own tests start a broker; the others need no Kafka
        properties.put("scimlog.stream.enabled", "false");
        // tests scrape /prometheus without a credential (PrometheusAccessTest checks it is closed by default)
        properties.put("scimlog.metrics.anonymous", "true");
        // tests read /health's details without a credential (HealthDetailsTest checks they are admin-only by default)
        properties.put("scimlog.health.details", "anonymous");
        return properties;
    }

    /** Configuration a test class needs beyond the defaults. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @BeforeAll
    void createTenant() {
        tenantName = "t-" + UUID.randomUUID().toString().substring(0, 12);
        String token = tenants.createTenantWithToken(tenantName, "tests", List.of(Scopes.SCIM)).secret();
        api = new Api(server.getURI().toString(), token);
    }

    public String serverUrl() {
        return server.getURI().toString();
    }

    public TenantAdministration tenants() {
        return tenants;
    }

    /** A second, unrelated tenant, for isolation checks. */
    protected Api otherTenant() {
        String name = "o-" + UUID.randomUUID().toString().substring(0, 12);
        return new Api(server.getURI().toString(), tenants.createTenantWithToken(name, "tests", List.of(Scopes.SCIM)).secret());
    }
}
