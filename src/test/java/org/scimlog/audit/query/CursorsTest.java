package org.scimlog.audit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorsTest {

    @Test
    void everyCursorSurvivesTheRoundTrip() {
        Instant published = Instant.parse("2024-05-01T12:00:00.123456Z");
        for (Cursor cursor : new Cursor[] {new Cursor.PollingPosition(742, 9), new Cursor.PollingStart(published),
                new Cursor.BoundedPosition(published, UUID.randomUUID())}) {
            String encoded = cursor.encode();
            assertTrue(encoded.matches("[A-Za-z0-9_-]+"), "URL-safe without padding: " + encoded);
            assertEquals(cursor, Cursors.decode(encoded));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"p1:1", "p1:1:2:3", "p1:-1:2", "p1:1:99999999999999999999", "p2:1:2", "p1:since:x",
            "b1:1:not-a-uuid", "b1:1:00000000-0000-0000-0000-00000000000G", "b1:1:0-0-0-0-0", " p1:1:2", "P1:1:2",
            "b1:1:AAAAAAAA-0000-0000-0000-000000000000", "\u0000"})
    void textThatIsNotACursorIsRefused(String text) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        LogQueryException refused = assertThrows(LogQueryException.class, () -> Cursors.decode(encoded));
        assertEquals(OktaError.INVALID_PARAMETER, refused.error());
        assertFalse(refused.causes().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "a+b/c=", "cDE6MTox===="})
    void stringsThatAreNotBase64urlAreRefused(String encoded) {
        assertThrows(LogQueryException.class, () -> Cursors.decode(encoded));
    }

    @Test
    void overlongCursorsAreRefusedBeforeDecoding() {
        assertThrows(LogQueryException.class, () -> Cursors.decode("A".repeat(201)));
    }
}
