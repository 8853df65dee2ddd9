package org.scimlog.background;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.scimlog.json.DateTimeText;

/**
 * {@code backgroundJobs} in {@code /health}: DOWN when a job's thread ended while it should be running (read
 * events would no longer be written, or the log no longer streamed: only a restart brings it back), with each
 * job's failures and the last one (type and SQLState, no values) as details. It is the one liveness check
 * ({@code /health/liveness}): a restart fixes a dead thread, never an unreachable PostgreSQL or Kafka.
 */
@Singleton
@Liveness
public class BackgroundJobsHealthIndicator implements HealthIndicator {

    private final BackgroundJobs jobs;

    public BackgroundJobsHealthIndicator(BackgroundJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        jobs.states().forEach((name, state) -> {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("running", state.running());
            job.put("failures", state.failures());
            if (state.lastFailure() != null) {
                job.put("lastFailure", state.lastFailure());
                job.put("lastFailureAt", DateTimeText.of(state.lastFailureAt()));
            }
            details.put(name, job);
        });
        HealthStatus status = jobs.anyThreadDied() ? HealthStatus.DOWN : HealthStatus.UP;
        return Publishers.just(HealthResult.builder("backgroundJobs", status).details(details).build());
    }
}
