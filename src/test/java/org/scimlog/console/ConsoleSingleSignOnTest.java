package org.scimlog.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.scimlog.security.Scopes;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.Await;
import org.scimlog.support.Browser;
import org.scimlog.support.CommitHorizon;
import org.scimlog.support.LogEvents;
import org.scimlog.support.ScimServerTest;

/**
 * A support engineer signs in to the console with the company's OIDC provider: a real one (mock-oauth2-server with
 * its interactive login page, where the test types the person and the claims the provider would add) started by
 * the test, and real headless Chromium. Authorization code with PKCE (S256) and a checked state; the provider's
 * access token rides in an HttpOnly, SameSite=Strict cookie and every read is the same SSO caller the log API
 * makes of that token in an Authorization header.
 */
@MicronautTest(transactional = false)
class ConsoleSingleSignOnTest extends ScimServerTest {

    private static final String AUDIENCE = "scimlog-console";
    private static final String ISSUER = "company";
    private static final String CLIENT_SECRET = "s3cret-of-the-console-client";

    private MockOAuth2Server provider;
    private Browser browser;
    private String acme;
    private String globex;

    @Override
    protected Map<String, String> extraProperties() {
        // the provider's access tokens carry scimlog's audience, as Okta's custom authorization server or an
        // Entra ID app exposing an API would; the login page adds whatever claims the test types
        provider = new MockOAuth2Server(new OAuth2Config(true, null, null, false, new OAuth2TokenProvider(),
                Set.of(new DefaultOAuth2TokenCallback(ISSUER, "unused", "JWT", List.of(AUDIENCE), Map.of(), 300))));
        provider.start();
        Map<String, String> properties = new HashMap<>();
        properties.put("scimlog.sso.issuer", provider.issuerUrl(ISSUER).toString());
        properties.put("scimlog.sso.jwks-url", provider.jwksUrl(ISSUER).toString());
        properties.put("scimlog.sso.audience", AUDIENCE);
        properties.put("scimlog.sso.provider-name", "Company SSO");
        properties.put("micronaut.security.oauth2.clients.oidc.client-id", "scimlog-console");
        properties.put("micronaut.security.oauth2.clients.oidc.client-secret", CLIENT_SECRET);
        properties.put("micronaut.security.oauth2.clients.oidc.authorization.url", provider.authorizationEndpointUrl(ISSUER).toString());
        properties.put("micronaut.security.oauth2.clients.oidc.token.url", provider.tokenEndpointUrl(ISSUER).toString());
        return properties;
    }

    @BeforeAll
    void tenantsWithHistoryAndABrowser() {
        acme = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        globex = "globex-" + UUID.randomUUID().toString().substring(0, 8);
        createUser(acme, "ada@acme.example");
        createUser(globex, "grace@globex.example");
        CommitHorizon.awaitPassedEverythingCommitted();
        browser = new Browser("UTC", 1280, 800);
    }

    private void createUser(String tenant, String userName) {
        String token = tenants.createTenantWithToken(tenant, "okta", List.of(Scopes.SCIM)).secret();
        Reply created = new Api(serverUrl(), token).post("/scim/v2/Users", Map.of(
                "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", userName, "active", true));
        assertEquals(201, created.status(), created::toString);
    }

    @AfterAll
    void closeBrowserAndProvider() {
        if (browser != null) {
            browser.close();
        }
        provider.shutdown();
    }

    @BeforeEach
    void signedOut() {
        browser.open(serverUrl() + "/console/");
        browser.driver().manage().deleteAllCookies();
        browser.script("sessionStorage.clear()");
    }

    /** Console → "Sign in with Company SSO" → the provider's login page → back on the console. */
    private void signInAtTheProvider(String username, String claimsJson) {
        browser.open(serverUrl() + "/console/");
        browser.visible("#sso-signin").click();
        browser.visible("input[name=username]").sendKeys(username);
        browser.find("textarea[name=claims]").sendKeys(claimsJson);
        browser.screenshot("sso-provider-login");
        browser.find("input[type=submit]").click();
        browser.await(d -> d.getCurrentUrl().startsWith(serverUrl() + "/console/"));
    }

