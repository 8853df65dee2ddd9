package org.scimlog.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code /prometheus} is closed unless configured: with {@code scimlog.metrics.token} set, a scrape must send
 * {@code Authorization: Bearer <token>} (Prometheus' {@code authorization.credentials_file}); with
 * {@code scimlog.metrics.anonymous: true} (what {@code ops/run} sets) anyone may scrape. Metrics name tenants and
 * show load and failures, which is not for whoever reaches the port. The token is not a tenant's API token, so it
 * grants nothing else, and it is compared in constant time.
 */
@ServerFilter("/prometheus/**")
public class PrometheusAccess implements Ordered {

    private static final String BEARER = "Bearer ";

    private final byte[] token;
    private final boolean anonymous;

    public PrometheusAccess(@Value("${scimlog.metrics.token:}") String token,
                            @Value("${scimlog.metrics.anonymous:false}") boolean anonymous) {
        this.token = token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
        this.anonymous = anonymous;
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<String> check(HttpRequest<?> request) {
        if (anonymous || (token != null && presented(request))) {
            return null;
        }
        return HttpResponse.<String>status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scimlog metrics\"")
                .body(token == null
                        ? "metrics are closed: set SCIMLOG_METRICS_TOKEN (or SCIMLOG_METRICS_ANONYMOUS=true)\n"
                        : "send the metrics token as Authorization: Bearer <token>\n");
    }

    private boolean presented(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] sent = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(sent, token);
    }

    /** Before security, so a scrape never costs a token lookup, and after the request id is assigned. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 3;
    }
}
