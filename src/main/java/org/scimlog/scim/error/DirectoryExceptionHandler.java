package org.scimlog.scim.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.scimlog.directory.DirectoryException;
import org.scimlog.scim.ScimResponses;

/** The directory's refusals in RFC 7644 terms: 404, 409 uniqueness, 400 invalidValue, 412. */
@Produces
@Singleton
public class DirectoryExceptionHandler implements ExceptionHandler<DirectoryException, HttpResponse<?>> {

    private final ScimResponses responses;
    private final RejectionRecorder rejections;

    public DirectoryExceptionHandler(ScimResponses responses, RejectionRecorder rejections) {
        this.responses = responses;
        this.rejections = rejections;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DirectoryException exception) {
        ScimException scim = toScim(exception);
        rejections.record(request, scim.status(), scim.scimType(), scim.detail());
        return responses.error(scim);
    }

    public static ScimException toScim(DirectoryException exception) {
        if (exception instanceof DirectoryException.NotFound) {
            return ScimException.notFound(exception.getMessage());
        }
        if (exception instanceof DirectoryException.Conflict) {
            return new ScimException(409, ScimType.UNIQUENESS, exception.getMessage());
        }
        if (exception instanceof DirectoryException.InvalidReference) {
            return ScimException.badRequest(ScimType.INVALID_VALUE, exception.getMessage());
        }
        if (exception instanceof DirectoryException.Contention) {
            // transient: nothing was written, and the same request can succeed when sent again
            return new ScimException(503, null, exception.getMessage());
        }
        return new ScimException(412, null, exception.getMessage());
    }
}
