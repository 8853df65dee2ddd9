package org.scimlog.audit.query;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

/**
 * The absolute base of this server's URLs: the configured public base URL (what clients behind a load
 * balancer must use), or else the running server's own address; never the request's Host header, which a
 * client controls.
 */
@Singleton
class PublicBaseUrl {

    private final String configured;
    private final int configuredPort;
    private final BeanProvider<EmbeddedServer> server;

    PublicBaseUrl(@Value("${scimlog.public-base-url:}") String configured,
                  @Value("${micronaut.server.port:8080}") int configuredPort,
                  BeanProvider<EmbeddedServer> server) {
        this.configured = configured;
        this.configuredPort = configuredPort;
        this.server = server;
    }

    /** Without a trailing slash, e.g. "https://scim.example.com". */
    String get() {
        String base = configured != null && !configured.isBlank()
                ? configured
                : server.find(null)
                        .filter(EmbeddedServer::isRunning)
                        .map(s -> s.getURL().toString())
                        .orElse("http://localhost:" + configuredPort);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
