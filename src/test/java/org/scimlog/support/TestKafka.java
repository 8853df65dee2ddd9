package org.scimlog.support;

import java.nio.file.Path;
import java.util.UUID;
import org.scimlog.launch.LocalKafka;

/**
 * Real Apache Kafka brokers for tests (KRaft, in this JVM, from Maven Central jars; no Docker). Most test
 * classes share one broker and keep apart by topic; a test that stops its broker gets one of its own.
 */
public final class TestKafka {

    private static LocalKafka shared;

    private TestKafka() {
    }

    public static synchronized LocalKafka shared() {
        if (shared == null) {
            shared = own();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A broker nobody else uses, with its data under the build's temporary folder; the caller closes it. */
    public static LocalKafka own() {
        return LocalKafka.start(Path.of(System.getProperty("java.io.tmpdir"), "kafka-" + UUID.randomUUID()), 0);
    }

    public static String uniqueTopic() {
        return "scimlog.test." + UUID.randomUUID().toString().substring(0, 8);
    }
}
