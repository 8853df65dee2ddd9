package org.scimlog.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.concurrent.RejectedExecutionException;
import org.scimlog.database.DatabaseFailures;
import org.scimlog.database.SafeFailure;
import org.scimlog.scim.error.ScimErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure no other handler knows becomes a response. A database that is unreachable
 * or restarting (SQLSTATE class 08, 57P0x, the pool's connection timeout), a statement past its time limit
 * (57014), and a request the server can no longer run because it is shutting down are 503 with Retry-After:
 * nothing is wrong with the request, so the client should send it again. Anything else is a 500. The body is
 * the API's own error (SCIM under /scim/v2, Okta's under /api/) and the log line names the failure without
 * its message when SQL is involved: pgjdbc's messages can quote the statement's values.
 */
@Produces
@Singleton
public class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<?>> {

    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    private final ErrorBodies bodies;

    public UnexpectedErrorHandler(ErrorBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, Exception exception) {
        DatabaseFailures.Kind kind = DatabaseFailures.classify(exception);
        boolean unavailable = kind != DatabaseFailures.Kind.OTHER || isShuttingDown(exception);
        if (unavailable) {
            LOG.warn("{} {} answered 503: {}", request.getMethodName(), request.getPath(), SafeFailure.describe(exception));
            return body(request, HttpStatus.SERVICE_UNAVAILABLE, kind == DatabaseFailures.Kind.TIMED_OUT
                    ? "The request took longer than this server allows; retry later."
                    : "The service is temporarily unavailable; retry later.")
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        if (SafeFailure.sqlCause(exception) != null) {
            LOG.error("{} {} failed: {}", request.getMethodName(), request.getPath(), SafeFailure.describe(exception));
        } else {
            LOG.error("{} {} failed", request.getMethodName(), request.getPath(), exception);
        }
        return body(request, HttpStatus.INTERNAL_SERVER_ERROR, ScimErrors.standardDetail(500));
    }

    private static boolean isShuttingDown(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    private MutableHttpResponse<byte[]> body(HttpRequest<?> request, HttpStatus status, String detail) {
        return bodies.fill(HttpResponse.status(status), request.getPath(), detail);
    }
}
