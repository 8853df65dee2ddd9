package org.scimlog.scim;

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
 */
@ServerFilter("/**")
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
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
        response.header(HEADER, of(request));
    }

    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElse("unassigned");
    }
}
