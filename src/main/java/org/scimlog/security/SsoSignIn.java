package org.scimlog.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A person's sign-in to the console with the company's OIDC provider (package {@code sso} runs the authorization
 * code flow): the access token the provider's token endpoint returned is checked as {@link JwtCredentials} checks
 * it on the API (signature, {@code exp}, {@code nbf}, {@code iss}, {@code aud}), and the roles claim must name at
 * least one existing tenant. The token then travels in the {@value #COOKIE} cookie, which
 * {@link CredentialAuthenticator} reads for the console's reads of {@code /api/v1/logs}: every request is the same
 * SSO {@link Caller} a Bearer request with that token is.
 */
@Singleton
public class SsoSignIn {

    /** The console's session: the provider's access token, HttpOnly, SameSite=Strict, expiring with the token. */
    public static final String COOKIE = "scimlog_sso";

    /** Who signed in and where they may look; no tenant is chosen yet (the page sends {@value SsoPeople#TENANT_HEADER}). */
    public record Person(String username, List<String> tenants, Instant expiresAt) {
        public Person {
            tenants = List.copyOf(tenants);
        }
    }

    /**
     * A person, or why the token was refused (recorded as a FAILURE event by the caller of {@link #check});
     * {@code noRole}: the token was good but names no tenant, which the page explains to the person.
     */
    public record Outcome(@Nullable Person person, @Nullable Rejection rejection, boolean noRole) {
        static Outcome refused(Rejection rejection) {
            return new Outcome(null, rejection, false);
        }
    }

    /** A sign-in refused before any token could be checked (no access token, an invalid state). */
    public static Rejection refusal(String reason) {
        return Rejection.anonymous(CredentialKind.SSO, reason);
    }

    private final SsoSettings settings;
    private final JwtCredentials jwts;
    private final SsoPeople people;

    SsoSignIn(SsoSettings settings, JwtCredentials jwts, SsoPeople people) {
        this.settings = settings;
        this.jwts = jwts;
        this.people = people;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    public String providerName() {
        return settings.providerName();
    }

    public static String tenantHeader() {
        return SsoPeople.TENANT_HEADER;
    }

    /** Blocks (the provider's keys may be fetched): call it off the event loop. */
    public Outcome check(String accessToken, HttpRequest<?> request) {
        if (!settings.enabled()) {
            return Outcome.refused(refusal("single sign-on is not configured (scimlog.sso.issuer)"));
        }
        AtomicReference<Rejection> refused = new AtomicReference<>();
        Optional<JWTClaimsSet> claims = jwts.verifiedPerson(accessToken, request, refused::set);
        if (claims.isEmpty()) {
            return Outcome.refused(refused.get());
        }
        List<String> tenants = people.tenants(claims.get());
        if (tenants.isEmpty()) {
            return new Outcome(null, refusal("SSO sign-in without a scimlog role in " + people.rolesClaim()), true);
        }
        return new Outcome(new Person(people.username(claims.get()), tenants,
                claims.get().getExpirationTime().toInstant()), null, false);
    }
}
