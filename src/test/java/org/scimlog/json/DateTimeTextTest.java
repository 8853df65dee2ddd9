package org.scimlog.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateTimeTextTest {

    @Test
    void aWholeSecondKeepsThreeZeroDigitsAsOktaWritesIt() {
        assertEquals("2026-11-30T15:27:07.000Z", DateTimeText.of(Instant.parse("2026-11-30T15:27:07Z")));
    }

    @Test
    void millisecondsAreWrittenAsTheyAre() {
        assertEquals("2024-08-13T15:58:20.353Z", DateTimeText.of(Instant.parse("2024-08-13T15:58:20.353Z")));
        assertEquals("2024-08-13T15:58:20.350Z", DateTimeText.of(Instant.parse("2024-08-13T15:58:20.35Z")));
    }

    @Test
    void finerDigitsAreTruncatedNeverRoundedIntoTheNextSecond() {
        assertEquals("2026-11-30T23:59:59.999Z", DateTimeText.of(Instant.parse("2026-11-30T23:59:59.999999Z")));
    }

    @Test
    void midnightTheInstantRetentionWritesMostOften() {
        assertEquals("2026-12-01T00:00:00.000Z", DateTimeText.of(Instant.parse("2026-12-01T00:00:00Z")));
    }
}
