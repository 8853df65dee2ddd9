package org.scimlog.audit.retention;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.scimlog.json.DateTimeText;

/**
 * {@code systemLogRetention} in {@code /health}: DEGRADED (still in service) while a day past retention is
 * held for a reader; the details say which days, for which readers, since when and until when. Reflects the
 * last retention run (hourly), so a hold shows up to an hour after the reader caught up.
 */
@Singleton
public class RetentionHealthIndicator implements HealthIndicator {

    static final String NAME = "systemLogRetention";
    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "works, but System Log days past retention are kept for a reader that has not passed them", true, 500);

    private final LogRetention retention;

    public RetentionHealthIndicator(LogRetention retention) {
        this.retention = retention;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        List<RetentionHold> holds = retention.holds();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("retentionDays", retention.retentionDays());
        details.put("hardLimitDays", retention.hardLimitDays());
        details.put("heldPartitions", holds.stream().map(hold -> {
            Map<String, Object> held = new LinkedHashMap<>();
            held.put("day", hold.day().toString());
            held.put("partition", hold.partition());
            held.put("heldBy", hold.heldBy());
            held.put("heldSince", DateTimeText.of(hold.heldSince()));
            held.put("droppedAnywayFrom", DateTimeText.of(hold.forcedFrom()));
            return held;
        }).toList());
        return Publishers.just(HealthResult.builder(NAME, holds.isEmpty() ? HealthStatus.UP : DEGRADED).details(details).build());
    }
}
