package org.scimlog.audit.chain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicReference;
import org.scimlog.audit.chain.CommitOrderReader.Backlog;
import org.scimlog.database.SafeFailure;
import org.scimlog.database.SessionLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the hash-chain sealer is behind the committed log, as {@code scimlog_chain_sealer_lag_events} and
 * {@code scimlog_chain_sealer_lag_seconds} (age of the oldest unsealed event). An unsealed event is not yet
 * tamper-evident, and retention holds its day; the sealer normally trails by one round (500 ms). Counted on a
 * timer from the sealer's saved position, the same on every instance, so a scrape never runs a query.
 */
@Singleton
public class SealerLag {

    private static final Logger LOG = LoggerFactory.getLogger(SealerLag.class);

    private final TransactionOperations<Connection> transactions;
    private final CommitOrderReader reader;
    private final SessionLimits limits;
    private final AtomicReference<Backlog> latest = new AtomicReference<>(new Backlog(0, 0));

    public SealerLag(TransactionOperations<Connection> transactions, CommitOrderReader reader, SessionLimits limits,
                     MeterRegistry registry) {
        this.transactions = transactions;
        this.reader = reader;
        this.limits = limits;
        Gauge.builder("scimlog.chain.sealer.lag.events", latest, l -> l.get().events())
                .description("Committed System Log events the hash-chain sealer has not sealed yet")
                .register(registry);
        Gauge.builder("scimlog.chain.sealer.lag", latest, l -> l.get().oldestAgeMillis() / 1000.0)
                .baseUnit("seconds")
                .description("Age of the oldest committed System Log event not sealed yet (0 when none)")
                .register(registry);
    }

    public Backlog latest() {
        return latest.get();
    }

    @Scheduled(fixedDelay = "${scimlog.log.seal-lag-refresh:5s}", initialDelay = "1s")
    public Backlog refresh() {
        try {
            Backlog backlog = transactions.executeRead(status -> {
                limits.forBackgroundWork(status.getConnection());
                return reader.backlog(status.getConnection(), reader.position(status.getConnection(), ChainSealer.READER));
            });
            latest.set(backlog);
            return backlog;
        } catch (Exception e) { // SQLExceptions come through unchecked
            LOG.warn("could not count the events the sealer has not sealed: {}", SafeFailure.describe(e));
            return latest.get();
        }
    }
}
