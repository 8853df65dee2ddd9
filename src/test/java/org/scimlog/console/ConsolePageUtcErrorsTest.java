package org.scimlog.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

/**
 * The System Log page in a UTC browser at 800 px, and each error in place of the results: a bad token, a token
 * without logs.read, a bad filter, the server unreachable, the server too slow (each with no stale row left).
 */
@MicronautTest(transactional = false)
class ConsolePageUtcErrorsTest extends ConsoleBrowserTest {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Override
    String timeZone() {
        return "UTC";
    }

    @Override
    int width() {
        return 800;
    }

    @Test
    void inUtcAt800PixelsTheResultsStayUsable() {
        openSignedIn("?q=ada%40example.com");
        awaitRows();
        assertTrue(browser.find("#zone-name").getText().contains("UTC"));
        WebElement time = browser.find("#events tbody tr.event td.time");
        Instant published = Instant.parse(time.getAttribute("title").replace(" (UTC)", ""));
        assertEquals(SHOWN.format(published.atZone(ZoneOffset.UTC)), time.getText());
        assertFalse((Boolean) browser.script(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth"), "no horizontal scrolling");
        assertTrue(browser.find("#events tbody tr.event td.target").isDisplayed());
        browser.screenshot("utc-800px");

        browser.all("#events tbody tr.event").stream().filter(r -> r.getText().contains("update_"))
                .findFirst().orElseThrow().click();
        WebElement detail = browser.visible(".event-detail");
        assertTrue(detail.getText().contains("Lovelace"), detail.getText());
        assertFalse(horizontalScroll(), "the event detail fits 800 px");
        // with an event open the rows still span the table, and no time is cut short
        assertEquals(0L, browser.script("""
                const table = document.getElementById('events').getBoundingClientRect();
                return [...document.querySelectorAll('#events tr.event td.target')]
                  .filter((td) => Math.abs(td.getBoundingClientRect().right - table.right) > 2).length;"""));
        assertEquals(0L, browser.script("""
                return [...document.querySelectorAll('#events td.time')]
                  .filter((td) => td.scrollWidth > td.clientWidth).length;"""));
        browser.script("arguments[0].scrollIntoView()", detail);
        browser.screenshot("utc-800px-event-detail");

        detail.findElement(org.openqa.selenium.By.cssSelector(".timeline-link")).click();
        browser.await(d -> browser.find("#timeline-title").getText().contains("ada@example.com"));
        assertFalse(horizontalScroll(), "the timeline fits 800 px");
        browser.screenshot("utc-800px-timeline");
    }

    private boolean horizontalScroll() {
        return (Boolean) browser.script("return document.documentElement.scrollWidth > document.documentElement.clientWidth");
    }

    @Test
    void aRefusedTokenReplacesTheResults() {
        openSignedIn("");
        awaitRows();
        signIn("not-a-token");
        awaitProblem("not accepted");
        browser.screenshot("error-bad-token");
    }

    @Test
    void aTokenWithoutLogsReadIsToldWhichScopeItNeeds() {
        openSignedIn("");
        awaitRows();
        signIn(api.token()); // the class's provisioning token: scope scim only
        awaitProblem("logs.read");
        browser.screenshot("error-missing-scope");
    }

    @Test
    void aBadFilterIsShownUnderTheFilter() {
        openSignedIn("");
        awaitRows();
        browser.find("#filter").sendKeys("eventType eq");
        browser.find("#query button.primary").click();
        awaitProblem("filter is not valid");
        WebElement inline = browser.visible("#filter-error");
        assertTrue(inline.getText().startsWith("Invalid filter"), inline.getText());
        assertEquals("true", browser.find("#filter").getAttribute("aria-invalid"));
        browser.screenshot("error-bad-filter");
        browser.find("#filter").clear();
        browser.find("#query button.primary").click();
        awaitRows();
        assertFalse(browser.find("#filter-error").isDisplayed());
    }

    @Test
    void anUnreachableOrSlowServerOffersARetry() {
        openSignedIn("");
        awaitRows();
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        browser.driver().setNetworkConditions(offline);
        try {
            browser.find("#query button.primary").click();
            awaitProblem("cannot be reached");
            assertTrue(browser.find("#retry").isDisplayed());
            browser.screenshot("error-unreachable");
        } finally {
            browser.driver().deleteNetworkConditions();
        }
        browser.find("#retry").click();
        awaitRows();

        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setLatency(Duration.ofSeconds(12));
        browser.driver().setNetworkConditions(slow);
        try {
            browser.find("#query button.primary").click();
            awaitProblem("did not answer within 8 seconds");
            browser.screenshot("error-timeout");
        } finally {
            browser.driver().deleteNetworkConditions();
        }
        browser.find("#retry").click();
        awaitRows();
    }

    private void signIn(String token) {
        browser.find("#token").sendKeys(token);
        browser.find("#signin button").click();
    }

    /** The problem is shown in place of the results, and no row of the earlier answer is left. */
    private void awaitProblem(String text) {
        browser.await(d -> "problem".equals(browser.script("return document.body.dataset.state")));
        browser.awaitText("#problem-text", text);
        assertEquals(0, rows(), "no stale rows");
        assertFalse(browser.find("#results").isDisplayed());
        assertFalse(browser.find("#overview").isDisplayed());
    }
}
