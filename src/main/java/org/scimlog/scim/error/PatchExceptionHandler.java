package org.scimlog.scim.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.scimlog.scim.ScimResponses;
import org.scimlog.scim.patch.PatchException;

/** A PATCH that cannot be applied is a 400 with the scimType the patch engine chose. */
@Produces
@Singleton
public class PatchExceptionHandler implements ExceptionHandler<PatchException, HttpResponse<?>> {

    private final ScimResponses responses;
    private final RejectionRecorder rejections;

    public PatchExceptionHandler(ScimResponses responses, RejectionRecorder rejections) {
        this.responses = responses;
        this.rejections = rejections;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, PatchException exception) {
        rejections.record(request, 400, exception.scimType(), exception.detail());
        return responses.error(ScimException.badRequest(exception.scimType(), exception.detail()));
    }
}
