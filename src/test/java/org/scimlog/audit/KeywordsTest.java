package org.scimlog.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeywordsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Set<String> keywordsOf(String json) throws Exception {
        return Keywords.of((ObjectNode) MAPPER.readTree(json));
    }

    @Test
    void everyStringValueAtAnyDepthIsAKeywordLowerCased() throws Exception {
        Set<String> words = keywordsOf("""
                {"eventType":"user.lifecycle.create","displayMessage":"Create Okta user",
                 "target":[{"alternateId":"Ada.Lovelace@Example.com","changeDetails":{"to":{"title":"Countess"}}}],
                 "outcome":{"result":"SUCCESS","reason":null},"severity":"INFO","version":"0"}""");
        assertTrue(words.containsAll(Set.of("user.lifecycle.create", "create okta user", "ada.lovelace@example.com",
                "countess", "success", "info", "0")), words.toString());
    }

    @Test
    void hyphenatedValuesAlsoGiveEachPart() throws Exception {
        Set<String> words = keywordsOf("""
                {"transaction":{"id":"XOxBw-2JIRnCFd0gG0GjHAAABjY"},
                 "target":[{"id":"6f1c2a5e-0b7d-4c53-9f0e-3c2b1a0d9e8f"}]}""");
        assertTrue(words.containsAll(Set.of("xoxbw-2jirncfd0gg0gjhaaabjy", "xoxbw", "2jirncfd0gg0gjhaaabjy",
                "6f1c2a5e-0b7d-4c53-9f0e-3c2b1a0d9e8f")), words.toString());
        assertFalse(words.contains(""), "a leading or doubled hyphen gives no empty keyword");
    }

    @Test
    void valuesAreAlsoSplitAtSpacesSoAPersonIsFoundByEitherName() throws Exception {
        Set<String> words = keywordsOf("""
                {"target":[{"displayName":"Ada  Lovelace","alternateId":"Mary-Jane Watson\\tParker"}]}""");
        assertTrue(words.containsAll(Set.of("ada  lovelace", "ada", "lovelace", "mary-jane watson\tparker", "mary",
                "jane", "watson", "parker")), words.toString());
        assertFalse(words.contains("") || words.contains(" "), "doubled separators give no empty keyword");
    }

    @Test
    void aPartLongerThanAQueryKeywordIsNotStoredButItsValueIs() throws Exception {
        String longPart = "x".repeat(41);
        Set<String> words = keywordsOf("{\"displayMessage\":\"short " + longPart + "\"}");
        assertEquals(Set.of("short " + longPart, "short"), words);
    }

    @Test
    void aUuidIsOneKeywordNotFiveFragments() throws Exception {
        Set<String> words = keywordsOf("{\"target\":[{\"id\":\"6F1C2A5E-0B7D-4C53-9F0E-3C2B1A0D9E8F\","
                + "\"alternateId\":\"ada-lovelace@example.com\"}]}");
        assertTrue(words.contains("6f1c2a5e-0b7d-4c53-9f0e-3c2b1a0d9e8f"), words.toString());
        assertFalse(words.contains("6f1c2a5e") || words.contains("0b7d") || words.contains("3c2b1a0d9e8f"), words.toString());
        assertTrue(words.containsAll(Set.of("ada", "lovelace@example.com")), "other hyphenated values are still split");
    }

    @Test
    void aSearchFilterGivesTheValuesItComparesNotPiecesOfItsExpression() throws Exception {
        Set<String> words = keywordsOf("""
                {"debugContext":{"debugData":{"filter":"userName eq \\"ada-lovelace@example.com\\"",
                 "filterValues":["ada-lovelace@example.com"]}}}""");
        assertEquals(Set.of("ada-lovelace@example.com", "ada", "lovelace@example.com"), words);
    }

    @Test
    void anAttributeThatHappensToBeCalledFilterStillCounts() throws Exception {
        Set<String> words = keywordsOf("""
                {"target":[{"changeDetails":{"to":{"filter":"Spam-Rules"}}}]}""");
        assertEquals(Set.of("spam-rules", "spam", "rules"), words);
    }

    @Test
    void theEventsOwnUuidAndPublishedTimeAreNotKeywords() throws Exception {
        Set<String> words = keywordsOf("""
                {"uuid":"1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6","published":"2026-11-25T10:00:00.000Z",
                 "debugContext":{"debugData":{"requestUri":"/scim/v2/Users"}}}""");
        assertFalse(words.stream().anyMatch(w -> w.contains("1e2d3c4b") || w.contains("2026")), words.toString());
        assertTrue(words.contains("/scim/v2/users"));
    }

    @Test
    void theSameValuesElsewhereInTheEventStillCount() throws Exception {
        Set<String> words = keywordsOf("""
                {"uuid":"1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6",
                 "target":[{"id":"1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6","displayName":"published"}]}""");
        assertTrue(words.containsAll(Set.of("1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6", "published")), words.toString());
    }
}
