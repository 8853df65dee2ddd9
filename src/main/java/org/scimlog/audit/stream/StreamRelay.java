package org.scimlog.audit.stream;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.ApplicationStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.scimlog.audit.chain.CommitOrderReader;
import org.scimlog.audit.chain.CommitOrderReader.Position;
import org.scimlog.audit.chain.CommittedEvent;
import org.scimlog.audit.retention.HoldingReader;
import org.scimlog.background.BackgroundJobs;
import org.scimlog.database.SafeFailure;
import org.scimlog.database.SessionLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the System Log to Kafka (the relay of the transactional outbox): reads committed events in commit
 * order, publishes a batch, waits until Kafka acknowledged all of it, and only then saves its position.
 * A crash anywhere in between re-sends from the saved position: at least once, never a gap. Kafka being
 * down stops nothing but this loop: writes keep committing their events, which wait here as a backlog.
 */
@Singleton
@Requires(property = StreamSettingsFactory.ENABLED, notEquals = "false")
public class StreamRelay implements ApplicationEventListener<ApplicationStartupEvent>, HoldingReader {

    /** This relay's name in log_reader_position, beside the hash-chain sealer's. */
    public static final String READER = "kafka-relay";
    private static final String JOB = "system-log-relay";

    private static final Logger LOG = LoggerFactory.getLogger(StreamRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** While idle, how often Kafka is contacted anyway, so health notices an outage before the next event. */
    private static final Duration IDLE_CHECK = Duration.ofSeconds(15);

    private final DataSource dataSource;
    private final CommitOrderReader reader;
    private final EventPublisher publisher;
    private final TopicProvisioner topics;
    private final StreamSettings settings;
    private final KafkaClientSettings kafka;
    private final StreamStatus status;
    private final StreamMetrics metrics;
    private final AcknowledgedBatchHook hook;
    private final BackgroundJobs jobs;
    private final SessionLimits limits;

    private volatile boolean running;
    private Thread thread;

    public StreamRelay(DataSource dataSource, CommitOrderReader reader, EventPublisher publisher, TopicProvisioner topics,
                       StreamSettings settings, KafkaClientSettings kafka, StreamStatus status, StreamMetrics metrics,
                       @Nullable AcknowledgedBatchHook hook, BackgroundJobs jobs,
                       SessionLimits limits) {
        this.dataSource = dataSource;
        this.reader = reader;
        this.publisher = publisher;
        this.topics = topics;
        this.settings = settings;
        this.kafka = kafka;
        this.status = status;
        this.metrics = metrics;
        this.hook = hook == null ? batch -> { } : hook;
        this.jobs = jobs;
        this.limits = limits;
    }

    @Override
    public String readerName() {
        return READER;
    }

    @Override
    public String eventsBehindName() {
        return "unstreamedEvents";
    }

    @Override
    public void onApplicationEvent(ApplicationStartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = jobs.startThread(JOB, this::relay);
    }

    @PreDestroy
    public synchronized void stop() {
        running = false;
        jobs.stopped(JOB);
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    private void relay() {
        LOG.info("System Log relay started: topic {}, Kafka {}", settings.topic(), kafka.describe());
        if (!kafka.ignored().isEmpty()) {
            LOG.warn("ignored scimlog.stream.kafka settings that no Kafka client knows: {}", kafka.ignored());
        }
        RelayLease lease = null;
        Position position = null;
        Instant kafkaCheckedAt = Instant.MIN;
        int failures = 0;
        while (running) {
            try {
                if (lease == null) {
                    Optional<RelayLease> acquired = RelayLease.tryAcquire(dataSource);
                    if (acquired.isEmpty()) {
                        status.role(RelayRole.STANDBY);
                        pause(settings.takeoverInterval());
                        continue;
                    }
                    lease = acquired.get();
                    limits.forBackgroundWork(lease.connection());
                    position = reader.position(lease.connection(), READER);
                    status.role(RelayRole.ACTIVE);
                    kafkaCheckedAt = Instant.MIN;
                    LOG.info("this instance is the active System Log relay, continuing after txid {} seq {}",
                            position.txid(), position.seq());
                }
                if (kafkaCheckedAt.isBefore(Instant.now().minus(IDLE_CHECK))) {
                    status.topic(topics.ensureTopic());
                    kafkaCheckedAt = Instant.now();
                }
                long cycleStart = System.nanoTime();
                List<CommittedEvent> batch = reader.next(lease.connection(), position, settings.batchSize());
                if (batch.isEmpty()) {
                    pause(settings.pollInterval());
                    continue;
                }
                publisher.publish(batch);
                hook.acknowledged(batch);
                CommittedEvent last = batch.get(batch.size() - 1);
                Position sent = new Position(last.txid(), last.seq());
                reader.save(lease.connection(), READER, sent);
                position = sent;
                kafkaCheckedAt = Instant.now();
                metrics.published(batch.size());
                if (!status.snapshot().kafkaReachable()) {
                    LOG.info("Kafka is reachable again; the System Log backlog is draining");
                }
                status.published();
                failures = 0;
                if (batch.size() < settings.batchSize()) {
                    // caught up: start the next round one poll interval after this one started, so a steady
                    // trickle of writes goes out in batches of an interval's worth rather than one small
                    // batch (and one acknowledgement) at a time, and a slow round adds no wait of its own
                    pause(settings.pollInterval().minusNanos(System.nanoTime() - cycleStart));
                }
            } catch (KafkaUnavailableException e) {
                if (status.snapshot().kafkaReachable()) {
                    LOG.warn("Kafka unavailable; System Log events wait in PostgreSQL and will be sent when it is back: {}",
                            e.getMessage());
                }
                status.kafkaUnavailable(e.getMessage());
                metrics.kafkaUnavailable();
                pause(backoff(++failures));
            } catch (Throwable e) { // anything: SQLExceptions also come through unchecked, and the loop must live on
                String failure = SafeFailure.describe(e);
                LOG.warn("System Log relay failed; it resumes from its saved position: {}", failure);
                status.failed(failure);
                metrics.relayFailed();
                close(lease);
                lease = null;
                status.role(RelayRole.STARTING);
                pause(backoff(++failures));
            }
        }
        close(lease);
        status.role(RelayRole.STOPPED);
    }

    private Duration backoff(int failures) {
        Duration delay = settings.pollInterval().multipliedBy(1L << Math.min(failures, 6));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private void pause(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            // stop() interrupts to end a pause early; the loop then sees running == false
        }
    }

    private void close(RelayLease lease) {
        if (lease != null) {
            try {
                limits.restore(lease.connection());
            } catch (Exception e) {
                // a broken session: the pool discards it, and its settings with it
            }
            lease.close();
        }
    }
}
