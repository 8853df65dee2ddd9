package org.scimlog.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * scimlog as the OAuth 2.0 authorization server of its own APIs, for Okta's "OAuth 2" provisioning mode
 * (authorization code grant, RFC 6749 §4.1; PKCE, RFC 7636, when the client sends a challenge; revocation,
 * RFC 7009). A client registration is a credential of kind {@code oauth}: its tenant is the tenant every token
 * issued to it works in, its scopes bound what may be granted. The protocol's HTTP side is in package
 * {@code oauth}; this class decides.
 */
@Singleton
public class AuthorizationServer {

    /** What the consent page shows about a client, and what it checks a request against. */
    public record Registration(String clientId, UUID tenantId, String tenantName, String name, List<String> scopes,
                               List<String> redirectUris, Caller caller) {
    }

    /** A successful token response's content (RFC 6749 §5.1). */
    public record Tokens(String accessToken, long expiresIn, String refreshToken, String scope, Caller client) {
    }

    /** Who signed in on the consent page, and the code issued for the redirect. */
    public record Consent(String code, Caller signedIn, Caller client) {
    }

    private final TenantStore store;
    private final OAuthGrants grants;
    private final AccessTokens accessTokens;
    private final CredentialAuthenticator authenticator;
    private final OAuthSettings settings;
    private final BasicLoginThrottle throttle;

    /** Failed client authentications count apart from Basic usernames (which contain an '@', client ids never a space). */
    private static final String CLIENT_LOGIN = "oauth client ";

    AuthorizationServer(TenantStore store, OAuthGrants grants, AccessTokens accessTokens,
                        CredentialAuthenticator authenticator, OAuthSettings settings, BasicLoginThrottle throttle) {
        this.store = store;
        this.grants = grants;
        this.accessTokens = accessTokens;
        this.authenticator = authenticator;
        this.settings = settings;
        this.throttle = throttle;
    }

    /** The live registration of a client id; empty for an unknown, revoked or expired one or a disabled tenant. */
    public Optional<Registration> registration(String clientId) {
        return store.findClient(clientId)
                .filter(stored -> Verdict.ofStored(stored, Instant.now()).caller() != null)
                .map(stored -> {
                    Caller caller = stored.caller();
                    return new Registration(clientId, caller.tenantId(), caller.tenantName(), caller.tokenName(),
                            caller.scopes(), stored.client().redirectUris(), caller);
                });
    }

    /**
     * The tenant's admin signed in on the consent page and allowed the client: the username and password of a
     * Basic credential of the client's tenant that holds every scope asked for (a person cannot hand out more than
     * their own credential may do). Returns the authorization code for the redirect.
     */
    public Consent consent(Registration client, String redirectUri, List<String> scopes, @Nullable String codeChallenge,
                           String username, String password, HttpRequest<?> request) {
        Verdict verdict = authenticator.checkPassword(username, password, authenticator.address(request), Instant.now());
        if (verdict.caller() == null) {
            Rejection rejection = verdict.rejection();
            throw rejection.retryAfterSeconds() != null
                    ? new OAuthProblem("access_denied", "too many failed sign-ins; try again in " + rejection.retryAfterSeconds() + " s",
                            429, rejection)
                    : new OAuthProblem("access_denied", "wrong username or password", 401, rejection);
        }
        Caller signedIn = verdict.caller();
        if (!signedIn.tenantId().equals(client.tenantId())) {
            throw new OAuthProblem("access_denied", "wrong username or password", 401,
                    Rejection.of(signedIn, "OAuth sign-in with a credential of another tenant than the client's"));
        }
        if (!signedIn.scopes().containsAll(scopes)) {
            throw new OAuthProblem("access_denied", "this credential may not grant " + String.join(" ", scopes), 403,
                    Rejection.of(signedIn, "OAuth sign-in with a credential lacking a scope asked for"));
        }
        String code = grants.grantWithCode(client.tenantId(), client.caller().tokenId(), scopes, signedIn.tokenId(),
                redirectUri, codeChallenge, settings.codeLifetime());
        return new Consent(code, signedIn, client.caller());
    }

