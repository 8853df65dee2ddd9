package org.scimlog.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.scimlog.audit.chain.Checkpoint;
import org.scimlog.audit.chain.CheckpointKeys;
import org.scimlog.audit.chain.ExportLines;
import org.scimlog.audit.chain.ExportedEvent;
import org.scimlog.audit.chain.OfflineVerification;
import org.scimlog.audit.chain.OfflineVerifier;
import org.scimlog.audit.stream.StreamRecords;
import org.scimlog.audit.stream.TopicSnapshot;
import org.scimlog.json.JsonbText;

/**
 * {@code log verify --events <file|kafka://servers/topic> --checkpoints <file|kafka://servers/topic>
 * --public-key <file> [--tenant <id>] [--skip-through <chainSeq>] [--kafka-config <properties file>]}: the offline
 * verifier. No database, no server configuration: the events and checkpoints come from files or Kafka, and the
 * public key is all that is trusted. Prints the result as JSON; exits 0 when intact, 1 when broken or a checkpoint
 * is refused, 2 on bad usage or unreadable input.
 */
final class OfflineVerifyCommand {

    static final String USAGE = "scimlog log verify --events <NDJSON file | kafka://host:port/topic> "
            + "--checkpoints <file | kafka://host:port/topic> --public-key <PEM file> [--tenant <id>] "
            + "[--skip-through <chainSeq>] [--kafka-config <consumer properties file>]";
    private static final String KAFKA = "kafka://";
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(60);

    private OfflineVerifyCommand() {
    }

    static int run(String[] args, Console console) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length || !List.of("--events", "--checkpoints", "--public-key", "--tenant",
                    "--skip-through", "--kafka-config").contains(args[i])) {
                console.error("usage: " + USAGE);
                return 2;
            }
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--events") || !options.containsKey("--checkpoints") || !options.containsKey("--public-key")) {
            console.error("usage: " + USAGE);
            return 2;
        }
        try {
            PublicKey key = CheckpointKeys.publicKey(Files.readString(Path.of(options.get("--public-key"))));
            Properties kafka = kafkaSettings(options.get("--kafka-config"));
            long skipThrough = Long.parseLong(options.getOrDefault("--skip-through", "0"));
            List<Checkpoint> checkpoints = checkpoints(options.get("--checkpoints"), kafka);
            List<ExportedEvent> events = events(options.get("--events"), kafka);
            if (options.containsKey("--tenant")) {
                UUID tenant = UUID.fromString(options.get("--tenant"));
                checkpoints = checkpoints.stream().filter(c -> c.tenantId().equals(tenant)).toList();
            }
            if (checkpoints.isEmpty()) {
                console.error("error: no checkpoints found: nothing can be proven");
                return 2;
            }
            OfflineVerification result = OfflineVerifier.verify(checkpoints, events, key, skipThrough);
            console.line(result.toJson());
            return result.intact() ? 0 : 1;
        } catch (IOException e) {
            console.error("error: cannot read " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException | IllegalStateException e) {
            console.error("error: " + e.getMessage());
            return 2;
        } catch (org.apache.kafka.common.KafkaException e) {
            console.error("error: Kafka: " + e.getClass().getSimpleName());
            return 2;
        }
    }

    private static List<Checkpoint> checkpoints(String source, Properties kafka) throws IOException {
        if (!source.startsWith(KAFKA)) {
            return ExportLines.checkpoints(Files.readAllLines(Path.of(source), StandardCharsets.UTF_8), source);
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (ConsumerRecord<String, String> r : topic(source, kafka)) {
            checkpoints.add(ExportLines.checkpoint(r.value(), where(r)));
        }
        return checkpoints;
    }

    private static List<ExportedEvent> events(String source, Properties kafka) throws IOException {
        List<ExportedEvent> events = new ArrayList<>();
        if (!source.startsWith(KAFKA)) {
            List<String> lines = Files.readAllLines(Path.of(source), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    events.add(ExportLines.event(lines.get(i), "line " + (i + 1)));
                }
            }
            return events;
        }
        for (ConsumerRecord<String, String> r : topic(source, kafka)) {
            String tenant = header(r, StreamRecords.TENANT_HEADER);
            String uuid = header(r, StreamRecords.UUID_HEADER);
            String txid = header(r, StreamRecords.TXID_HEADER);
            String seq = header(r, StreamRecords.SEQ_HEADER);
            if (tenant == null || uuid == null || txid == null || seq == null) {
                throw new IllegalArgumentException(where(r) + ": a record without the tenantId, uuid, txid and seq "
                        + "headers (sent by a scimlog older than the checkpoints?)");
            }
            String body;
            try {
                body = JsonbText.of(JsonbText.read(r.value()));
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new IllegalArgumentException(where(r) + ": the value is not JSON");
            }
            events.add(new ExportedEvent(UUID.fromString(tenant), UUID.fromString(uuid), Long.parseLong(txid),
                    Long.parseLong(seq), body, where(r)));
        }
        return events;
    }

    private static List<ConsumerRecord<String, String>> topic(String source, Properties kafka) {
        String rest = source.substring(KAFKA.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("a Kafka source is kafka://host:port[,host:port]/topic");
        }
        return TopicSnapshot.read(rest.substring(0, slash), rest.substring(slash + 1), kafka, KAFKA_TIMEOUT);
    }

    private static Properties kafkaSettings(String file) throws IOException {
        Properties properties = new Properties();
        if (file != null) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                properties.load(in);
            }
        }
        return properties;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String where(ConsumerRecord<String, String> r) {
        return r.topic() + " partition " + r.partition() + " offset " + r.offset();
    }
}
