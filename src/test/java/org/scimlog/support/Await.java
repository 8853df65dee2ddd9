package org.scimlog.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition the product promises, up to a bounded deadline; never a fixed sleep. */
public final class Await {

    private Await() {
    }

    public static boolean until(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** Waits until {@code condition} holds; fails, naming {@code what}, if it does not within {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        if (!until(limit, condition)) {
            throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting until " + what);
        }
    }
}