    /**
     * RFC 6749 §3.2.1: the client's id and secret, from the Basic header or the form (client_secret_post). Failed
     * attempts slow down and lock out like Basic logins, per client id and client address: a secret is 256 random
     * bits, but a guesser should not even get to try at the server's speed.
     */
    public Caller authenticateClient(@Nullable String clientId, @Nullable String secret, HttpRequest<?> request) {
        if (clientId == null || secret == null || clientId.isEmpty() || clientId.length() > 200) {
            throw OAuthProblem.invalidClient(Rejection.anonymous(CredentialKind.OAUTH, "OAuth client without id or secret"));
        }
        String throttled = CLIENT_LOGIN + clientId;
        String address = authenticator.address(request);
        Optional<Long> blocked = throttle.blocked(throttled, address);
        if (blocked.isPresent()) {
            throw new OAuthProblem("temporarily_unavailable", "too many failed client authentications; retry after "
                    + blocked.get() + " s", 429, Rejection.throttled("too many failed OAuth client authentications",
                    CredentialKind.OAUTH, blocked.get()));
        }
        Optional<StoredCredential> stored = store.findClient(clientId);
        if (stored.isEmpty()) {
            throttle.failed(throttled, address);
            throw OAuthProblem.invalidClient(Rejection.anonymous(CredentialKind.OAUTH, "unknown OAuth client id"));
        }
        if (!stored.get().client().secretMatches(secret)) {
            throttle.failed(throttled, address);
            throw OAuthProblem.invalidClient(Rejection.of(stored.get().caller(), "wrong OAuth client secret"));
        }
        throttle.succeeded(throttled, address);
        Verdict verdict = Verdict.ofStored(stored.get(), Instant.now());
        if (verdict.caller() == null) {
            throw OAuthProblem.invalidClient(verdict.rejection());
        }
        return verdict.caller();
    }

    /** RFC 6749 §4.1.3: a code for tokens; single use, unexpired, this client's, this redirect_uri, the PKCE verifier. */
    public Tokens exchangeCode(Caller client, String clientId, @Nullable String code, @Nullable String redirectUri,
                               @Nullable String codeVerifier) {
        if (code == null || redirectUri == null) {
            throw OAuthProblem.invalidRequest("invalid_request", "code and redirect_uri are required", client);
        }
        OAuthGrants.Code found = grants.code(code)
                .orElseThrow(() -> OAuthProblem.invalidGrant("unknown authorization code", Rejection.of(client, "unknown authorization code")));
        if (!found.grant().credentialId().equals(client.tokenId())) {
            throw OAuthProblem.invalidGrant("the authorization code was not issued to this client",
                    Rejection.of(client, "authorization code of another client"));
        }
        if (found.redeemedAt() != null) {
            grants.revoke(found.grant().id(), "authorization code used twice");
            throw OAuthProblem.invalidGrant("the authorization code was used already",
                    Rejection.of(client, "authorization code used twice; its grant revoked"));
        }
        if (!Instant.now().isBefore(found.expiresAt())) {
            throw OAuthProblem.invalidGrant("the authorization code expired", Rejection.of(client, "authorization code expired"));
        }
        if (!found.redirectUri().equals(redirectUri)) {
            throw OAuthProblem.invalidGrant("redirect_uri differs from the authorization request's",
                    Rejection.of(client, "redirect_uri differs from the authorization request's"));
        }
        if (found.codeChallenge() != null && (codeVerifier == null || !pkceMatches(codeVerifier, found.codeChallenge()))) {
            throw OAuthProblem.invalidGrant("code_verifier does not match the code_challenge",
                    Rejection.of(client, "PKCE code_verifier does not match"));
        }
        if (found.codeChallenge() == null && codeVerifier != null) {
            throw OAuthProblem.invalidGrant("code_verifier sent for a code issued without a code_challenge",
                    Rejection.of(client, "PKCE code_verifier without a challenge"));
        }
        if (found.grant().revokedAt() != null) {
            throw OAuthProblem.invalidGrant("the grant was revoked", Rejection.of(client, "OAuth grant revoked"));
        }
        String refresh = grants.redeem(code, found.grant(), settings.refreshTokenLifetime())
                .orElseThrow(() -> OAuthProblem.invalidGrant("the authorization code was used already",
                        Rejection.of(client, "authorization code used twice; its grant revoked")));
        return tokens(found.grant(), client, clientId, refresh);
    }

