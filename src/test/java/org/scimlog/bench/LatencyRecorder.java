package org.scimlog.bench;

import java.util.Arrays;

/** Latencies of one client thread (no sharing while measuring), merged at the end for percentiles. */
final class LatencyRecorder {

    private long[] nanos = new long[1 << 16];
    private int size;
    private int errors;

    void record(long elapsedNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = elapsedNanos;
    }

    void error() {
        errors++;
    }

    record Summary(String name, int requests, int errors, double seconds, double p50Millis, double p99Millis) {
        double perSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format("%-22s %9d requests %6d errors %10.0f req/s   p50 %7.2f ms   p99 %7.2f ms",
                    name, requests, errors, perSecond(), p50Millis, p99Millis);
        }
    }

    static Summary summarise(String name, double seconds, LatencyRecorder... recorders) {
        int total = 0;
        int errors = 0;
        for (LatencyRecorder r : recorders) {
            total += r.size;
            errors += r.errors;
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencyRecorder r : recorders) {
            System.arraycopy(r.nanos, 0, all, at, r.size);
            at += r.size;
        }
        Arrays.sort(all);
        return new Summary(name, total, errors, seconds, percentile(all, 0.50), percentile(all, 0.99));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1_000_000.0;
    }
}
