package org.scimlog.fault;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition the product promises, checked every 200 ms, up to a generous deadline: the tests must
 * pass on a machine whose cores are all busy, so the deadline is a bound on a hang, never the synchronisation.
 */
final class Await {

    private Await() {
    }

    static void until(String what, Duration deadline, BooleanSupplier condition) {
        org.scimlog.support.Await.until(what, deadline, condition);
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
