package org.scimlog.audit.stream;

import java.util.concurrent.ExecutionException;

/** Kafka could not be reached or did not acknowledge in time; the relay keeps its position and tries again. */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    static KafkaUnavailableException from(String doing, Throwable failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        return new KafkaUnavailableException(doing + " failed: " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage(), cause);
    }
}
