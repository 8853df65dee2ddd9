package org.scimlog.audit.retention;

/**
 * A reader that follows the System Log in commit order and must see every event (the hash-chain sealer,
 * the Kafka relay). Retention keeps a day past its window until every such reader present in this
 * instance has passed the day's last event; a reader that is not configured (the relay with streaming
 * off) is no bean and so holds nothing.
 */
public interface HoldingReader {

    /** Its name in {@code log_reader_position}. */
    String readerName();

    /** The debugData name for the count of events it has not passed yet, e.g. {@code unstreamedEvents}. */
    String eventsBehindName();
}
