package org.scimlog.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.scimlog.launch.LocalKafka;
import org.scimlog.support.Api;
import org.scimlog.support.StreamProperties;
import org.scimlog.support.TestKafka;

/**
 * What one fault test runs against: a PostgreSQL and a Kafka broker of its own (both stoppable), a topic, one
 * tenant with a token for SCIM and the log, and the scimlog processes started on them. The Kafka producer is
 * configured to give up on a delivery within seconds, so a broker outage outlasts it quickly.
 */
final class FaultStack implements AutoCloseable {

    static final int DELIVERY_TIMEOUT_MS = 4000;

    private final RestartablePostgres postgres = RestartablePostgres.start();
    private final LocalKafka kafka = TestKafka.own();
    private final String topic = TestKafka.uniqueTopic();
    private final List<ServerProcess> servers = new ArrayList<>();
    private final String token;
    private final UUID tenantId;

    FaultStack() {
        String tenant = "fault-" + UUID.randomUUID().toString().substring(0, 8);
        String output = ServerProcess.command(serverProperties(), "tenant", "create", tenant, "--scopes", "scim,logs.read");
        token = output.lines().filter(l -> l.startsWith("SCIM_TOKEN=")).map(l -> l.substring("SCIM_TOKEN=".length()))
                .findFirst().orElseThrow(() -> new AssertionError("no token in:\n" + output));
        tenantId = tenantId(tenant);
    }

    Map<String, String> serverProperties() {
        Map<String, String> p = new HashMap<>(StreamProperties.of(kafka.bootstrapServers(), topic));
        p.put("datasources.default.url", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres");
        p.put("datasources.default.username", "postgres");
        p.put("datasources.default.password", "");
        p.put("datasources.default.maximum-pool-size", "10");
        p.put("datasources.default.minimum-idle", "2");
        p.put("scimlog.health.details", "anonymous");
        // handed to the producer as is: notice an outage in seconds rather than the default two minutes
        p.put("scimlog.stream.kafka.request.timeout.ms", "2000");
        p.put("scimlog.stream.kafka.delivery.timeout.ms", Integer.toString(DELIVERY_TIMEOUT_MS));
        p.put("scimlog.stream.kafka.max.block.ms", "3000");
        p.put("scimlog.stream.kafka.default.api.timeout.ms", "3000");
        return p;
    }

    /** Starts one more scimlog process on this stack and waits until it answers (several threads may start them at once). */
    ServerProcess startServer(String name) {
        ServerProcess server = ServerProcess.start(name, serverProperties());
        synchronized (servers) {
            servers.add(server);
        }
        return server;
    }

    RestartablePostgres postgres() {
        return postgres;
    }

    LocalKafka kafka() {
        return kafka;
    }

    String topic() {
        return topic;
    }

    String token() {
        return token;
    }

    UUID tenantId() {
        return tenantId;
    }

    /** {@code systemLogStream} of an instance's {@code /health}, or a missing node when it does not answer. */
    JsonNode streamHealth(ServerProcess server) {
        try {
            return new Api(server.baseUrl(), null).get("/health").json().at("/details/systemLogStream/details");
        } catch (RuntimeException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private UUID tenantId(String name) {
        try (Connection c = postgres.connect(); PreparedStatement ps = c.prepareStatement("SELECT id FROM tenant WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        synchronized (servers) {
            servers.forEach(ServerProcess::close);
        }
        kafka.close();
        postgres.close();
    }
}
