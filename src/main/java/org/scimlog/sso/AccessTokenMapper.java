package org.scimlog.sso;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.OauthAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.TokenResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.scimlog.security.SsoSignIn;

/**
 * After micronaut-security-oauth2 checked the state and exchanged the code (with the PKCE verifier) at the
 * provider's token endpoint: the access token is what the console will present, so it is checked the way the log
 * API checks it ({@link SsoSignIn}); the ID token is not needed. Runs on the blocking executor (the provider's
 * keys may be fetched).
 */
@Singleton
@Named(ConsoleSignInConfigured.CLIENT)
@ConsoleSignInConfigured
@Requires(classes = OauthAuthenticationMapper.class)
class AccessTokenMapper implements OauthAuthenticationMapper {

    static final String TOKEN = "scimlog.sso.access-token";
    static final String EXPIRES = "scimlog.sso.expires";

    private final SsoSignIn signIn;
    private final ExecutorService blocking;

    AccessTokenMapper(SsoSignIn signIn, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.signIn = signIn;
        this.blocking = blocking;
    }

    @Override
    public Publisher<AuthenticationResponse> createAuthenticationResponse(TokenResponse tokenResponse, @Nullable State state) {
        HttpRequest<?> request = ServerRequestContext.currentRequest().orElse(null);
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(
                () -> map(tokenResponse.getAccessToken(), request), blocking));
    }

    private AuthenticationResponse map(@Nullable String accessToken, @Nullable HttpRequest<?> request) {
        if (accessToken == null || accessToken.isBlank()) {
            return new SignInRefused(SsoSignIn.refusal("the provider's token endpoint returned no access token"), "refused");
        }
        SsoSignIn.Outcome outcome = signIn.check(accessToken, request);
        if (outcome.person() == null) {
            return new SignInRefused(outcome.rejection(), outcome.noRole() ? "no-role" : "refused");
        }
        SsoSignIn.Person person = outcome.person();
        return AuthenticationResponse.success(person.username(), List.of(),
                Map.of(TOKEN, accessToken, EXPIRES, person.expiresAt()));
    }
}
