package org.scimlog.audit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.StreamProperties;
import org.scimlog.support.TestDatabase;
import org.scimlog.support.TestKafka;
import org.scimlog.support.TopicRecords;

/** Two server instances with the stream on, sharing one database: one relays, the other takes over when it stops. */
@MicronautTest(transactional = false)
class RelayTakeoverTest extends ScimServerTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private final String topic = TestKafka.uniqueTopic();
    private final List<ApplicationContext> instances = new ArrayList<>();

    private ApplicationContext startInstance() {
        Map<String, Object> p = new HashMap<>(StreamProperties.of(TestKafka.shared().bootstrapServers(), topic));
        p.put("datasources.default.url", TestDatabase.jdbcUrl());
        p.put("datasources.default.username", "postgres");
        p.put("datasources.default.password", "");
        p.put("datasources.default.maximum-pool-size", "4");
        p.put("datasources.default.minimum-idle", "1");
        p.put("micronaut.server.port", "-1");
        ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, p).getApplicationContext();
        instances.add(context);
        return context;
    }

    @AfterAll
    void stopInstances() {
        instances.stream().filter(ApplicationContext::isRunning).forEach(ApplicationContext::close);
    }

    private static RelayRole role(ApplicationContext instance) {
        return instance.getBean(StreamStatus.class).snapshot().role();
    }

    private static void await(String what, BooleanSupplier condition) {
        RelayProgress.await(what, condition);
    }

    private void createUsers(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            assertEquals(201, api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", prefix + i + "@example.com")).status());
        }
    }

    @Test
    void oneInstanceRelaysAndTheOtherTakesOverWhenItStops() {
        ApplicationContext a = startInstance();
        ApplicationContext b = startInstance();
        await("one instance is active and the other standing by", () ->
                List.of(role(a), role(b)).containsAll(List.of(RelayRole.ACTIVE, RelayRole.STANDBY)));
        createUsers("before", 5);
        ApplicationContext active = role(a) == RelayRole.ACTIVE ? a : b;
        ApplicationContext standby = active == a ? b : a;
        RelayProgress.awaitAcknowledged(tenantName);
        assertEquals(RelayRole.STANDBY, role(standby), "the standby never relays while the active one runs");

        active.close();
        await("the standby takes over", () -> role(standby) == RelayRole.ACTIVE);
        createUsers("after", 5);

        RelayProgress.awaitAcknowledged(tenantName);
        List<String> all = LogRows.events(tenantName).stream().map(e -> e.path("uuid").asText()).toList();
        List<String> delivered = TopicRecords.uuids(TopicRecords.readUntil(TestKafka.shared().bootstrapServers(), topic,
                read -> TopicRecords.uuids(read).containsAll(all), RelayProgress.DEADLINE));
        assertTrue(delivered.containsAll(all), "no event is missing across the takeover");
    }
}
