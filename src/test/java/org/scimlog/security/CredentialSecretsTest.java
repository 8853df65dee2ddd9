package org.scimlog.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.ReadEventBuffer;
import org.scimlog.audit.stream.RelayProgress;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.Await;
import org.scimlog.support.LogEvents;
import org.scimlog.support.LogRows;
import org.scimlog.support.OutputCapture;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.StreamProperties;
import org.scimlog.support.TestKafka;
import org.scimlog.support.TopicRecords;

/**
 * Every kind of secret a client presents (a bearer token, a Basic password, an OAuth client secret, an
 * authorization code, a refresh token, an access token), used rightly and wrongly, is quoted nowhere afterwards: not
 * in any answer but the one that hands it out, not in the System Log, not in the Kafka records it is streamed to, not
 * in what the server prints. A wrong secret is the right one with a character appended, so recording the wrong one
 * would show the right one too.
 */
@MicronautTest(transactional = false)
class CredentialSecretsTest extends ScimServerTest {

    private static final String CALLBACK = "https://system-admin.okta.com/admin/app/cpc/scimlog_1/oauth/callback";

    private final String topic = TestKafka.uniqueTopic();
    private final List<Reply> answers = new ArrayList<>();

    @Inject
    ReadEventBuffer readEvents;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(StreamProperties.of(TestKafka.shared().bootstrapServers(), topic));
        p.put("scimlog.security.token-cache-seconds", "0");
        return p;
    }

    private Reply kept(Reply reply) {
        answers.add(reply);
        return reply;
    }

    private Api anonymous() {
        return new Api(api.baseUrl(), null);
    }

    private Reply form(String path, Map<String, String> values, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        return kept(anonymous().send("POST", path, encode(values), all));
    }

    private static String encode(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noSecretOfAnyKindIsEchoedRecordedStreamedOrPrinted() {
        Map<String, String> secrets = new LinkedHashMap<>();
        String tenant = "sec-" + UUID.randomUUID().toString().substring(0, 12);
        try (OutputCapture output = new OutputCapture()) {
            Api operator = api.withToken(tenants.issue(TenantAdministration.OPERATORS,
                    CredentialRequest.bearer("ops-" + UUID.randomUUID(), List.of(Scopes.ADMIN)), false).secret());
            assertEquals(201, operator.post("/api/v1/admin/tenants", Map.of("name", tenant)).status());
            String credentials = "/api/v1/admin/tenants/" + tenant + "/credentials";

            // a bearer token: used with and without "Bearer", revoked, presented again; and one nobody issued
            String token = operator.post(credentials, Map.of("name", "okta-header")).json().path("token").asText();
            secrets.put("bearer token", token);
            assertEquals(200, kept(api.withToken(token).get("/scim/v2/Users")).status());
            assertEquals(200, kept(anonymous().get("/scim/v2/Users", Map.of("Authorization", token))).status());
            assertEquals(401, kept(api.withToken(token + "x").get("/scim/v2/Users")).status());
            assertEquals(204, operator.delete(credentials + "/okta-header").status());
            assertEquals(401, kept(api.withToken(token).get("/api/v1/logs")).status());

            // a Basic password, right and wrong
            Reply basicIssued = operator.post(credentials, Map.of("name", "okta-basic", "type", "basic"));
            String username = basicIssued.json().path("username").asText();
            String password = basicIssued.json().path("password").asText();
            secrets.put("Basic password", password);
            assertEquals(200, kept(anonymous().get("/scim/v2/Users", Map.of("Authorization", basic(username, password)))).status());
            assertEquals(401, kept(anonymous().get("/scim/v2/Users", Map.of("Authorization", basic(username, password + "x")))).status());

            // an OAuth client: a wrong secret, one sent in the query string, the admin's wrong and right password on the
            // consent page, a code exchanged twice, a refresh token rotated and its spent copy presented again
            Reply client = operator.post(credentials, Map.of("name", "okta", "type", "oauth", "scopes", List.of("scim"),
                    "redirectUris", List.of(CALLBACK)));
            String clientId = client.json().path("clientId").asText();
            String clientSecret = client.json().path("clientSecret").asText();
            secrets.put("OAuth client secret", clientSecret);
            Reply admin = operator.post(credentials, Map.of("name", "it-admin", "type", "basic", "scopes", List.of("scim")));
            String adminPassword = admin.json().path("password").asText();
            secrets.put("consent password", adminPassword);

            String code = consent(clientId, admin.json().path("username").asText(), adminPassword);
            secrets.put("authorization code", code);
            Map<String, String> exchange = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK);
            assertEquals(401, form("/oauth2/v1/token", exchange, Map.of("Authorization", basic(clientId, clientSecret + "x"))).status());
            Reply inQuery = kept(anonymous().send("POST", "/oauth2/v1/token?client_id=" + clientId + "&client_secret=" + clientSecret
                    + "&code=" + code, "grant_type=authorization_code", Map.of("Content-Type", "application/x-www-form-urlencoded")));
            assertEquals(401, inQuery.status(), inQuery.toString());
            Reply tokens = anonymous().send("POST", "/oauth2/v1/token", encode(exchange), Map.of("Content-Type",
                    "application/x-www-form-urlencoded", "Authorization", basic(clientId, clientSecret)));
            assertEquals(200, tokens.status(), tokens.toString());
            String access = tokens.json().path("access_token").asText();
            String refresh = tokens.json().path("refresh_token").asText();
            secrets.put("access token", access);
            secrets.put("refresh token", refresh);
            assertEquals(200, kept(api.withToken(access).get("/scim/v2/Users")).status());
            Reply rotated = anonymous().send("POST", "/oauth2/v1/token", encode(Map.of("grant_type", "refresh_token",
                    "refresh_token", refresh, "client_id", clientId, "client_secret", clientSecret)),
                    Map.of("Content-Type", "application/x-www-form-urlencoded"));
            assertEquals(200, rotated.status(), rotated.toString());
            secrets.put("rotated refresh token", rotated.json().path("refresh_token").asText());
            assertEquals(400, form("/oauth2/v1/token", Map.of("grant_type", "refresh_token", "refresh_token", refresh),
                    Map.of("Authorization", basic(clientId, clientSecret))).status(), "the spent refresh token");
            assertEquals(400, form("/oauth2/v1/token", exchange, Map.of("Authorization", basic(clientId, clientSecret))).status(),
                    "the code again");
            assertEquals(401, kept(api.withToken(access).get("/scim/v2/Users")).status(), "its grant was revoked");
            assertEquals(200, form("/oauth2/v1/revoke", Map.of("token", rotated.json().path("refresh_token").asText()),
                    Map.of("Authorization", basic(clientId, clientSecret))).status());
            // every listing the operator may read
            kept(operator.get(credentials));
            kept(operator.get("/api/v1/admin/tenants/" + tenant));

            // the refusals are recorded (asynchronously): wait for the last kinds, then for Kafka to have them all
            Await.until("the refusals' events", Duration.ofSeconds(30), () -> {
                Set<String> reasons = LogEvents.of(tenant, "scimlog.credential.rejected").stream()
                        .map(e -> e.path("outcome").path("reason").asText()).collect(Collectors.toSet());
                return reasons.containsAll(List.of("wrong password", "credential revoked", "wrong OAuth client secret",
                        "refresh token used twice; its grant revoked", "authorization code used twice; its grant revoked"));
            });
            readEvents.flush();
            RelayProgress.awaitAcknowledged(tenant);
            RelayProgress.awaitAcknowledged(TenantAdministration.OPERATORS);
            Set<String> uuids = LogEvents.of(tenant, null).stream().map(e -> e.path("uuid").asText()).collect(Collectors.toSet());
            List<TopicRecords.Delivered> records = TopicRecords.readUntil(TestKafka.shared().bootstrapServers(), topic,
                    read -> TopicRecords.uuids(read).containsAll(uuids), Duration.ofMinutes(1));
            assertTrue(TopicRecords.uuids(records).containsAll(uuids), "every event of the tenant is on the topic");

            String events = LogRows.everything();
            String streamed = records.stream().map(r -> r.key() + r.value() + r.headers()).collect(Collectors.joining("\n"));
            String printed = output.text();
            secrets.forEach((kind, secret) -> {
                for (String part : List.of(secret, secret.substring(secret.length() / 2 - 8, secret.length() / 2 + 8))) {
                    for (Reply answer : answers) {
                        assertFalse(answer.body().contains(part) || String.valueOf(answer.raw().headers().map()).contains(part),
                                kind + " in an answer: " + answer.raw().uri() + " " + answer);
                    }
                    assertFalse(events.contains(part), kind + " in the System Log");
                    assertFalse(streamed.contains(part), kind + " in a Kafka record");
                    assertFalse(printed.contains(part), kind + " printed by the server");
                }
            });
        }
    }

    /** The admin's browser on the consent page: a wrong password first, then the right one; returns the code. */
    private String consent(String clientId, String username, String password) {
        Reply page = kept(anonymous().get("/oauth2/v1/authorize?" + encode(Map.of("response_type", "code", "client_id", clientId,
                "redirect_uri", CALLBACK, "scope", "scim", "state", "s1"))));
        assertEquals(200, page.status(), page.toString());
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(page.body());
        while (hidden.find()) {
            fields.put(hidden.group(1), hidden.group(2).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&lt;", "<").replace("&gt;", ">"));
        }
        fields.put("username", username);
        fields.put("decision", "allow");
        fields.put("password", password + "x");
        assertEquals(401, form("/oauth2/v1/authorize", fields, Map.of()).status());
        fields.put("password", password);
        Reply redirected = anonymous().send("POST", "/oauth2/v1/authorize", encode(fields),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(302, redirected.status(), redirected.toString());
        String location = redirected.header("Location");
        assertNotNull(location);
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no code in " + location);
    }
}
