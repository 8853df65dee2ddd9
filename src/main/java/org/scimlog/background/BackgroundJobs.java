package org.scimlog.background;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.scimlog.database.SafeFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the background work (the read-event writer, the hash-chain sealer, the keyword index merge, the
 * retention job, the stream relay and its backlog count) so that no failure ends it silently. A round of a
 * job that throws anything, checked exceptions and Errors included, is logged (without SQL or values, see
 * {@link SafeFailure}) and counted, and the job runs again. A job on a thread of its own that ends anyway
 * while it should be running is reported: {@code scimlog_background_job_running} drops to 0 and
 * {@code backgroundJobs} in {@code /health} turns DOWN.
 */
@Singleton
public class BackgroundJobs {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);

    /** One unit of work that may fail in any way. */
    @FunctionalInterface
    public interface Round {
        void run() throws Exception;
    }

    /** What a job's state is, for health and metrics. */
    public record JobState(boolean running, long failures, String lastFailure, Instant lastFailureAt) {
    }

    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Job> jobs = new ConcurrentSkipListMap<>();

    public BackgroundJobs(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Runs one round of a scheduled job; a failure is logged and counted, and returns false. The scheduler
     * runs the next round as usual.
     */
    public boolean runRound(String job, Round round) {
        Job state = job(job);
        try {
            round.run();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Throwable e) {
            state.failed(e);
            return false;
        }
    }

    /**
     * Starts {@code loop} on a daemon thread of its own. The loop is expected to run until it is told to stop;
     * if it returns or throws before {@link #stopped(String)} was called, the job is reported as not running.
     */
    public Thread startThread(String job, Runnable loop) {
        Job state = job(job);
        state.threaded = true;
        state.running = true;
        state.stopRequested = false;
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable e) {
                state.failed(e);
            } finally {
                state.running = false;
                if (!state.stopRequested) {
                    LOG.error("background job {} ended while it should be running; restart this instance", job);
                }
            }
        }, job);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Tells that the thread of {@code job} is ending on purpose (shutdown): its end is no failure. */
    public void stopped(String job) {
        job(job).stopRequested = true;
    }

    /** Counts and logs a failure a job survived (it caught the failure itself and carries on). */
    public void survived(String job, Throwable failure) {
        job(job).failed(failure);
    }

    /** Every job's state, by name. */
    public Map<String, JobState> states() {
        Map<String, JobState> states = new ConcurrentSkipListMap<>();
        jobs.forEach((name, job) -> states.put(name, job.state()));
        return states;
    }

    public boolean anyThreadDied() {
        return jobs.values().stream().anyMatch(job -> job.threaded && !job.running && !job.stopRequested);
    }

    private Job job(String name) {
        return jobs.computeIfAbsent(name, n -> new Job(n, registry));
    }

    private final class Job {
        private final String name;
        private final Counter failures;
        private volatile boolean threaded;
        private volatile boolean running;
        private volatile boolean stopRequested;
        private volatile String lastFailure;
        private volatile Instant lastFailureAt;

        Job(String name, MeterRegistry registry) {
            this.name = name;
            this.failures = Counter.builder("scimlog.background.job.failures").tag("task", name)
                    .description("Rounds of a background job that failed (the job carried on)")
                    .register(registry);
            Gauge.builder("scimlog.background.job.running", this, j -> !j.threaded || j.running || j.stopRequested ? 1 : 0)
                    .tag("task", name)
                    .description("1 while a background job runs as it should; 0 if its thread ended unexpectedly")
                    .register(registry);
        }

        void failed(Throwable e) {
            failures.increment();
            lastFailure = SafeFailure.describe(e);
            lastFailureAt = clock.instant();
            LOG.warn("background job {} failed; it carries on: {}", name, lastFailure);
        }

        JobState state() {
            return new JobState(!threaded || running || stopRequested, (long) failures.count(), lastFailure, lastFailureAt);
        }
    }
}
