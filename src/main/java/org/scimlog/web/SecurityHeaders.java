package org.scimlog.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The usual security headers on every answer, errors and refusals included (outermost filter): no MIME sniffing,
 * no framing, no referrer; HSTS when the request came over TLS. The APIs' JSON also gets a CSP that allows
 * nothing and {@code Cache-Control: no-store} (it holds directory data and log events, as Okta's answers do).
 * The console's pages are left to their own policy.
 */
@ServerFilter("/**")
public class SecurityHeaders implements Ordered {

    @ResponseFilter
    public void add(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.header("Strict-Transport-Security", "max-age=31536000");
        }
        String path = request.getPath();
        if (path.startsWith("/scim/") || path.startsWith("/api/")) {
            response.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            if (!response.getHeaders().contains("Cache-Control")) {
                response.header("Cache-Control", "no-store");
            }
        }
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
