package org.scimlog.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * An error some framework filter answered without a body (the CORS filter refuses a foreign Origin with a
 * bare 403) gets the error body of its API, like every other error. It runs outermost, so it sees the
 * answers of every other filter.
 */
@ServerFilter("/**")
public class EmptyErrorBodies implements Ordered {

    private final ErrorBodies bodies;

    public EmptyErrorBodies(ErrorBodies bodies) {
        this.bodies = bodies;
    }

    @ResponseFilter
    public void fill(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400 || response.getBody().isPresent()) {
            return;
        }
        boolean foreignOrigin = response.code() == 403 && request.getHeaders().contains(HttpHeaders.ORIGIN);
        bodies.fill(response, request.getPath(), foreignOrigin
                ? "cross-origin requests from this Origin are not allowed; call the API from a server or the same origin."
                : null);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
