package org.scimlog.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one) running inside this JVM, from
 * the {@code kafka_2.13} jar on Maven Central: for {@code dev} and for the tests, never for production. Its
 * data stays in the given folder, so it can be stopped and started again with every record kept, as a
 * broker outage would.
 */
public final class LocalKafka implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private final KafkaConfig config;
    private KafkaRaftServer server;

    private LocalKafka(Path dataDirectory, int port, KafkaConfig config) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.config = config;
    }

    /** Formats {@code dataDirectory} on first use and starts the broker on {@code port} (0: any free port). */
    public static LocalKafka start(Path dataDirectory, int port) {
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = port == 0 ? freePort() : port + 1;
        Path logs = dataDirectory.toAbsolutePath().resolve("logs");
        Properties properties = properties(logs, brokerPort, controllerPort);
        try {
            Files.createDirectories(logs);
            if (!Files.exists(logs.resolve("meta.properties"))) {
                format(dataDirectory, properties);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Kafka's data in " + dataDirectory, e);
        }
        LocalKafka kafka = new LocalKafka(dataDirectory, brokerPort, KafkaConfig.fromProps(properties, false));
        kafka.start();
        return kafka;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Starts the broker again after {@link #stop()}, on the same port and data. */
    public synchronized void start() {
        if (server == null) {
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
        }
    }

    /** Stops the broker the way an outage would look to clients: connections refused until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static Properties properties(Path logs, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logs.toString());
        // one broker: every internal topic must make do with one replica
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.partitions", "1");
        return p;
    }

    private static void format(Path dataDirectory, Properties properties) throws IOException {
        Path file = dataDirectory.toAbsolutePath().resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "scimlog local Kafka");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("formatting Kafka's storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for Kafka", e);
        }
    }
}
