package org.scimlog.sso;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import io.micronaut.security.oauth2.endpoint.SecureEndpoint;
import io.micronaut.security.oauth2.endpoint.authorization.pkce.persistence.PkcePersistence;
import io.micronaut.security.oauth2.endpoint.authorization.response.AuthorizationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.response.DefaultOauthAuthorizationResponseHandler;
import io.micronaut.security.oauth2.endpoint.authorization.state.validation.StateValidator;
import io.micronaut.security.oauth2.endpoint.token.request.TokenEndpointClient;
import io.micronaut.security.oauth2.endpoint.token.response.OauthAuthenticationMapper;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.scimlog.security.SsoSignIn;
import reactor.core.publisher.Flux;

/**
 * micronaut-security-oauth2's callback handling (state check, code exchange with the PKCE verifier), except that a
 * token endpoint that refuses the code (replayed, expired, a wrong client secret) or cannot be reached is a refused
 * sign-in, recorded and explained on the console, instead of an error answered 500.
 */
@Singleton
@ConsoleSignInConfigured
@Replaces(DefaultOauthAuthorizationResponseHandler.class)
class TokenExchangeFailures extends DefaultOauthAuthorizationResponseHandler {

    TokenExchangeFailures(TokenEndpointClient tokenEndpointClient, @Nullable StateValidator stateValidator,
                          @Nullable PkcePersistence pkcePersistence) {
        super(tokenEndpointClient, stateValidator, pkcePersistence);
    }

    @Override
    public Publisher<AuthenticationResponse> handle(AuthorizationResponse authorizationResponse, OauthClientConfiguration clientConfiguration,
                                                    OauthAuthenticationMapper authenticationMapper, SecureEndpoint tokenEndpoint) {
        return Flux.from(super.handle(authorizationResponse, clientConfiguration, authenticationMapper, tokenEndpoint))
                .onErrorResume(failure -> Flux.just(new SignInRefused(SsoSignIn.refusal(reason(failure)), "provider")));
    }

    /** The status only: the provider's error text is its own and is not repeated into the System Log. */
    private static String reason(Throwable failure) {
        if (failure instanceof HttpClientResponseException refused) {
            return "SSO sign-in: the provider's token endpoint answered " + refused.getStatus().getCode();
        }
        return "SSO sign-in: the provider's token endpoint could not be reached";
    }
}
