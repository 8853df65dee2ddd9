package org.scimlog.web;

import static net.logstash.logback.argument.StructuredArguments.keyValue;
import static net.logstash.logback.argument.StructuredArguments.value;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@value #LOGGER}: method, path, status, duration, client address, user
 * agent and the names (never the values) of the query parameters, with the request id from the MDC. Values stay out because a
 * query may carry what a client filtered by, and the path is the raw path only; no header but User-Agent is
 * logged, so no credential can be. Health probes and scrapes are logged at DEBUG, so that an orchestrator probing every few
 * seconds does not drown the requests that matter.
 */
@ServerFilter("/**")
public class AccessLog implements Ordered {

    public static final String LOGGER = "scimlog.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final String STARTED = "scimlog.access.started";

    @RequestFilter
    public void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    public void log(HttpRequest<?> request, MutableHttpResponse<?> response) {
        boolean probe = request.getPath().startsWith("/health") || request.getPath().startsWith("/prometheus");
        if (probe ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        long started = request.getAttribute(STARTED, Long.class).orElse(System.nanoTime());
        long micros = (System.nanoTime() - started) / 1000;
        List<String> parameters = new ArrayList<>(request.getParameters().names());
        // the first four read as the message ("GET /scim/v2/Users 200 12.3 ms"); all are fields of a JSON line
        Object[] fields = {
                value("method", request.getMethodName()),
                value("path", request.getUri().getRawPath()),
                value("status", response.code()),
                value("durationMs", micros / 1000.0),
                keyValue("queryParameters", parameters),
                keyValue("remoteAddress", request.getRemoteAddress().getAddress().getHostAddress()),
                keyValue("userAgent", request.getHeaders().get(HttpHeaders.USER_AGENT))};
        if (probe) {
            LOG.debug("{} {} {} {} ms", fields);
        } else {
            LOG.info("{} {} {} {} ms", fields);
        }
    }

    /** Outermost after the request id: its time covers every other filter, and the id is in the MDC. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 2;
    }
}
