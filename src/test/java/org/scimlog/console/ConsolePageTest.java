package org.scimlog.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

/** The System Log page is served without a token (it asks for one) and talks only to the log API. */
@MicronautTest(transactional = false)
class ConsolePageTest extends ScimServerTest {

    @Test
    void pageAndScriptAreServedAnonymously() {
        Reply page = api.withToken(null).get("/console/index.html");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.body().contains("console.js"));

        Reply script = api.withToken(null).get("/console/console.js");
        assertEquals(200, script.status());
        assertTrue(script.body().contains("/api/v1/logs"), "it reads the Okta-compatible API");
        assertFalse(script.body().contains("innerHTML"), "event content is rendered as text, never as markup");
    }

    @Test
    void theApiBehindThePageStillNeedsAToken() {
        assertEquals(401, api.withToken(null).get("/api/v1/logs").status());
    }
}
