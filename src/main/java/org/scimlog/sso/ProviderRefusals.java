package org.scimlog.sso;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.oauth2.endpoint.authorization.response.AuthorizationErrorResponseException;
import io.micronaut.security.oauth2.endpoint.authorization.response.AuthorizationErrorResponseExceptionHandler;
import jakarta.inject.Singleton;
import java.net.URI;
import org.scimlog.security.SsoSignIn;
import org.scimlog.web.RefusedCredentials;

/**
 * The provider sent the person back with an error instead of a code (they cancelled, or the app is not assigned to
 * them: {@code access_denied}): a refused sign-in like the others, recorded with the error code (one of RFC 6749's
 * fixed words, never the provider's free text) and explained on the console.
 */
@Singleton
@ConsoleSignInConfigured
@Replaces(AuthorizationErrorResponseExceptionHandler.class)
class ProviderRefusals implements ExceptionHandler<AuthorizationErrorResponseException, MutableHttpResponse<?>> {

    private final RefusedCredentials refusals;
    private final SessionCookies cookies;

    ProviderRefusals(RefusedCredentials refusals, SessionCookies cookies) {
        this.refusals = refusals;
        this.cookies = cookies;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationErrorResponseException exception) {
        var error = exception.getAuthorizationErrorResponse().getError();
        refusals.recordRefusal(request, SsoSignIn.refusal("SSO sign-in refused by the provider: "
                + (error == null ? "unknown error" : error.toString())), 401);
        return HttpResponse.seeOther(URI.create(ConsoleLanding.CONSOLE + "?sso_error=denied")).cookie(cookies.cleared(request));
    }
}
