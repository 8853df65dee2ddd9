package org.scimlog.sso;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.RedirectingLoginHandler;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Instant;
import org.scimlog.security.SsoSignIn;
import org.scimlog.web.RefusedCredentials;

/**
 * Where the provider's callback ends: signed in, the session cookie is set and the person is back on the console;
 * refused, the reason is a {@code scimlog.credential.rejected} FAILURE event (the same the log API records) and the
 * console shows a fixed sentence for {@code ?sso_error=<code>}. A refused state (a forged or replayed callback)
 * is recorded the same way.
 */
@Singleton
@ConsoleSignInConfigured
class ConsoleLanding implements RedirectingLoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {

    static final String CONSOLE = "/console/";

    private final SessionCookies cookies;
    private final RefusedCredentials refusals;

    ConsoleLanding(SessionCookies cookies, RefusedCredentials refusals) {
        this.cookies = cookies;
        this.refusals = refusals;
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(Authentication authentication, HttpRequest<?> request) {
        Object token = authentication.getAttributes().get(AccessTokenMapper.TOKEN);
        Object expires = authentication.getAttributes().get(AccessTokenMapper.EXPIRES);
        if (!(token instanceof String accessToken) || !(expires instanceof Instant until)) {
            return refused(request, SsoSignIn.refusal("sign-in completed without an access token"), "refused");
        }
        return HttpResponse.seeOther(URI.create(CONSOLE)).cookie(cookies.open(accessToken, until, request));
    }

    @Override
    public MutableHttpResponse<?> loginRefresh(Authentication authentication, String refreshToken, HttpRequest<?> request) {
        return loginSuccess(authentication, request);
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse response, HttpRequest<?> request) {
        if (response instanceof SignInRefused refused) {
            return refused(request, refused.rejection(), refused.pageCode());
        }
        // micronaut-security-oauth2's own refusal: the state of the callback is not the one this browser was given
        return refused(request, SsoSignIn.refusal("SSO sign-in callback with an invalid state"), "state");
    }

    private MutableHttpResponse<?> refused(HttpRequest<?> request, org.scimlog.security.Rejection rejection, String code) {
        refusals.recordRefusal(request, rejection, 401);
        return HttpResponse.seeOther(URI.create(CONSOLE + "?sso_error=" + code)).cookie(cookies.cleared(request));
    }
}