    /** RFC 6749 §6: a refresh token for new tokens; the old refresh token is spent (rotation), a spent one revokes the grant. */
    public Tokens refresh(Caller client, String clientId, @Nullable String refreshToken, @Nullable String scope) {
        if (refreshToken == null) {
            throw OAuthProblem.invalidRequest("invalid_request", "refresh_token is required", client);
        }
        Optional<OAuthGrants.Grant> owner = grants.grantOfRefreshToken(refreshToken);
        if (owner.isEmpty() || !owner.get().credentialId().equals(client.tokenId())) {
            // another client's refresh token is refused without touching it
            throw OAuthProblem.invalidGrant("unknown refresh token", Rejection.of(client, "unknown refresh token"));
        }
        if (scope != null && !owner.get().scopes().containsAll(scopes(scope))) {
            throw OAuthProblem.invalidRequest("invalid_scope", "scope exceeds what was granted", client);
        }
        OAuthGrants.Refresh rotated = grants.rotate(refreshToken, settings.refreshTokenLifetime());
        return switch (rotated.state()) {
            case ROTATED -> tokens(rotated.grant(), client, clientId, rotated.newToken());
            case REUSED -> throw OAuthProblem.invalidGrant("the refresh token was used already; the grant is revoked",
                    Rejection.of(client, "refresh token used twice; its grant revoked"));
            case EXPIRED -> throw OAuthProblem.invalidGrant("the refresh token expired", Rejection.of(client, "refresh token expired"));
            case REVOKED -> throw OAuthProblem.invalidGrant("the grant was revoked", Rejection.of(client, "OAuth grant revoked"));
            case UNKNOWN -> throw OAuthProblem.invalidGrant("unknown refresh token", Rejection.of(client, "unknown refresh token"));
        };
    }

    /**
     * RFC 7009: revokes the grant of a refresh or access token this client holds (every token of it, since a
     * refresh token's access tokens must go with it). Unknown tokens and other clients' tokens change nothing and
     * are answered the same way (§2.2), so the endpoint tells nobody which tokens exist. True when something was revoked.
     */
    public boolean revoke(Caller client, @Nullable String token, HttpRequest<?> request) {
        if (token == null || token.isEmpty()) {
            throw OAuthProblem.invalidRequest("invalid_request", "token is required", client);
        }
        Optional<OAuthGrants.Grant> grant = grants.grantOfRefreshToken(token);
        if (grant.isEmpty()) {
            grant = accessTokenGrant(token, request);
        }
        return grant.filter(g -> g.credentialId().equals(client.tokenId()))
                .map(g -> grants.revoke(g.id(), "revoked by the client (RFC 7009)"))
                .orElse(false);
    }

    private Optional<OAuthGrants.Grant> accessTokenGrant(String token, HttpRequest<?> request) {
        if (!JwtCredentials.looksLikeJwt(token)) {
            return Optional.empty();
        }
        try {
            JWT parsed = JWTParser.parse(token);
            return parsed instanceof SignedJWT signed ? accessTokens.grantOf(signed, parsed.getJWTClaimsSet(), request) : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private Tokens tokens(OAuthGrants.Grant grant, Caller client, String clientId, String refreshToken) {
        String access = accessTokens.issue(grant, client, clientId);
        return new Tokens(access, settings.accessTokenLifetime().toSeconds(), refreshToken,
                String.join(" ", grant.scopes()), client);
    }

    /** A scope parameter (space-separated, RFC 6749 §3.3) as a list. */
    public static List<String> scopes(String scope) {
        return List.of(scope.trim().split(" +")).stream().filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** RFC 7636 §4.6 with S256 (the only method accepted: "plain" protects nothing against a leaked request). */
    private static boolean pkceMatches(String verifier, String challenge) {
        if (!verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
            return false;
        }
        // the verifier is ASCII (checked above), so its UTF-8 digest is RFC 7636's SHA-256(ASCII(verifier))
        String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(TokenSecrets.digest(verifier));
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
