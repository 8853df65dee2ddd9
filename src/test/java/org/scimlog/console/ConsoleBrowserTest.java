package org.scimlog.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.scimlog.audit.Actor;
import org.scimlog.audit.AuditLog;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.RequestContext;
import org.scimlog.audit.Target;
import org.scimlog.audit.seed.LogSeeder;
import org.scimlog.security.Scopes;
import org.scimlog.support.Api;
import org.scimlog.support.Browser;
import org.scimlog.support.CommitHorizon;
import org.scimlog.support.ScimServerTest;

/**
 * Base of the System Log page's browser tests: one server and one Chromium per class, and a history a support
 * engineer would search: Ada's story through the SCIM API (looked for, created, looked up, renamed, a refused
 * duplicate, deactivated, added to a group, reactivated, removed from it), a bulk import of {@value #BULK} users, so that lists and exports span pages,
 * and 600 Okta-like events over the day before the last hour, for the chart.
 */
abstract class ConsoleBrowserTest extends ScimServerTest {

    static final int BULK = 1_150;
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    @Inject
    AuditLog auditLog;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    LogSeeder seeder;

    Browser browser;
    Api scim;
    String logsToken;
    UUID tenantId;
    String adaId;

    /** The browser's time zone (its TZ). */
    abstract String timeZone();

    int width() {
        return 1280;
    }

    @BeforeAll
    void seedHistoryAndOpenBrowser() {
        String name = "c-" + UUID.randomUUID().toString().substring(0, 12);
        var issued = tenants.createTenantWithToken(name, "support", List.of(Scopes.SCIM, Scopes.LOGS_READ));
        tenantId = issued.tenantId();
        logsToken = issued.secret();
        scim = new Api(server.getURI().toString(), logsToken);
        adaId = adasStory();
        bulkImport();
        // a day of Okta-like traffic before the last hour, so the 24-hour chart has a shape
        seeder.seed(tenantId, 600, 50, Instant.now().minus(Duration.ofMinutes(61)), Duration.ofHours(22), done -> { });
        CommitHorizon.awaitPassedEverythingCommitted();
        browser = new Browser(timeZone(), width(), 900);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String adasStory() {
        // Okta looks for her before it pushes her: nobody yet
        assertEquals(200, scim.get("/scim/v2/Users?filter=" + Api.q("userName eq \"ada@example.com\"")).status());
        Api.Reply created = scim.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", "ada@example.com",
                "name", Map.of("givenName", "Ada", "familyName", "Lovelace"), "active", true));
        assertEquals(201, created.status(), created::toString);
        String id = created.json().path("id").asText();
        assertEquals(200, scim.get("/scim/v2/Users?filter=" + Api.q("userName eq \"ada@example.com\"")).status());
        assertEquals(200, scim.get("/scim/v2/Users/" + id).status());
        assertEquals(200, scim.patch("/scim/v2/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "replace", "path", "name.familyName", "value", "King")))).status());
        Api.Reply duplicate = scim.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", "ada@example.com"));
        assertEquals(409, duplicate.status(), duplicate::toString);
        assertEquals(200, scim.patch("/scim/v2/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "replace", "path", "active", "value", false)))).status());
        Api.Reply group = scim.post("/scim/v2/Groups", Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
                "displayName", "Engineering", "members", List.of(Map.of("value", id))));
        assertEquals(201, group.status(), group::toString);
        assertEquals(200, scim.patch("/scim/v2/Users/" + id, Map.of("schemas", List.of(PATCH), "Operations",
                List.of(Map.of("op", "replace", "path", "active", "value", true)))).status());
        Api.Reply removed = scim.patch("/scim/v2/Groups/" + group.json().path("id").asText(), Map.of("schemas", List.of(PATCH),
                "Operations", List.of(Map.of("op", "remove", "path", "members[value eq \"" + id + "\"]"))));
        assertTrue(removed.status() == 200 || removed.status() == 204, removed::toString);
        return id;
    }

    private void bulkImport() {
        Actor importer = new Actor("00Timport", "ApiToken", "hr-import", "HR import");
        RequestContext context = new RequestContext(tenantId, importer, "bulk-import-1", "POST", "/scim/v2/Bulk",
                "hr-sync/2.1", "192.0.2.44", List.of("192.0.2.44"), "API_TOKEN", Map.of());
        List<EventDraft> drafts = new ArrayList<>();
        for (int i = 0; i < BULK; i++) {
            String userName = "imported" + i + "@example.com";
            drafts.add(EventDraft.success(EventType.USER_CREATE,
                    List.of(Target.of(UUID.randomUUID().toString(), "User", userName, userName)), Map.of()));
        }
        transactions.executeWrite(status -> auditLog.append(status.getConnection(), context, drafts));
    }

    String page() {
        return server.getURI() + "/console/";
    }

    /** Opens the page (with {@code query} in its URL) and signs in with the logs.read token. */
    void openSignedIn(String query) {
        browser.open(page() + query);
        browser.find("#token").sendKeys(logsToken);
        browser.find("#signin button").click();
    }

    int rows() {
        return browser.all("#events tbody tr.event").size();
    }

    void awaitRows() {
        browser.await(d -> "ready".equals(browser.script("return document.body.dataset.state")) && rows() > 0);
    }
}
