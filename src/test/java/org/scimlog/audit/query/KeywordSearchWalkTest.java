package org.scimlog.audit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** How far a q search walks the log before it asks the keyword index, for words of each frequency. */
class KeywordSearchWalkTest {

    private static final int PAGE = 101;

    @Test
    void aWordOnOneEventInThirtyIsWalkedOnceMoreFarEnoughToFillThePage() {
        int first = KeywordSearch.walkBudget(PAGE);
        // 2,020 events walked, 60 matches: a page of 101 needs about 3,400 events, walked with a margin
        OptionalInt longer = KeywordSearch.longerWalk(first, 60, PAGE);
        assertTrue(longer.isPresent());
        assertEquals(4_251, longer.getAsInt());
        assertTrue(longer.getAsInt() * 60.0 / first >= PAGE, "the longer walk meets the page at the frequency seen");
    }

    @Test
    void aWordTooRareToFillThePageWithinTwentyThousandEventsGoesToTheIndex() {
        // one in 250 (a client's IP address at ten million events): 8 in 2,020, a page needs ~32,000 events
        assertEquals(OptionalInt.empty(), KeywordSearch.longerWalk(KeywordSearch.walkBudget(PAGE), 8, PAGE));
    }

    @Test
    void noSecondWalkForAWordTheWalkNeverMetNorForAFullPage() {
        assertEquals(OptionalInt.empty(), KeywordSearch.longerWalk(2_020, 0, PAGE));
        assertEquals(OptionalInt.empty(), KeywordSearch.longerWalk(2_020, PAGE, PAGE));
    }
}
