package org.scimlog.audit.stream;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.scimlog.audit.chain.CommitOrderReader;
import org.scimlog.background.BackgroundJobs;
import org.scimlog.database.SafeFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every signed checkpoint to a topic of its own ({@code scimlog.stream.checkpoint-topic}), with the relay's
 * guarantee: the checkpoint table is the outbox (the signer writes each row in its own transaction), this job
 * reads the rows after its saved position, sends them with the same idempotent {@code acks=all} producer settings,
 * and saves the position only once Kafka acknowledged all of them. A crash re-sends, never skips; the verifier
 * takes a re-sent checkpoint as the same one. One partition keyed by tenant, so each tenant's checkpoints keep their
 * order; retention forever by default (a few bytes per event), because a checkpoint is the only thing that still
 * proves an old export intact.
 */
@Singleton
@Requires(property = StreamSettingsFactory.ENABLED, notEquals = "false")
public class CheckpointPublisher {

    public static final String READER = "checkpoint-publisher";
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointPublisher.class);
    private static final int BATCH = 500;

    private final TransactionOperations<Connection> transactions;
    private final CommitOrderReader positions;
    private final KafkaClientSettings kafka;
    private final StreamSettings settings;
    private final BackgroundJobs jobs;
    private final String topic;
    private final long retentionMs;
    private Producer<String, String> producer;
    private boolean topicReady;

    public CheckpointPublisher(TransactionOperations<Connection> transactions, CommitOrderReader positions,
                               KafkaClientSettings kafka, StreamSettings settings, BackgroundJobs jobs,
                               @Value("${scimlog.stream.checkpoint-topic:scimlog.log-checkpoints}") String topic,
                               @Value("${scimlog.stream.checkpoint-retention:-1ms}") Duration retention) {
        this.transactions = transactions;
        this.positions = positions;
        this.kafka = kafka;
        this.settings = settings;
        this.jobs = jobs;
        this.topic = topic;
        this.retentionMs = retention.isNegative() ? -1 : retention.toMillis();
    }

    public String topic() {
        return topic;
    }

    @Scheduled(fixedDelay = "${scimlog.stream.checkpoint-poll-interval:1s}", initialDelay = "1s")
    void publishContinuously() {
        jobs.runRound(READER, () -> {
            while (publishPending() == BATCH) {
                // keep going while there is a backlog
            }
        });
    }

    /** Sends the checkpoints not yet acknowledged; returns how many (0 when Kafka is away: tried again next round). */
    public synchronized int publishPending() {
        long after = transactions.executeRead(status -> positions.position(status.getConnection(), READER).seq());
        List<Row> rows = transactions.executeRead(status -> pending(status.getConnection(), after));
        if (rows.isEmpty()) {
            return 0;
        }
        try {
            ensureTopic();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (Row row : rows) {
                acks.add(producer().send(new ProducerRecord<>(topic, 0, row.tenantId(), row.body())));
            }
            producer().flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("checkpoints not sent to Kafka, tried again next round: {}", SafeFailure.describe(e));
            discardProducer();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardProducer();
            return 0;
        }
        long last = rows.get(rows.size() - 1).id();
        transactions.executeWrite(status -> {
            // GREATEST: two instances may both send a batch (duplicates are harmless); the position never goes back
            try (PreparedStatement ps = status.getConnection().prepareStatement("""
                    INSERT INTO log_reader_position (reader, last_txid, last_seq) VALUES (?, '0'::xid8, ?)
                    ON CONFLICT (reader) DO UPDATE SET last_seq = GREATEST(log_reader_position.last_seq, excluded.last_seq)""")) {
                ps.setString(1, READER);
                ps.setLong(2, last);
                ps.executeUpdate();
            }
            return null;
        });
        return rows.size();
    }

    private record Row(long id, String tenantId, String body) {
    }

    private static List<Row> pending(Connection c, long after) throws java.sql.SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, tenant_id::text, body FROM log_checkpoint WHERE id > ? ORDER BY id LIMIT " + BATCH)) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return rows;
    }

    private void ensureTopic() throws ExecutionException, InterruptedException {
        if (topicReady) {
            return;
        }
        try (Admin admin = Admin.create(kafka.admin())) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.of(settings.replicationFactor()))
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs),
                            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        topicReady = true;
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> config = kafka.producer();
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "scimlog-checkpoint-publisher");
            producer = new KafkaProducer<>(config);
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** After the signer's shutdown checkpoint (ShutdownEvent comes before beans are destroyed): send it too. */
    @PreDestroy
    synchronized void close() {
        try {
            publishPending();
        } catch (RuntimeException e) {
            LOG.warn("checkpoints not sent on shutdown, sent by the next instance: {}", SafeFailure.describe(e));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
