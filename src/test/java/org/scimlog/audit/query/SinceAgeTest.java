package org.scimlog.audit.query;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Okta: "The since parameter is over 180 days prior to the current day": the bound is a UTC day. */
class SinceAgeTest {

    private static final Instant NOW = Instant.parse("2026-11-30T15:27:07.123Z");

    @Test
    void theWholeDayOneHundredEightyDaysBeforeTodayIsAccepted() {
        // 2026-11-30 minus 180 days is 2026-06-03
        assertFalse(LogQueryInterpreter.overOneHundredEightyDaysOld(Instant.parse("2026-06-03T00:00:00Z"), NOW));
        assertFalse(LogQueryInterpreter.overOneHundredEightyDaysOld(Instant.parse("2026-06-03T00:00:00Z"),
                Instant.parse("2026-11-30T23:59:59.999Z")));
        assertFalse(LogQueryInterpreter.overOneHundredEightyDaysOld(NOW.minusSeconds(60), NOW));
    }

    @Test
    void theDayBeforeThatIsRefused() {
        assertTrue(LogQueryInterpreter.overOneHundredEightyDaysOld(Instant.parse("2026-06-02T23:59:59.999Z"), NOW));
        assertTrue(LogQueryInterpreter.overOneHundredEightyDaysOld(Instant.parse("2017-05-03T16:22:18Z"), NOW));
    }
}
