package org.scimlog.scim;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Every request gets an id: it is the LogEvent's transaction.id and debugData.requestId, and goes back to
 * the client as X-Request-Id so a support engineer can find the request in the log from a client's report.
 * Under {@code /api/} the same id also goes out as X-Okta-Request-Id, the header Okta sends on every response
 * and Okta tooling reads.
 */
@ServerFilter("/**")
public class RequestIds implements Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String OKTA_HEADER = "X-Okta-Request-Id";
    private static final String ATTRIBUTE = "scimlog.requestId";
    private static final SecureRandom RANDOM = new SecureRandom();

    @RequestFilter
    public void assign(HttpRequest<?> request) {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        request.setAttribute(ATTRIBUTE, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @ResponseFilter
    public void expose(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = of(request);
        response.header(HEADER, id);
        if (request.getPath().startsWith("/api/")) {
            response.header(OKTA_HEADER, id);
        }
    }

    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElse("unassigned");
    }

    /**
     * Just inside the outermost filters, so the id is assigned before any other filter runs and goes out
     * also on answers that security or another filter gave without reaching a controller (401, 403, 414).
     */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1;
    }
}