    private List<String> shownTargets() {
        browser.await(d -> "ready".equals(browser.script("return document.body.dataset.state"))
                && !browser.all("#events tbody tr.event").isEmpty());
        return browser.texts("#events tbody tr.event td.target");
    }

    @Test
    void aSupportEngineerSignsInSeesTheEventsOfTheTenantSheChoosesAndSignsOut() {
        browser.open(serverUrl() + "/console/");
        assertEquals("Sign in with Company SSO", browser.visible("#sso-signin").getText());
        browser.awaitText("#problem-text", "Sign in with Company SSO, or paste a token");
        assertTrue(browser.find("#token").isDisplayed(), "pasting a token stays possible");
        browser.screenshot("sso-signed-out");

        signInAtTheProvider("00u-ada", "{\"preferred_username\": \"ada.support@company.example\", \"scimlog_roles\": [\""
                + acme + ":logs.read\", \"" + globex + ":logs.read\"]}");
        browser.awaitText("#sso-user", "ada.support@company.example");
        Select tenant = new Select(browser.find("#sso-tenant"));
        assertEquals(List.of(acme, globex), tenant.getOptions().stream().map(o -> o.getText()).toList());
        assertEquals(acme, tenant.getFirstSelectedOption().getText());
        assertTrue(shownTargets().stream().anyMatch(t -> t.contains("ada@acme.example")));
        assertFalse(browser.texts("#events tbody tr.event").toString().contains("grace@globex.example"));
        assertTrue(browser.find("#sso-signin").getAttribute("hidden") != null, "no sign-in button while signed in");
        browser.screenshot("sso-signed-in-acme");

        var cookie = browser.driver().manage().getCookieNamed("scimlog_sso");
        assertNotNull(cookie);
        assertTrue(cookie.isHttpOnly());
        assertEquals("Strict", cookie.getSameSite());
        assertEquals("/", cookie.getPath());
        assertEquals(null, browser.script("return document.cookie.includes('scimlog_sso') ? 'readable' : null"),
                "no script reads the token");

        tenant.selectByVisibleText(globex);
        browser.await(d -> browser.texts("#events tbody tr.event td.target").toString().contains("grace@globex.example"));
        assertFalse(browser.texts("#events tbody tr.event").toString().contains("ada@acme.example"));
        browser.screenshot("sso-signed-in-globex");

        browser.find("#sso-signout").click();
        browser.awaitText("#sso-message", "You are signed out.");
        browser.visible("#sso-signin");
        browser.awaitText("#problem-text", "Sign in with Company SSO");
        assertEquals(0, browser.all("#events tbody tr.event").stream().filter(r -> r.isDisplayed()).count());
        assertNull(browser.driver().manage().getCookieNamed("scimlog_sso"), "signing out clears the cookie");
        browser.screenshot("sso-signed-out-again");
    }

    @Test
    void aSessionThatEndedAsksThePersonToSignInAgain() {
        signInAtTheProvider("00u-lin", "{\"preferred_username\": \"lin@company.example\", \"scimlog_roles\": \"" + acme + ":logs.read\"}");
        browser.awaitText("#sso-user", "lin@company.example");
        assertTrue(browser.find("#sso-tenant").getAttribute("disabled") != null, "one tenant: nothing to choose");
        assertTrue(shownTargets().stream().anyMatch(t -> t.contains("ada@acme.example")));
        // the token in the cookie runs out (as it does after its exp): the next read is refused
        browser.driver().manage().addCookie(new org.openqa.selenium.Cookie.Builder("scimlog_sso",
                personToken(List.of(acme + ":logs.read"), -60)).path("/").isHttpOnly(true).sameSite("Strict").build());
        browser.find("#query button[type=submit]").click();
        browser.awaitText("#problem-text", "Your sign-in was not accepted (E0000011): it may have expired. Please sign in again.");
        browser.visible("#sso-signin");
        assertEquals(0, browser.all("#events tbody tr.event").stream().filter(r -> r.isDisplayed()).count());
        browser.screenshot("sso-session-ended");
    }

