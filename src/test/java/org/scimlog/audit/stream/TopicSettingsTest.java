package org.scimlog.audit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.StreamProperties;
import org.scimlog.support.TestDatabase;
import org.scimlog.support.TestKafka;

/** The topic the relay creates, and what it does with one that exists with other settings. */
class TopicSettingsTest {

    private final String bootstrap = TestKafka.shared().bootstrapServers();

    private EmbeddedServer start(String topic) {
        Map<String, Object> p = new HashMap<>(StreamProperties.of(bootstrap, topic));
        p.put("datasources.default.url", TestDatabase.jdbcUrl());
        p.put("datasources.default.username", "postgres");
        p.put("datasources.default.password", "");
        p.put("datasources.default.maximum-pool-size", "4");
        p.put("micronaut.server.port", "-1");
        p.put("scimlog.health.details", "anonymous");
        return ApplicationContext.run(EmbeddedServer.class, p);
    }

    private static JsonNode streamHealth(EmbeddedServer server, String until) {
        Api anonymous = new Api(server.getURI().toString(), null);
        Instant deadline = Instant.now().plus(RelayProgress.DEADLINE);
        JsonNode health = anonymous.get("/health").json().at("/details/systemLogStream");
        while (!health.at(until).isValueNode() && Instant.now().isBefore(deadline)) {
            sleep();
            health = anonymous.get("/health").json().at("/details/systemLogStream");
        }
        return health;
    }

    private Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }

    @Test
    void aMissingTopicIsCreatedWithSevenDaysRetentionAndDeletion() throws Exception {
        String topic = TestKafka.uniqueTopic();
        try (EmbeddedServer server = start(topic); Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            // the relay records its topic report right after it made sure the topic exists
            StreamStatus status = server.getApplicationContext().getBean(StreamStatus.class);
            RelayProgress.await("the relay checked its topic", () -> status.snapshot().topic() != null);
            assertTrue(admin.listTopics().names().get().contains(topic));
            JsonNode health = streamHealth(server, "/details/relay");
            assertEquals("UP", health.path("status").asText(), health::toString);
            assertEquals(3, admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size());
            assertEquals("604800000", config(admin, topic).get("retention.ms").value());
            assertEquals("delete", config(admin, topic).get("cleanup.policy").value());
        }
    }

    @Test
    void anExistingTopicWithOtherSettingsIsReportedAndLeftAsItIs() throws Exception {
        String topic = TestKafka.uniqueTopic();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("retention.ms", "86400000", "cleanup.policy", "compact")))).all().get();
            try (EmbeddedServer server = start(topic)) {
                JsonNode health = streamHealth(server, "/details/topicProblems/0");
                assertEquals("DEGRADED", health.path("status").asText(), health::toString);
                String problems = health.at("/details/topicProblems").toString();
                assertTrue(problems.contains("partitions is 1, configured 3"), problems);
                assertTrue(problems.contains("retention.ms is 86400000"), problems);
                assertTrue(problems.contains("cleanup.policy is compact"), problems);
            }
            assertEquals("86400000", config(admin, topic).get("retention.ms").value(), "not silently changed");
            assertEquals("compact", config(admin, topic).get("cleanup.policy").value());
            assertEquals(1, admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
