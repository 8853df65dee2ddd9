package org.scimlog.database;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.reactivestreams.Publisher;

/**
 * {@code database} in {@code /health}: DOWN when PostgreSQL does not answer a validity check within
 * {@value #LIMIT_MILLIS} ms. The framework's own JDBC check waits as long as the pool does for a connection,
 * so while PostgreSQL was away {@code /health} itself hung; this one answers in bounded time, and at most one
 * check runs at a time (a slow database does not pile up probes).
 */
@Singleton
public class DatabaseHealthIndicator implements HealthIndicator {

    static final long LIMIT_MILLIS = 1500;

    private final DataSource dataSource;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "database-health");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CompletableFuture<Boolean> running;

    public DatabaseHealthIndicator(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        long start = System.nanoTime();
        HealthStatus status;
        try {
            status = check().get(LIMIT_MILLIS, TimeUnit.MILLISECONDS) ? HealthStatus.UP : HealthStatus.DOWN;
        } catch (TimeoutException e) {
            status = HealthStatus.DOWN;
            details.put("error", "no answer within " + Duration.ofMillis(LIMIT_MILLIS).toMillis() + " ms");
        } catch (Exception e) {
            status = HealthStatus.DOWN;
            details.put("error", SafeFailure.describe(e.getCause() == null ? e : e.getCause()));
        }
        details.put("checkMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return Publishers.just(HealthResult.builder("database", status).details(details).build());
    }

    private synchronized CompletableFuture<Boolean> check() {
        if (running == null || running.isDone()) {
            running = CompletableFuture.supplyAsync(() -> {
                try (Connection c = dataSource.getConnection()) {
                    return c.isValid(1);
                } catch (Exception e) {
                    throw new IllegalStateException(SafeFailure.describe(e));
                }
            }, checker);
        }
        return running;
    }
}
