package org.scimlog.audit.stream;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicReference;
import org.scimlog.audit.chain.CommitOrderReader;
import org.scimlog.audit.chain.CommitOrderReader.Backlog;
import org.scimlog.database.SafeFailure;
import org.scimlog.database.SessionLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the events committed but not yet acknowledged by Kafka, from the relay's saved position, on every
 * instance alike (standbys report the same backlog as the active one). Counting is a scan of the unsent
 * events, so it runs on a timer rather than on every metrics scrape.
 */
@Singleton
@Requires(property = StreamSettingsFactory.ENABLED, notEquals = "false")
public class BacklogMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogMonitor.class);

    private final TransactionOperations<Connection> transactions;
    private final CommitOrderReader reader;
    private final SessionLimits limits;
    private final AtomicReference<Backlog> latest = new AtomicReference<>(new Backlog(0, 0));

    public BacklogMonitor(TransactionOperations<Connection> transactions, CommitOrderReader reader, SessionLimits limits) {
        this.transactions = transactions;
        this.reader = reader;
        this.limits = limits;
    }

    public Backlog latest() {
        return latest.get();
    }

    @Scheduled(fixedDelay = "${scimlog.stream.backlog-refresh:5s}", initialDelay = "1s")
    public Backlog refresh() {
        try {
            Backlog backlog = transactions.executeRead(status -> {
                limits.forBackgroundWork(status.getConnection());
                return reader.backlog(status.getConnection(), reader.position(status.getConnection(), StreamRelay.READER));
            });
            latest.set(backlog);
            return backlog;
        } catch (Exception e) { // SQLExceptions come through unchecked
            LOG.warn("could not count the System Log stream backlog: {}", SafeFailure.describe(e));
            return latest.get();
        }
    }
}
