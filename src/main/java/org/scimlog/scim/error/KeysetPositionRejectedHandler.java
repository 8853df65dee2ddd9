package org.scimlog.scim.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.scimlog.directory.KeysetPositionRejected;

/** A cursor position the database could not read (only a forged cursor has one) is invalidCursor, never a 500. */
@Produces
@Singleton
public class KeysetPositionRejectedHandler implements ExceptionHandler<KeysetPositionRejected, HttpResponse<?>> {

    private final ScimExceptionHandler scimErrors;

    public KeysetPositionRejectedHandler(ScimExceptionHandler scimErrors) {
        this.scimErrors = scimErrors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, KeysetPositionRejected exception) {
        return scimErrors.handle(request, ScimException.badRequest(ScimType.INVALID_CURSOR,
                "The cursor is not one this server issued."));
    }
}
