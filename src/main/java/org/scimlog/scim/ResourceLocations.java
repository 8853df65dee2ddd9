package org.scimlog.scim;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

/**
 * Absolute URLs of SCIM resources (meta.location, Location headers). They come from the configured public
 * base URL (what clients behind a load balancer must use), or else from the running server's own address;
 * never from the request's Host header, which a client controls.
 */
@Singleton
public class ResourceLocations {

    public static final String SCIM_PATH = "/scim/v2";

    private final String configured;
    private final int configuredPort;
    private final BeanProvider<EmbeddedServer> server;
    private volatile String scimBase;

    public ResourceLocations(@Value("${scimlog.public-base-url:}") String configured,
                             @Value("${micronaut.server.port:8080}") int configuredPort,
                             BeanProvider<EmbeddedServer> server) {
        this.configured = configured;
        this.configuredPort = configuredPort;
        this.server = server;
    }

    public String scimBaseUrl() {
        String base = scimBase;
        if (base == null) {
            base = trimSlash(publicBaseUrl()) + SCIM_PATH;
            scimBase = base;
        }
        return base;
    }

    public String of(String endpoint, Object id) {
        return scimBaseUrl() + endpoint + "/" + id;
    }

    private String publicBaseUrl() {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return server.find(null)
                .filter(EmbeddedServer::isRunning)
                .map(s -> s.getURL().toString())
                .orElse("http://localhost:" + configuredPort);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
