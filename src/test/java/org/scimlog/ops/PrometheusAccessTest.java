package org.scimlog.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;
import org.scimlog.web.PrometheusAccess;

/** /prometheus is closed unless configured, and with a token only that token opens it. */
@MicronautTest(transactional = false)
class PrometheusAccessTest extends ScimServerTest {

    private static final String TOKEN = "metrics-token-for-the-test-0123456789";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("scimlog.metrics.anonymous", "false", "scimlog.metrics.token", TOKEN);
    }

    @Test
    void onlyTheMetricsTokenOpensPrometheus() {
        String url = server.getURI().toString();
        Reply none = new Api(url, null).get("/prometheus");
        assertEquals(401, none.status(), none::toString);
        assertTrue(none.header("WWW-Authenticate").startsWith("Bearer"), none::toString);
        assertEquals(401, new Api(url, TOKEN + "x").get("/prometheus").status());
        assertEquals(401, new Api(url, api.token()).get("/prometheus").status(), "a tenant's SCIM token is not the metrics token");
        Reply scraped = new Api(url, TOKEN).get("/prometheus");
        assertEquals(200, scraped.status(), scraped::toString);
        assertTrue(scraped.body().contains("jvm_memory_used_bytes"), scraped::toString);
    }

    @Test
    void theMetricsTokenOpensNothingElse() {
        assertEquals(401, new Api(server.getURI().toString(), TOKEN).get("/scim/v2/Users").status());
    }

    @Test
    void withNeitherTokenNorAnonymousEveryScrapeIsRefused() {
        PrometheusAccess closed = new PrometheusAccess("", false);
        assertNotNull(closed.check(HttpRequest.GET("/prometheus")));
        assertNotNull(closed.check(HttpRequest.GET("/prometheus").bearerAuth("")));
        assertEquals(null, new PrometheusAccess("", true).check(HttpRequest.GET("/prometheus")));
    }
}
