package org.scimlog.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimlog.security.CredentialRequest;
import org.scimlog.security.Scopes;
import org.scimlog.security.TenantAdministration;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.Await;
import org.scimlog.support.LogEvents;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.TestDatabase;
import org.scimlog.support.TestJwks;

/**
 * Okta's "OAuth 2" provisioning mode driven the way Okta drives it: the admin's browser opens the authorize
 * endpoint, signs in and allows, Okta's callback gets the code, Okta's backend exchanges it at the token endpoint
 * (client_secret_basic, or client_secret_post), calls SCIM with the access token, refreshes, and revokes. Then
 * every way it must fail: wrong secret, wrong redirect_uri, a code used twice or expired, another tenant's client.
 */
@MicronautTest(transactional = false)
class OktaOAuthFlowTest extends ScimServerTest {

    private static final String CALLBACK = "https://system-admin.okta.com/admin/app/cpc/scimlog_1/oauth/callback";

    private Api operator;
    private String tenant;
    private Client okta;
    private String adminUser;
    private String adminPassword;

    record Client(String id, String secret) {
    }

    @Override
    protected Map<String, String> extraProperties() {
        // every request of this class comes from one address for one client id: more than the OAuth limits allow in
        // a minute on a quick machine (RateLimitTest tests them)
        return Map.of("scimlog.security.token-cache-seconds", "0",
                "scimlog.security.rate-limit.oauth-per-client", "0",
                "scimlog.security.rate-limit.oauth-per-address", "0");
    }

    @BeforeAll
    void registerOkta() {
        operator = api.withToken(tenants.issue(TenantAdministration.OPERATORS,
                CredentialRequest.bearer("ops-" + UUID.randomUUID(), List.of(Scopes.ADMIN)), false).secret());
        tenant = "oa-" + UUID.randomUUID().toString().substring(0, 12);
        assertEquals(201, operator.post("/api/v1/admin/tenants", Map.of("name", tenant)).status());
        okta = registerClient(tenant, "okta");
        Reply basic = operator.post("/api/v1/admin/tenants/" + tenant + "/credentials",
                Map.of("name", "it-admin", "type", "basic", "scopes", List.of("scim")));
        adminUser = basic.json().path("username").asText();
        adminPassword = basic.json().path("password").asText();
    }

    private Client registerClient(String tenantName, String name) {
        Reply issued = operator.post("/api/v1/admin/tenants/" + tenantName + "/credentials",
                Map.of("name", name, "type", "oauth", "scopes", List.of("scim"), "redirectUris", List.of(CALLBACK)));
        assertEquals(201, issued.status(), issued.toString());
        assertTrue(issued.json().path("authorizeUrl").asText().endsWith("/oauth2/v1/authorize"), issued.toString());
        assertTrue(issued.json().path("tokenUrl").asText().endsWith("/oauth2/v1/token"), issued.toString());
        return new Client(issued.json().path("clientId").asText(), issued.json().path("clientSecret").asText());
    }

    // ---- Okta's side of the flow ------------------------------------------------------------------------------

    private Reply openAuthorize(Map<String, String> query) {
        return anonymous().get("/oauth2/v1/authorize?" + form(query));
    }

