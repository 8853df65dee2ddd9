package org.scimlog.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.generator.claims.JwtClaimsSetAdapter;
import io.micronaut.security.token.jwt.signature.jwks.DefaultJwkSetFetcher;
import io.micronaut.security.token.jwt.signature.jwks.DefaultJwkValidator;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignature;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import io.micronaut.security.token.jwt.validator.ExpirationJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JwtValidator;
import io.micronaut.security.token.jwt.validator.NotBeforeJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * OAuth 2.0 access tokens that are JWTs, checked with micronaut-security-jwt against the credential that trusts
 * their issuer: signature by a key of its JWKS URL (fetched once, cached, fetched again for an unknown
 * {@code kid}), {@code exp} (required), {@code nbf}, {@code iss} and {@code aud}. The token's {@code scp}
 * (Okta's array) or {@code scope} (RFC 8693's space-separated string) narrows the credential's scopes.
 */
@Singleton
class JwtCredentials {

    /** How long fetched keys are trusted before they are fetched again (an unknown kid fetches them at once). */
    private static final int KEYS_CACHE_SECONDS = 3600;

    private final TenantStore store;
    private final AccessTokens ownTokens;
    private final SsoSettings sso;
    private final SsoPeople people;
    /** The cache key of the SSO provider's keys among the credentials' (no credential has this id). */
    private static final UUID SSO_KEYS = new UUID(0, 0);
    private final JwksDownloads jwksClient = new JwksDownloads();
    private final Cache<UUID, CredentialValidator> validators = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterAccess(Duration.ofHours(1)).build();

    JwtCredentials(TenantStore store, AccessTokens ownTokens, SsoSettings sso, SsoPeople people) {
        this.store = store;
        this.ownTokens = ownTokens;
        this.sso = sso;
        this.people = people;
    }

