package org.scimlog.audit.stream;

/** What this instance's relay is doing. */
public enum RelayRole {
    /** starting, or between a failure and its next try */
    STARTING,
    /** another instance holds the relay lock; this one waits to take over */
    STANDBY,
    /** this instance publishes the log to Kafka */
    ACTIVE,
    STOPPED
}