    private Map<String, String> authorizeQuery(Client client, String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client.id());
        query.put("redirect_uri", CALLBACK);
        query.put("scope", "scim");
        query.put("state", state);
        return query;
    }

    /** The admin's browser: reads the page's hidden fields, types the username and password, presses a button. */
    private Reply submitConsent(Reply page, String username, String password, String decision) {
        Map<String, String> fields = hiddenFields(page.body());
        fields.put("username", username);
        fields.put("password", password);
        fields.put("decision", decision);
        return anonymous().send("POST", "/oauth2/v1/authorize", form(fields),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    private String codeFor(Client client, String state) {
        Reply page = openAuthorize(authorizeQuery(client, state));
        assertEquals(200, page.status(), page.toString());
        Reply redirected = submitConsent(page, adminUser, adminPassword, "allow");
        assertEquals(302, redirected.status(), redirected.toString());
        Map<String, String> callback = callbackParameters(redirected);
        assertEquals(state, callback.get("state"));
        return callback.get("code");
    }

    private Reply tokenBasic(Client client, Map<String, String> form) {
        String basic = Base64.getEncoder().encodeToString((enc(client.id()) + ":" + enc(client.secret())).getBytes(StandardCharsets.UTF_8));
        return anonymous().send("POST", "/oauth2/v1/token", form(form),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", "Basic " + basic));
    }

    private Reply tokenPost(Client client, Map<String, String> form) {
        Map<String, String> withClient = new LinkedHashMap<>(form);
        withClient.put("client_id", client.id());
        withClient.put("client_secret", client.secret());
        return anonymous().send("POST", "/oauth2/v1/token", form(withClient), Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    private Reply exchange(Client client, String code) {
        return tokenBasic(client, Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK));
    }

    private Reply scimUsers(String accessToken) {
        return anonymous().get("/scim/v2/Users?count=1", Map.of("Authorization", "Bearer " + accessToken));
    }

    // ---- the flow ---------------------------------------------------------------------------------------------

    @Test
    void oktaConnectsProvisionsRefreshesAndIsRevoked() throws Exception {
        String code = codeFor(okta, "st-1");
        Reply tokens = exchange(okta, code);
        assertEquals(200, tokens.status(), tokens.toString());
        assertEquals("no-store", tokens.header("Cache-Control"));
        assertEquals("Bearer", tokens.json().path("token_type").asText());
        assertEquals("scim", tokens.json().path("scope").asText());
        assertTrue(tokens.json().path("expires_in").asLong() > 0);
        String access = tokens.json().path("access_token").asText();
        String refresh = tokens.json().path("refresh_token").asText();

        // a JWT signed by a key of the published JWKS, with its kid, the tenant and the scopes in its claims
        SignedJWT jwt = SignedJWT.parse(access);
        JWKSet jwks = JWKSet.parse(anonymous().get("/oauth2/v1/keys").body());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertNotNull(key, "the token's kid is in the JWKS");
        assertFalse(key.isPrivate(), "the JWKS publishes public keys only");
        assertTrue(jwt.verify(new RSASSAVerifier(key)));
        assertEquals(tenant, jwt.getJWTClaimsSet().getStringClaim("tenant"));
        assertEquals("scim", jwt.getJWTClaimsSet().getStringClaim("scope"));
        assertEquals(okta.id(), jwt.getJWTClaimsSet().getStringClaim("client_id"));

        // Okta's "Test API Credentials" and a first push
        assertEquals(200, scimUsers(access).status());
        Reply created = anonymous().send("POST", "/scim/v2/Users", Map.of(
                "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", "oauth.ada@example.com"),
                Map.of("Authorization", "Bearer " + access));
        assertEquals(201, created.status(), created.toString());
        // the access token works in its own tenant only: it holds scim, not logs.read
        assertEquals(403, anonymous().get("/api/v1/logs", Map.of("Authorization", "Bearer " + access)).status());

        // refresh (client_secret_post this time): a new pair, the old refresh token spent
        Reply refreshed = tokenPost(okta, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertEquals(200, refreshed.status(), refreshed.toString());
        String access2 = refreshed.json().path("access_token").asText();
        String refresh2 = refreshed.json().path("refresh_token").asText();
        assertNotEquals(refresh, refresh2);
        assertEquals(200, scimUsers(access2).status());

        // the old refresh token again: refused, and the whole family revoked (it may have leaked)
        Reply reused = tokenPost(okta, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertEquals(400, reused.status());
        assertEquals("invalid_grant", reused.json().path("error").asText());
        assertEquals(401, scimUsers(access2).status(), "the family's access tokens end with it");
        assertEquals(400, tokenPost(okta, Map.of("grant_type", "refresh_token", "refresh_token", refresh2)).status());
        awaitRejection(tenant, "refresh token used twice; its grant revoked");

        // Okta re-authenticates: a new grant; then revocation (RFC 7009) ends it
        Reply again = exchange(okta, codeFor(okta, "st-2"));
        String access3 = again.json().path("access_token").asText();
        String refresh3 = again.json().path("refresh_token").asText();
        assertEquals(200, scimUsers(access3).status());
        Reply revoked = anonymous().send("POST", "/oauth2/v1/revoke", form(Map.of("token", refresh3,
                        "token_type_hint", "refresh_token", "client_id", okta.id(), "client_secret", okta.secret())),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(200, revoked.status(), revoked.toString());
        assertEquals(401, scimUsers(access3).status());
        Await.until("the revocation event", Duration.ofSeconds(20),
                () -> !LogEvents.of(tenant, "app.oauth2.as.token.revoke").isEmpty());
        JsonNode consent = LogEvents.of(tenant, "app.oauth2.as.consent.grant").stream()
                .filter(e -> "okta".equals(e.path("target").get(0).path("alternateId").asText())).findFirst().orElseThrow();
        assertEquals(adminUser.substring(0, adminUser.indexOf('@')), consent.path("actor").path("alternateId").asText(),
                "the consent names the credential that signed in");
        assertEquals("[\"scim\"]", consent.path("debugContext").path("debugData").path("scopes").toString(), consent.toString());
        Reply afterRevoke = tokenPost(okta, Map.of("grant_type", "refresh_token", "refresh_token", refresh3));
        assertEquals("invalid_grant", afterRevoke.json().path("error").asText());

        // revoking an access token ends its grant as well
        Reply fourth = exchange(okta, codeFor(okta, "st-3"));
        String access4 = fourth.json().path("access_token").asText();
        assertEquals(200, scimUsers(access4).status());
        assertEquals(200, revoke(okta, access4).status());
        assertEquals(401, scimUsers(access4).status());
        // an unknown token is answered 200 too (RFC 7009 §2.2)
        assertEquals(200, revoke(okta, "no-such-token").status());
    }

    private Reply revoke(Client client, String token) {
        String basic = Base64.getEncoder().encodeToString((client.id() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
        return anonymous().send("POST", "/oauth2/v1/revoke", form(Map.of("token", token)),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", "Basic " + basic));
    }

    @Test
    void pkceIsCheckedWhenTheClientSendsAChallenge() throws Exception {
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().repeat(2).getBytes(StandardCharsets.US_ASCII));
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        Map<String, String> query = authorizeQuery(okta, "pkce");
        query.put("code_challenge", challenge);
        query.put("code_challenge_method", "S256");
        Reply redirected = submitConsent(openAuthorize(query), adminUser, adminPassword, "allow");
        String code = callbackParameters(redirected).get("code");
        Reply wrong = tokenBasic(okta, Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK,
                "code_verifier", verifier.substring(1) + "x"));
        assertEquals("invalid_grant", wrong.json().path("error").asText(), wrong.toString());
        Reply right = tokenBasic(okta, Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK,
                "code_verifier", verifier));
        assertEquals(200, right.status(), right.toString());

        query.put("code_challenge_method", "plain");
        Reply plain = openAuthorize(query);
        assertEquals(302, plain.status());
        assertEquals("invalid_request", callbackParameters(plain).get("error"));
    }

    // ---- refusals ---------------------------------------------------------------------------------------------

    @Test
    void aWrongClientSecretIsInvalidClient() {
        String code = codeFor(okta, "wrong-secret");
        Reply refused = tokenBasic(new Client(okta.id(), okta.secret() + "x"),
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK));
        assertEquals(401, refused.status());
        assertEquals("invalid_client", refused.json().path("error").asText());
        assertTrue(refused.header("WWW-Authenticate").startsWith("Basic"));
        awaitRejection(tenant, "wrong OAuth client secret");
        Reply unknown = tokenPost(new Client("scimlog-nosuchclient", "x"), Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", CALLBACK));
        assertEquals(401, unknown.status());
        assertEquals("invalid_client", unknown.json().path("error").asText());
        // the code was not spent by the refused attempts
        assertEquals(200, exchange(okta, code).status());
        assertFalse(LogEvents.of(tenant, null).toString().contains(okta.secret()), "the secret is never recorded");
    }

    @Test
    void theRedirectUriMustBeTheRegisteredOneAndTheAuthorizationRequestsOwn() {
        Map<String, String> query = authorizeQuery(okta, "s");
        query.put("redirect_uri", "https://evil.example.com/callback");
        Reply page = openAuthorize(query);
        assertEquals(400, page.status(), "an unregistered redirect_uri gets an error page, never a redirect");
        assertTrue(page.body().contains("redirect_uri is not registered"), page.body());
        assertEquals(null, page.header("Location"));

        String code = codeFor(okta, "redirect");
        Reply refused = tokenBasic(okta, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", CALLBACK + "/other"));
        assertEquals(400, refused.status());
        assertEquals("invalid_grant", refused.json().path("error").asText());
        awaitRejection(tenant, "redirect_uri differs from the authorization request's");

        Reply unknownClient = openAuthorize(authorizeQuery(new Client("scimlog-nosuchclient", "x"), "s"));
        assertEquals(400, unknownClient.status());
        assertTrue(unknownClient.body().contains("unknown client_id"));
    }

    @Test
    void aCodeIsSingleUseAndUsingItTwiceRevokesWhatItGave() {
        String code = codeFor(okta, "twice");
        Reply first = exchange(okta, code);
        assertEquals(200, first.status());
        Reply second = exchange(okta, code);
        assertEquals(400, second.status());
        assertEquals("invalid_grant", second.json().path("error").asText());
        assertEquals(401, scimUsers(first.json().path("access_token").asText()).status());
        awaitRejection(tenant, "authorization code used twice; its grant revoked");
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        String code = codeFor(okta, "expired");
        // the code's lifetime (60 s) is over: set in the database rather than waited for
        try (var c = DriverManager.getConnection(TestDatabase.jdbcUrl());
             var ps = c.prepareStatement("UPDATE oauth_code SET expires_at = now() - interval '1 second' WHERE code_hash = sha256(?::bytea)")) {
            ps.setString(1, code);
            assertEquals(1, ps.executeUpdate());
        }
        Reply refused = exchange(okta, code);
        assertEquals(400, refused.status());
        assertEquals("invalid_grant", refused.json().path("error").asText());
        assertEquals("the authorization code expired", refused.json().path("error_description").asText());
        awaitRejection(tenant, "authorization code expired");
    }

    @Test
    void anotherTenantsClientGetsNothingOfThisOne() {
        String other = "ob-" + UUID.randomUUID().toString().substring(0, 12);
        assertEquals(201, operator.post("/api/v1/admin/tenants", Map.of("name", other)).status());
        Client stranger = registerClient(other, "okta");

        // a code issued to this tenant's client is not the other client's
        String code = codeFor(okta, "cross");
        Reply refused = exchange(stranger, code);
        assertEquals(400, refused.status());
        assertEquals("invalid_grant", refused.json().path("error").asText());
        awaitRejection(other, "authorization code of another client");

        // nor is this tenant's refresh token
        Reply tokens = exchange(okta, code);
        assertEquals(200, tokens.status(), "the stranger's attempt did not spend the code");
        Reply stolen = tokenBasic(stranger, Map.of("grant_type", "refresh_token", "refresh_token", tokens.json().path("refresh_token").asText()));
        assertEquals("invalid_grant", stolen.json().path("error").asText());
        // and revoking it from the other client changes nothing
        assertEquals(200, revoke(stranger, tokens.json().path("refresh_token").asText()).status());
        assertEquals(200, scimUsers(tokens.json().path("access_token").asText()).status());

        // the other tenant's admin cannot consent for this tenant's client
        Reply otherAdmin = operator.post("/api/v1/admin/tenants/" + other + "/credentials",
                Map.of("name", "it-admin", "type", "basic", "scopes", List.of("scim")));
        Reply page = openAuthorize(authorizeQuery(okta, "x"));
        Reply denied = submitConsent(page, otherAdmin.json().path("username").asText(), otherAdmin.json().path("password").asText(), "allow");
        assertEquals(401, denied.status());
        assertTrue(denied.body().contains("wrong username or password"));
        awaitRejection(other, "OAuth sign-in with a credential of another tenant than the client's");

        // and the access token of the other tenant's client sees only its own tenant
        String strangerAccess = null;
        Reply strangerPage = openAuthorize(authorizeQuery(stranger, "y"));
        Reply strangerCode = submitConsent(strangerPage, otherAdmin.json().path("username").asText(),
                otherAdmin.json().path("password").asText(), "allow");
        strangerAccess = exchange(stranger, callbackParameters(strangerCode).get("code")).json().path("access_token").asText();
        Reply theirs = anonymous().get("/scim/v2/Users?filter=" + Api.q("userName eq \"oauth.ada@example.com\""),
                Map.of("Authorization", "Bearer " + strangerAccess));
        assertEquals(200, theirs.status());
        assertEquals(0, theirs.json().path("totalResults").asInt());
    }

    @Test
    void badSignInsAndDenialsAndBadRequestsAreClearRefusals() {
        Reply page = openAuthorize(authorizeQuery(okta, "bad"));
        assertTrue(page.header("Content-Security-Policy").contains("default-src 'none'"));
        Reply wrong = submitConsent(page, adminUser, adminPassword + "x", "allow");
        assertEquals(401, wrong.status());
        assertTrue(wrong.body().contains("wrong username or password"));
        awaitRejection(tenant, "wrong password");

        Reply denied = submitConsent(page, "", "", "deny");
        assertEquals(302, denied.status());
        assertEquals("access_denied", callbackParameters(denied).get("error"));
        assertEquals("bad", callbackParameters(denied).get("state"));

        Map<String, String> query = authorizeQuery(okta, "scope");
        query.put("scope", "scim admin");
        assertEquals("invalid_scope", callbackParameters(openAuthorize(query)).get("error"));
        query = authorizeQuery(okta, "type");
        query.put("response_type", "token");
        assertEquals("unsupported_response_type", callbackParameters(openAuthorize(query)).get("error"));

        assertEquals("unsupported_grant_type", tokenBasic(okta, Map.of("grant_type", "password", "username", "u", "password", "p"))
                .json().path("error").asText());
        assertEquals("unsupported_grant_type", tokenBasic(okta, Map.of("grant_type", "client_credentials")).json().path("error").asText());
        Reply both = anonymous().send("POST", "/oauth2/v1/token",
                form(Map.of("grant_type", "authorization_code", "code", "c", "redirect_uri", CALLBACK, "client_secret", okta.secret())),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString((okta.id() + ":" + okta.secret()).getBytes(StandardCharsets.UTF_8))));
        assertEquals("invalid_request", both.json().path("error").asText());
        Reply repeated = anonymous().send("POST", "/oauth2/v1/token", "grant_type=authorization_code&grant_type=refresh_token",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(400, repeated.status());
        assertEquals("invalid_request", repeated.json().path("error").asText());
        Reply json = anonymous().send("POST", "/oauth2/v1/token", Map.of("grant_type", "authorization_code"),
                Map.of("Content-Type", "application/json"));
        assertEquals("invalid_request", json.json().path("error").asText());
        // a revoked client registration signs nobody in and gets no tokens
        Client gone = registerClient(tenant, "gone");
        String code = codeFor(gone, "gone");
        assertEquals(204, operator.delete("/api/v1/admin/tenants/" + tenant + "/credentials/gone").status());
        assertEquals("invalid_client", exchange(gone, code).json().path("error").asText());
        assertEquals(400, openAuthorize(authorizeQuery(gone, "g")).status());
    }

    @Test
    void clientRegistrationsAreCheckedWhenIssued() {
        String path = "/api/v1/admin/tenants/" + tenant + "/credentials";
        for (String bad : List.of("http://okta.example.com/cb", "https://okta.example.com/cb#frag", "/relative", "not a uri")) {
            Reply refused = operator.post(path, Map.of("name", "bad", "type", "oauth", "redirectUris", List.of(bad)));
            assertEquals(400, refused.status(), bad + " " + refused);
            assertTrue(refused.json().path("errorCauses").toString().contains("redirectUris"), refused.toString());
        }
        assertEquals(400, operator.post(path, Map.of("name", "bad", "type", "oauth")).status(), "redirectUris are required");
        assertEquals(400, operator.post(path, Map.of("name", "bad", "type", "bearer", "redirectUris", List.of(CALLBACK))).status());
        assertEquals(201, operator.post(path, Map.of("name", "local", "type", "oauth",
                "redirectUris", List.of("http://localhost:9999/cb"))).status(), "http only to localhost, for trying out");
        JsonNode listed = operator.get(path).json();
        assertTrue(listed.toString().contains(okta.id()));
        assertFalse(listed.toString().contains(okta.secret()), "never the secret");
    }

    @Test
    void anExpiredAccessTokenIsRefusedWithItsEvent() throws Exception {
        Reply tokens = exchange(okta, codeFor(okta, "expiry"));
        String access = tokens.json().path("access_token").asText();
        assertEquals(200, scimUsers(access).status());
        // the same token, signed by scimlog's own key (development keeps it in the database, where the test reads it),
        // but past its exp: what Okta holds an hour after it was issued
        SignedJWT issued = SignedJWT.parse(access);
        RSAKey key = databaseSigningKey(issued.getHeader().getKeyID());
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        String expired = TestJwks.sign(key, new JWTClaimsSet.Builder(issued.getJWTClaimsSet()).issueTime(Date.from(longAgo))
                .notBeforeTime(Date.from(longAgo)).expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(10)))).build());
        String resigned = TestJwks.sign(key, issued.getJWTClaimsSet());
        assertEquals(200, scimUsers(resigned).status(), "the key is the one scimlog signs with");

        Reply refused = scimUsers(expired);
        assertEquals(401, refused.status(), refused.toString());
        assertEquals("401", refused.json().path("status").asText(), "a SCIM error body");
        assertNotNull(refused.header("WWW-Authenticate"));
        assertFalse(refused.body().contains("expired"), "the client is not told which check failed");
        awaitRejection(tenant, "access token expired");
        JsonNode event = LogEvents.of(tenant, "scimlog.credential.rejected").stream()
                .filter(e -> "access token expired".equals(e.path("outcome").path("reason").asText())).findFirst().orElseThrow();
        assertEquals("okta", event.path("actor").path("alternateId").asText(), "the client the token was issued to");
        assertFalse(event.toString().contains(expired.substring(expired.lastIndexOf('.') + 1)), "no part of the token recorded");
        // Okta then refreshes: the grant is live, so it gets a fresh access token
        Reply refreshed = tokenPost(okta, Map.of("grant_type", "refresh_token", "refresh_token", tokens.json().path("refresh_token").asText()));
        assertEquals(200, refreshed.status(), refreshed.toString());
        assertEquals(200, scimUsers(refreshed.json().path("access_token").asText()).status());
    }

    @Test
    void anExpiredRefreshTokenIsRefusedWithItsEventAndSpendsNothing() throws Exception {
        Reply tokens = exchange(okta, codeFor(okta, "refresh-expiry"));
        String refresh = tokens.json().path("refresh_token").asText();
        // its 90 days are over: set in the database rather than waited for
        try (var c = DriverManager.getConnection(TestDatabase.jdbcUrl());
             var ps = c.prepareStatement("UPDATE oauth_refresh_token SET expires_at = now() - interval '1 second' WHERE token_hash = sha256(?::bytea)")) {
            ps.setString(1, refresh);
            assertEquals(1, ps.executeUpdate());
        }
        Reply refused = tokenPost(okta, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertEquals(400, refused.status());
        assertEquals("invalid_grant", refused.json().path("error").asText());
        assertEquals("the refresh token expired", refused.json().path("error_description").asText());
        assertEquals("no-store", refused.header("Cache-Control"));
        awaitRejection(tenant, "refresh token expired");
        assertEquals("invalid_grant", tokenPost(okta, Map.of("grant_type", "refresh_token", "refresh_token", refresh))
                .json().path("error").asText(), "still expired, however often it is tried");
        assertFalse(LogEvents.of(tenant, null).toString().contains(refresh), "the refresh token is never recorded");
    }

    private static RSAKey databaseSigningKey(String kid) throws Exception {
        try (var c = DriverManager.getConnection(TestDatabase.jdbcUrl());
             var ps = c.prepareStatement("SELECT jwk FROM oauth_signing_key WHERE kid = ?")) {
            ps.setString(1, kid);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the signing key " + kid + " is in the database");
                return RSAKey.parse(rs.getString(1));
            }
        }
    }

    @Test
    void theMetadataNamesTheEndpoints() {
        JsonNode metadata = anonymous().get("/.well-known/oauth-authorization-server").json();
        assertTrue(metadata.path("authorization_endpoint").asText().endsWith("/oauth2/v1/authorize"));
        assertTrue(metadata.path("token_endpoint").asText().endsWith("/oauth2/v1/token"));
        assertTrue(metadata.path("jwks_uri").asText().endsWith("/oauth2/v1/keys"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private Api anonymous() {
        return new Api(api.baseUrl(), null);
    }

    private static void awaitRejection(String tenantName, String reason) {
        Await.until("a rejection event: " + reason, Duration.ofSeconds(20), () -> LogEvents.of(tenantName, "scimlog.credential.rejected")
                .stream().anyMatch(e -> reason.equals(e.path("outcome").path("reason").asText())));
    }

    private static Map<String, String> callbackParameters(Reply redirected) {
        String location = redirected.header("Location");
        assertNotNull(location, redirected.toString());
        assertTrue(location.startsWith(CALLBACK + "?"), location);
        Map<String, String> parameters = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(html);
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&#39;", "'").replace("&amp;", "&"));
        }
        return fields;
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String form(Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(text.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return text.toString();
    }
}
