package org.scimlog.admin;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import org.scimlog.audit.query.OktaErrors;

/** Okta's error body for a refused operator request. */
@Produces
@Singleton
class AdminRefusalHandler implements ExceptionHandler<AdminRefusal, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, AdminRefusal refusal) {
        byte[] body = OktaErrors.body(refusal.error(), refusal.summary(), refusal.causes()).toString()
                .getBytes(StandardCharsets.UTF_8);
        return HttpResponse.status(HttpStatus.valueOf(refusal.error().status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }
}
