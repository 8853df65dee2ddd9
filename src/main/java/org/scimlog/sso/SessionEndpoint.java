package org.scimlog.sso;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.scimlog.security.SsoSignIn;

/**
 * What the console asks before it shows anything: whether it can offer "Sign in with ...", and who is signed in
 * (username, the tenants to choose from, until when). {@code POST /sso/logout} clears the session cookie; POST, so
 * that no link or image on another page can sign a person out.
 */
@Controller("/sso")
@ConsoleSignInConfigured
@Secured(SecurityRule.IS_ANONYMOUS)
class SessionEndpoint {

    private final SsoSignIn signIn;
    private final SessionCookies cookies;

    SessionEndpoint(SsoSignIn signIn, SessionCookies cookies) {
        this.signIn = signIn;
        this.cookies = cookies;
    }

    @Serdeable
    record Session(String provider, String signInUrl, boolean signedIn, String tenantHeader,
                   @Nullable String username, List<String> tenants, @Nullable Instant expiresAt) {
    }

    @Get("/session")
    @Produces(MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<Session> session(HttpRequest<?> request) {
        String signInUrl = "/sso/login/" + ConsoleSignInConfigured.CLIENT;
        Optional<String> token = request.getCookies().findCookie(SsoSignIn.COOKIE).map(c -> c.getValue()).filter(v -> !v.isBlank());
        SsoSignIn.Person person = token.map(t -> signIn.check(t, request).person()).orElse(null);
        Session answer = person == null
                ? new Session(signIn.providerName(), signInUrl, false, SsoSignIn.tenantHeader(), null, List.of(), null)
                : new Session(signIn.providerName(), signInUrl, true, SsoSignIn.tenantHeader(), person.username(),
                        person.tenants(), person.expiresAt());
        MutableHttpResponse<Session> response = HttpResponse.ok(answer).header("Cache-Control", "no-store");
        if (token.isPresent() && person == null) {
            // expired, tampered or no longer mapped: the page shows the sign-in button, the browser forgets the cookie
            response.cookie(cookies.cleared(request));
        }
        return response;
    }

    @Post("/logout")
    HttpResponse<?> logout(HttpRequest<?> request) {
        return HttpResponse.noContent().cookie(cookies.cleared(request));
    }
}
