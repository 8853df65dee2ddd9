package org.scimlog.audit.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.scimlog.audit.chain.CommittedEvent;

/**
 * Turns a committed log event into its Kafka record. The value is the stored body text, byte for byte what
 * {@code GET /api/v1/logs} returns. The key is tenant and first target, so all events about one resource
 * share a partition and keep their order; events without a target share the tenant's "none" key.
 */
public final class StreamRecords {

    public static final String UUID_HEADER = "uuid";
    public static final String TENANT_HEADER = "tenantId";
    public static final String EVENT_TYPE_HEADER = "eventType";
    /**
     * The event's commit position (the inserting transaction id and its sequence number): the hash chain links a
     * tenant's events in that order, so the offline verifier sorts a topic's records by it, and checkpoints name
     * the position of their last event.
     */
    public static final String TXID_HEADER = "txid";
    public static final String SEQ_HEADER = "seq";
    static final String NO_TARGET = "none";

    private static final JsonFactory JSON = new JsonFactory();

    private StreamRecords() {
    }

    public static ProducerRecord<String, String> of(String topic, CommittedEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(UUID_HEADER, bytes(event.uuid().toString()));
        headers.add(TENANT_HEADER, bytes(event.tenantId().toString()));
        headers.add(EVENT_TYPE_HEADER, bytes(event.eventType()));
        headers.add(TXID_HEADER, bytes(Long.toString(event.txid())));
        headers.add(SEQ_HEADER, bytes(Long.toString(event.seq())));
        return new ProducerRecord<>(topic, null, key(event), event.body(), headers);
    }

    public static String key(CommittedEvent event) {
        return event.tenantId() + ":" + firstTargetId(event.body());
    }

    /**
     * {@code target[0].id}, read with a streaming parser that stops as soon as it is found: the relay keys
     * every event, and a full tree of each body would cost more than the rest of the relay's work.
     */
    static String firstTargetId(String body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NO_TARGET;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!field.equals("target")) {
                    parser.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.START_OBJECT) {
                    return NO_TARGET;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String targetField = parser.currentName();
                    JsonToken targetValue = parser.nextToken();
                    if (targetField.equals("id") && targetValue == JsonToken.VALUE_STRING) {
                        return parser.getText();
                    }
                    parser.skipChildren();
                }
                return NO_TARGET;
            }
            return NO_TARGET;
        } catch (IOException e) {
            throw new UncheckedIOException("a stored log event is not JSON", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
