package org.scimlog.scim;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

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
    public static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = "scimlog.requestId";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Also puts the id in the logging MDC as {@value #MDC_KEY} for everything the request runs, on whichever
     * thread (Micronaut's propagated context carries it from the event loop to the blocking executor), so every
     * log line a request causes names it.
     */
    @RequestFilter
    public void assign(HttpRequest<?> request, MutablePropagatedContext propagated) {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        request.setAttribute(ATTRIBUTE, id);
        propagated.add(new MdcPropagationContext(Map.of(MDC_KEY, id)));
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
