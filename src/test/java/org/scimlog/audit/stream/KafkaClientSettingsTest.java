package org.scimlog.audit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"scimlog\" password=\"hunter2-secret\";";

    private final KafkaClientSettings settings = KafkaClientSettings.of(Map.of(
            "bootstrap.servers", "kafka-1:9093,kafka-2:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "PLAIN",
            "sasl.jaas.config", JAAS,
            "ssl.truststore.password", "truststore-secret",
            "bootstrap-servers", "derived-variant:1",
            "linger.ms", "20"));

    @Test
    void securitySettingsReachTheProducerAndTheAdminClientAsGiven() {
        assertEquals(JAAS, settings.producer().get("sasl.jaas.config"));
        assertEquals("SASL_SSL", settings.producer().get("security.protocol"));
        assertEquals(JAAS, settings.admin().get("sasl.jaas.config"));
        assertEquals("truststore-secret", settings.admin().get("ssl.truststore.password"));
        assertEquals("kafka-1:9093,kafka-2:9093", settings.admin().get("bootstrap.servers"));
        assertEquals("20", settings.producer().get("linger.ms"), "tuning can be overridden");
    }

    @Test
    void theDescriptionThatGetsLoggedNeverContainsSecretValues() {
        String described = settings.describe();
        assertTrue(described.contains("bootstrap.servers=kafka-1:9093,kafka-2:9093"), described);
        assertTrue(described.contains("security.protocol=SASL_SSL"), described);
        assertTrue(described.contains("sasl.jaas.config=(set)"), described);
        assertFalse(described.contains("hunter2-secret"), described);
        assertFalse(described.contains("truststore-secret"), described);
    }

    @Test
    void theDeliveryGuaranteeCannotBeConfiguredAway() {
        KafkaClientSettings weakened = KafkaClientSettings.of(Map.of("acks", "0", "enable.idempotence", "false"));
        assertEquals("all", weakened.producer().get("acks"));
        assertEquals("true", weakened.producer().get("enable.idempotence"));
        assertEquals("localhost:9092", weakened.producer().get("bootstrap.servers"));
    }

    @Test
    void namesNoKafkaClientKnowsAreLeftOutAndReported() {
        assertFalse(settings.producer().containsKey("bootstrap-servers"));
        assertEquals(java.util.Set.of("bootstrap-servers"), settings.ignored());
    }
}
