package org.scimlog.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The access tokens scimlog's authorization server issues: JWTs (RFC 9068's claims: {@code iss}, {@code sub} and
 * {@code client_id} the client, {@code aud}, {@code exp}, {@code iat}, {@code jti}, {@code scope}) signed by
 * {@link SigningKeys}, plus the tenant ({@code tid}, {@code tenant}) and the grant they belong to. They are checked
 * on the path every other credential takes ({@link CredentialAuthenticator}, through {@link JwtCredentials} when
 * {@code iss} is scimlog's): signature, {@code exp}, {@code nbf}, then the database says whether the client
 * registration still counts and the grant was not revoked, so a revocation takes effect within the credential cache time.
 */
@Singleton
class AccessTokens {

    private static final String TENANT_ID = "tid";
    private static final String TENANT = "tenant";
    private static final String GRANT = "grant";
    private static final String CREDENTIAL = "cred";

    /**
     * Resolved at the first token issued or checked: the keys come from the database (or are made there), and this
     * bean is built with the security filter by the first request of any kind, on an event loop, readiness probes
     * included.
     */
    private final BeanProvider<SigningKeys> keys;
    private final OAuthSettings settings;
    private final TenantStore store;
    private final OAuthGrants grants;

    AccessTokens(BeanProvider<SigningKeys> keys, OAuthSettings settings, TenantStore store, OAuthGrants grants) {
        this.keys = keys;
        this.settings = settings;
        this.store = store;
        this.grants = grants;
    }

    boolean issuedHere(JWTClaimsSet claims) {
        return settings.issuer().equals(claims.getIssuer());
    }

    String issue(OAuthGrants.Grant grant, Caller client, String clientId) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(clientId)
                .audience(settings.audience())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.accessTokenLifetime())))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", clientId)
                .claim("scope", String.join(" ", grant.scopes()))
                .claim(TENANT_ID, client.tenantId().toString())
                .claim(TENANT, client.tenantName())
                .claim(GRANT, grant.id().toString())
                .claim(CREDENTIAL, client.tokenId().toString())
                .build();
        return keys.get().sign(claims).serialize();
    }

    /** The grant of a token scimlog signed (whatever its expiry), for revocation; empty for anything else. */
    Optional<OAuthGrants.Grant> grantOf(SignedJWT token, JWTClaimsSet claims, HttpRequest<?> request) {
        if (!issuedHere(claims) || !keys.get().verified(token, request)) {
            return Optional.empty();
        }
        return uuid(claims, GRANT).flatMap(grants::grant);
    }

    Verdict check(SignedJWT token, JWTClaimsSet claims, HttpRequest<?> request, Instant now) {
        if (!keys.get().verified(token, request)) {
            return Verdict.reject(Rejection.anonymous(CredentialKind.OAUTH, "access token not signed by scimlog's keys"));
        }
        Optional<UUID> credentialId = uuid(claims, CREDENTIAL);
        Optional<UUID> grantId = uuid(claims, GRANT);
        Optional<StoredCredential> stored = credentialId.flatMap(store::findById)
                .filter(s -> s.caller().kind() == CredentialKind.OAUTH);
        if (stored.isEmpty() || grantId.isEmpty()) {
            return Verdict.reject(Rejection.anonymous(CredentialKind.OAUTH, "access token names no OAuth client"));
        }
        Caller client = stored.get().caller();
        Optional<String> untimely = JwtCredentials.timeProblem(claims, request, "access token");
        if (untimely.isPresent()) {
            return Verdict.reject(Rejection.of(client, untimely.get()));
        }
        Optional<OAuthGrants.Grant> grant = grants.grant(grantId.get());
        if (grant.isEmpty() || !grant.get().credentialId().equals(client.tokenId())) {
            return Verdict.reject(Rejection.of(client, "access token names no grant of its client"));
        }
        if (grant.get().revokedAt() != null) {
            return Verdict.reject(Rejection.of(client, "OAuth grant revoked"));
        }
        Verdict verdict = Verdict.ofStored(stored.get(), now);
        if (verdict.caller() == null) {
            return verdict;
        }
        Instant exp = claims.getExpirationTime().toInstant();
        Instant until = client.expiresAt() == null || exp.isBefore(client.expiresAt()) ? exp : client.expiresAt();
        List<String> granted = new ArrayList<>(client.scopes());
        granted.retainAll(grant.get().scopes());
        return Verdict.accept(client.withScopes(granted, until));
    }

    private static Optional<UUID> uuid(JWTClaimsSet claims, String name) {
        try {
            String text = claims.getStringClaim(name);
            return text == null ? Optional.empty() : Optional.of(UUID.fromString(text));
        } catch (ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
