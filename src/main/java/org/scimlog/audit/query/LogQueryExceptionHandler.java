package org.scimlog.audit.query;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;

/** Turns a refused log query into Okta's error response. */
@Produces
@Singleton
public class LogQueryExceptionHandler implements ExceptionHandler<LogQueryException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, LogQueryException exception) {
        byte[] body = OktaErrors.body(exception.error(), exception.getMessage(), exception.causes()).toString()
                .getBytes(StandardCharsets.UTF_8);
        return HttpResponse.status(HttpStatus.valueOf(exception.error().status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(body);
    }
}
