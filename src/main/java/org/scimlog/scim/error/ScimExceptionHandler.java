package org.scimlog.scim.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.scimlog.scim.ScimResponses;

/** Turns a refused SCIM request into its RFC 7644 error response. */
@Produces
@Singleton
public class ScimExceptionHandler implements ExceptionHandler<ScimException, HttpResponse<?>> {

    private final ScimResponses responses;
    private final RejectionRecorder rejections;

    public ScimExceptionHandler(ScimResponses responses, RejectionRecorder rejections) {
        this.responses = responses;
        this.rejections = rejections;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ScimException exception) {
        rejections.record(request, exception.status(), exception.scimType(), exception.detail());
        return responses.error(exception);
    }
}