    static boolean looksLikeJwt(String token) {
        return token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    Verdict check(String token, HttpRequest<?> request, Instant now) {
        JWT parsed;
        JWTClaimsSet claims;
        try {
            parsed = JWTParser.parse(token);
            claims = parsed.getJWTClaimsSet();
        } catch (ParseException e) {
            return Verdict.reject(Rejection.anonymous(CredentialKind.JWT, "malformed JWT"));
        }
        if (!(parsed instanceof SignedJWT)) {
            return Verdict.reject(Rejection.anonymous(CredentialKind.JWT, "unsigned or encrypted JWT"));
        }
        if (ownTokens.issuedHere(claims)) {
            return ownTokens.check((SignedJWT) parsed, claims, request, now);
        }
        List<String> audiences = claims.getAudience() == null ? List.of() : claims.getAudience();
        if (claims.getIssuer() == null || audiences.isEmpty()) {
            return Verdict.reject(Rejection.anonymous(CredentialKind.JWT, "JWT without iss or aud"));
        }
        if (sso.issued(claims.getIssuer())) {
            return checkPerson((SignedJWT) parsed, claims, audiences, request);
        }
        Optional<StoredCredential> stored = store.findJwt(claims.getIssuer(), audiences);
        if (stored.isEmpty()) {
            return Verdict.reject(Rejection.anonymous(CredentialKind.JWT, "no credential trusts this JWT's issuer and audience"));
        }
        Caller caller = stored.get().caller();
        CredentialValidator validator = validators.get(caller.tokenId(),
                id -> new CredentialValidator(stored.get().jwtIssuer(), jwksClient, id));
        if (!validator.jwksUrl.equals(stored.get().jwtIssuer().jwksUrl())) {
            validator = new CredentialValidator(stored.get().jwtIssuer(), jwksClient, caller.tokenId());
            validators.put(caller.tokenId(), validator);
        }
        if (!validator.verified((SignedJWT) parsed, request)) {
            return Verdict.reject(Rejection.of(caller, "JWT signature not verified by the issuer's keys"));
        }
        Optional<String> untimely = timeProblem(claims, request, "JWT");
        if (untimely.isPresent()) {
            return Verdict.reject(Rejection.of(caller, untimely.get()));
        }
        Verdict verdict = Verdict.ofStored(stored.get(), now);
        if (verdict.caller() == null) {
            return verdict;
        }
        Date exp = claims.getExpirationTime();
        Instant until = caller.expiresAt() == null || exp.toInstant().isBefore(caller.expiresAt())
                ? exp.toInstant() : caller.expiresAt();
        List<String> granted = new ArrayList<>(caller.scopes());
        granted.retainAll(tokenScopes(claims));
        return Verdict.accept(caller.withScopes(granted, until));
    }

    /** A person's access token from the company's OIDC provider: the same checks, then {@link SsoPeople} maps the roles claim. */
    private Verdict checkPerson(SignedJWT token, JWTClaimsSet claims, List<String> audiences, HttpRequest<?> request) {
        Optional<Rejection> problem = personTokenProblem(token, claims, audiences, request);
        if (problem.isPresent()) {
            return Verdict.reject(problem.get());
        }
        return people.caller(claims, request, claims.getExpirationTime().toInstant());
    }

    /**
     * The console's session cookie: only a person's access token of the company's OIDC provider is accepted there
     * (never an API credential someone copied into the cookie), checked exactly as it is in an Authorization header.
     */
    Verdict checkPersonToken(String token, HttpRequest<?> request) {
        Optional<SignedJWT> parsed = personToken(token);
        if (parsed.isEmpty()) {
            return Verdict.reject(Rejection.anonymous(CredentialKind.SSO, "session cookie holds no SSO token"));
        }
        try {
            JWTClaimsSet claims = parsed.get().getJWTClaimsSet();
            return checkPerson(parsed.get(), claims, claims.getAudience(), request);
        } catch (ParseException e) {
            return Verdict.reject(Rejection.anonymous(CredentialKind.SSO, "session cookie holds no SSO token"));
        }
    }

    /** A person's verified claims (signature, audience, exp, nbf), before any tenant is chosen: the console's sign-in. */
    Optional<JWTClaimsSet> verifiedPerson(String token, HttpRequest<?> request, java.util.function.Consumer<Rejection> refused) {
        Optional<SignedJWT> parsed = personToken(token);
        if (parsed.isEmpty()) {
            refused.accept(Rejection.anonymous(CredentialKind.SSO, "the provider's access token is no JWT of the SSO issuer"));
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = parsed.get().getJWTClaimsSet();
            Optional<Rejection> problem = personTokenProblem(parsed.get(), claims, claims.getAudience(), request);
            problem.ifPresent(refused);
            return problem.isPresent() ? Optional.empty() : Optional.of(claims);
        } catch (ParseException e) {
            refused.accept(Rejection.anonymous(CredentialKind.SSO, "malformed JWT"));
            return Optional.empty();
        }
    }

    private Optional<SignedJWT> personToken(String token) {
        if (!looksLikeJwt(token)) {
            return Optional.empty();
        }
        try {
            JWT parsed = JWTParser.parse(token);
            JWTClaimsSet claims = parsed.getJWTClaimsSet();
            if (parsed instanceof SignedJWT signed && sso.issued(claims.getIssuer()) && claims.getAudience() != null) {
                return Optional.of(signed);
            }
            return Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private Optional<Rejection> personTokenProblem(SignedJWT token, JWTClaimsSet claims, List<String> audiences,
                                                   HttpRequest<?> request) {
        JwtIssuer provider = sso.provider();
        if (!audiences.contains(provider.audience())) {
            return Optional.of(Rejection.anonymous(CredentialKind.SSO, "SSO token for another audience"));
        }
        CredentialValidator validator = validators.get(SSO_KEYS, id -> new CredentialValidator(provider, jwksClient, id));
        if (!validator.verified(token, request)) {
            return Optional.of(Rejection.anonymous(CredentialKind.SSO, "SSO token signature not verified by the provider's keys"));
        }
        return timeProblem(claims, request, "SSO token").map(reason -> Rejection.anonymous(CredentialKind.SSO, reason));
    }

    /** micronaut-security-jwt's {@code exp} (required) and {@code nbf} checks, as the reason a token fails them. */
    static Optional<String> timeProblem(JWTClaimsSet claims, HttpRequest<?> request, String what) {
        Claims adapted = new JwtClaimsSetAdapter(claims);
        if (claims.getExpirationTime() == null) {
            return Optional.of(what + " without exp");
        }
        if (!new ExpirationJwtClaimsValidator<HttpRequest<?>>().validate(adapted, request)) {
            return Optional.of(what + " expired");
        }
        if (!new NotBeforeJwtClaimsValidator<HttpRequest<?>>().validate(adapted, request)) {
            return Optional.of(what + " not yet valid (nbf)");
        }
        return Optional.empty();
    }

    private static List<String> tokenScopes(JWTClaimsSet claims) {
        Object scp = claims.getClaim("scp");
        if (scp instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        Object scope = scp != null ? scp : claims.getClaim("scope");
        if (scope instanceof String text) {
            return Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        }
        return List.of();
    }

    /**
     * One credential's signature check; the JWKS it fetched is cached inside. A token naming a key id the cached
     * set lacks fetches the set again (the issuer rotated its keys), at most once per {@link #REFETCH_INTERVAL}
     * so that tokens with made-up key ids cannot make scimlog hammer the issuer.
     */
    private static final class CredentialValidator {
        private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(10);

        private final String jwksUrl;
        private final JwksSignature keys;
        private final JwtValidator<HttpRequest<?>> signatures;
        private volatile Instant lastRefetch = Instant.MIN;

        boolean verified(SignedJWT token, HttpRequest<?> request) {
            if (signatures.validate(token, request).isPresent()) {
                return true;
            }
            String kid = token.getHeader().getKeyID();
            boolean unknownKid = kid != null && keys.getKeyIds().map(ids -> !ids.contains(kid)).orElse(true);
            Instant now = Instant.now();
            if (!unknownKid || now.isBefore(lastRefetch.plus(REFETCH_INTERVAL))) {
                return false;
            }
            lastRefetch = now;
            keys.clear();
            return signatures.validate(token, request).isPresent();
        }

        @SuppressWarnings("unchecked")
        CredentialValidator(JwtIssuer issuer, JwksDownloads client, UUID credentialId) {
            this.jwksUrl = issuer.jwksUrl();
            this.keys = new JwksSignature(new Keys("credential-" + credentialId, issuer.jwksUrl()),
                    new DefaultJwkValidator(), new DefaultJwkSetFetcher(client));
            this.signatures = JwtValidator.builder().withSignatures(keys).build();
        }
    }

    private record Keys(String name, String url) implements JwksSignatureConfiguration {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getUrl() {
            return url;
        }

        @Override
        public KeyType getKeyType() {
            return null;
        }

        @Override
        public Integer getCacheExpiration() {
            return KEYS_CACHE_SECONDS;
        }
    }
}
