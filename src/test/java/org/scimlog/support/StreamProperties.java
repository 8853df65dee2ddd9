package org.scimlog.support;

import java.util.HashMap;
import java.util.Map;

/** Configuration that turns the Kafka stream on against a test broker and topic, with short intervals. */
public final class StreamProperties {

    private StreamProperties() {
    }

    public static Map<String, String> of(String bootstrap, String topic) {
        Map<String, String> p = new HashMap<>();
        p.put("scimlog.stream.enabled", "true");
        p.put("scimlog.stream.kafka.bootstrap.servers", bootstrap);
        p.put("scimlog.stream.topic", topic);
        p.put("scimlog.stream.partitions", "3");
        p.put("scimlog.stream.replication-factor", "1");
        p.put("scimlog.stream.poll-interval", "100ms");
        p.put("scimlog.stream.takeover-interval", "300ms");
        p.put("scimlog.stream.backlog-refresh", "300ms");
        return p;
    }
}