    @Test
    void aPersonWithoutAScimlogRoleIsToldSoAndTheRefusalIsAnEvent() {
        String person = "nobody-" + UUID.randomUUID().toString().substring(0, 6) + "@company.example";
        signInAtTheProvider("00u-nobody", "{\"preferred_username\": \"" + person + "\", \"groups\": [\"Everyone\"]}");
        browser.awaitText("#sso-message", "holds no role for scimlog");
        assertFalse(browser.driver().getCurrentUrl().contains("sso_error"), "the address is the page's again");
        browser.visible("#sso-signin");
        assertNull(browser.driver().manage().getCookieNamed("scimlog_sso"));
        browser.screenshot("sso-no-role");
        Await.until("the refusal is a FAILURE event", Duration.ofSeconds(20), () -> LogEvents.of("scimlog-operators",
                "scimlog.credential.rejected").stream().anyMatch(e -> "FAILURE".equals(e.path("outcome").path("result").asText())
                && "SSO sign-in without a scimlog role in scimlog_roles".equals(e.path("outcome").path("reason").asText())));
    }

    @Test
    void theAuthorizeRedirectCarriesAnS256ChallengeAndTheCallbackChecksTheState() {
        Api anonymous = new Api(serverUrl(), null);
        Reply login = anonymous.get("/sso/login/oidc");
        assertTrue(login.status() == 302 || login.status() == 303, login::toString);
        URI authorize = URI.create(login.header("Location"));
        assertEquals(provider.authorizationEndpointUrl(ISSUER).uri().getPath(), authorize.getPath());
        Map<String, String> query = query(authorize);
        assertEquals("S256", query.get("code_challenge_method"));
        assertTrue(query.get("code_challenge").matches("[A-Za-z0-9_-]{43}"), query.toString());
        assertEquals("code", query.get("response_type"));
        assertEquals("scimlog-console", query.get("client_id"));
        assertEquals(serverUrl() + "/sso/callback/oidc", query.get("redirect_uri"));
        assertNotNull(query.get("state"));
        assertFalse(authorize.toString().contains(CLIENT_SECRET));
        String stateCookie = cookie(login, "OAUTH2_STATE");
        String pkceCookie = cookie(login, "OAUTH2_PKCE");

        // a second sign-in's state does not match the first one's cookie: a forged or crossed callback
        String otherState = query(URI.create(anonymous.get("/sso/login/oidc").header("Location"))).get("state");
        for (Map<String, String> headers : List.of(Map.of("Cookie", stateCookie + "; " + pkceCookie), Map.<String, String>of())) {
            Reply callback = anonymous.get("/sso/callback/oidc?code=stolen&state=" + Api.q(otherState), headers);
            assertEquals(303, callback.status(), callback::toString);
            assertEquals("/console/?sso_error=state", callback.header("Location"));
            assertTrue(callback.raw().headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("scimlog_sso=ey")));
        }
        Await.until("the refused state is an event", Duration.ofSeconds(20), () -> LogEvents.of("scimlog-operators",
                "scimlog.credential.rejected").toString().contains("SSO sign-in callback with an invalid state"));
    }

    @Test
    void theCookieIsReadOnlyForTheLogReadsAndATamperedOrExpiredOneIsRefused() {
        Api anonymous = new Api(serverUrl(), null);
        String good = personToken(List.of(acme + ":logs.read"), 300);
        assertEquals(200, anonymous.get("/api/v1/logs?limit=1", Map.of("Cookie", "scimlog_sso=" + good)).status());
        assertEquals(401, anonymous.get("/scim/v2/Users", Map.of("Cookie", "scimlog_sso=" + good)).status(),
                "the cookie is no credential outside the log API");
        assertEquals(401, anonymous.send("POST", "/api/v1/admin/tenants", "{\"name\": \"x\"}", Map.of("Cookie", "scimlog_sso=" + good,
                "Content-Type", "application/json")).status(), "and authorizes nothing but reads");
        // the cookie's caller is the person the API makes of the token: a role without logs.read is refused as theirs
        Reply scimOnly = anonymous.get("/api/v1/logs?limit=1", Map.of("Cookie", "scimlog_sso=" + personToken(List.of(acme + ":scim"), 300)));
        assertEquals(403, scimOnly.status(), scimOnly::toString);
        Await.until("the refusal names the person", Duration.ofSeconds(20), () -> LogEvents.of(acme, "scimlog.credential.rejected")
                .stream().anyMatch(e -> "api.person@company.example".equals(e.path("actor").path("alternateId").asText())
                        && "User".equals(e.path("actor").path("type").asText())
                        && "OAUTH2".equals(e.path("authenticationContext").path("credentialType").asText())));

        String[] parts = good.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String tampered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        String expired = personToken(List.of(acme + ":logs.read"), -120);
        String apiToken = tenants.createTenantWithToken("c-" + UUID.randomUUID().toString().substring(0, 8), "support",
                List.of(Scopes.LOGS_READ)).secret();
        for (String refused : List.of(tampered, expired, apiToken)) {
            Reply reply = anonymous.get("/api/v1/logs?limit=1", Map.of("Cookie", "scimlog_sso=" + refused));
            assertEquals(401, reply.status(), reply::toString);
            assertEquals("E0000011", reply.json().path("errorCode").asText(), reply::toString);
            for (String field : List.of("errorSummary", "errorLink", "errorId")) {
                assertFalse(reply.json().path(field).asText().isEmpty(), field + " in " + reply);
            }
            assertFalse(reply.body().contains(refused), "the cookie is never echoed");
        }
        Reply session = anonymous.get("/sso/session", Map.of("Cookie", "scimlog_sso=" + expired));
        assertFalse(session.json().path("signedIn").asBoolean(), session::toString);
        assertTrue(session.raw().headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("scimlog_sso=;")
                && c.contains("Max-Age=0")), "an expired session is forgotten");
        Await.until("each refusal is an event with its reason", Duration.ofSeconds(20), () -> {
            String log = LogEvents.of("scimlog-operators", "scimlog.credential.rejected").toString();
            return log.contains("SSO token signature not verified by the provider's keys")
                    && log.contains("SSO token expired") && log.contains("session cookie holds no SSO token");
        });
    }

    @Test
    void aPersonsCachedSignInIsForTheTenantItWasCheckedFor() {
        // defect: the credential cache was keyed by the Authorization header alone, so a person's second request
        // naming another tenant (one they hold no role in) reused the first request's tenant
        Api anonymous = new Api(serverUrl(), null);
        String bearer = "Bearer " + personToken(List.of(acme + ":logs.read"), 300);
        assertEquals(200, anonymous.get("/api/v1/logs?limit=1", Map.of("Authorization", bearer, "X-Scimlog-Tenant", acme)).status());
        assertEquals(401, anonymous.get("/api/v1/logs?limit=1", Map.of("Authorization", bearer, "X-Scimlog-Tenant", globex)).status());
    }

    @Test
    void aCancelledSignInOrACodeTheProviderRefusesEndsOnTheConsoleWithAnEvent() {
        Api anonymous = new Api(serverUrl(), null);
        Reply login = anonymous.get("/sso/login/oidc");
        String state = query(URI.create(login.header("Location"))).get("state");
        Map<String, String> cookies = Map.of("Cookie", cookie(login, "OAUTH2_STATE") + "; " + cookie(login, "OAUTH2_PKCE"));
        Reply denied = anonymous.get("/sso/callback/oidc?error=access_denied&error_description=" + Api.q("<b>nope</b>")
                + "&state=" + Api.q(state), cookies);
        assertEquals(303, denied.status(), denied::toString);
        assertEquals("/console/?sso_error=denied", denied.header("Location"));
        Reply replayed = anonymous.get("/sso/callback/oidc?code=used-or-made-up&state=" + Api.q(state), cookies);
        assertEquals(303, replayed.status(), replayed::toString);
        assertEquals("/console/?sso_error=provider", replayed.header("Location"));
        Await.until("both are events", Duration.ofSeconds(20), () -> {
            String log = LogEvents.of("scimlog-operators", "scimlog.credential.rejected").toString();
            return log.contains("SSO sign-in refused by the provider: access_denied")
                    && log.contains("SSO sign-in: the provider's token endpoint answered 400");
        });
        assertFalse(LogEvents.of("scimlog-operators", null).toString().contains(CLIENT_SECRET));
    }

    private String personToken(List<String> roles, long expirySeconds) {
        return provider.issueToken(ISSUER, "00u-api", AUDIENCE, Map.of("preferred_username", "api.person@company.example",
                "scimlog_roles", roles), expirySeconds).serialize();
    }

    private static String cookie(Reply reply, String name) {
        return reply.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + reply.raw().headers()));
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> p[0], p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
    }
}
