package org.scimlog.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * A request URL over {@value #MAX_URI_BYTES} bytes is refused with 414 and the error body of its API.
 * Netty reads request lines up to micronaut.server.netty.max-initial-line-length (set far higher) and
 * refuses longer ones itself, but then the path is lost and the answer cannot be shaped for its API; below
 * that, this filter answers. Long filters belong in a POST .search body (RFC 7644 §3.4.3).
 */
@ServerFilter("/**")
public class RequestUriLimit implements Ordered {

    public static final int MAX_URI_BYTES = 8192;

    private final ErrorBodies bodies;

    public RequestUriLimit(ErrorBodies bodies) {
        this.bodies = bodies;
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<byte[]> check(HttpRequest<?> request) {
        String raw = request.getUri().toString();
        if (raw.length() <= MAX_URI_BYTES) {
            return null;
        }
        return bodies.fill(HttpResponse.status(HttpStatus.REQUEST_URI_TOO_LONG), request.getPath(),
                "the request URL is " + raw.length() + " bytes long; at most " + MAX_URI_BYTES
                        + " are accepted (send long filters in a POST .search body).");
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
