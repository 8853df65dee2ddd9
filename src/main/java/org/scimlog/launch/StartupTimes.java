package org.scimlog.launch;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.flyway.event.MigrationFinishedEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a start went, as one INFO line when the HTTP server listens: seconds from the JVM's start to the end of
 * logging's set-up, to the schema being migrated, and to the server listening. Micronaut's own "Startup completed"
 * counts from the application context only, which leaves out the JVM, logging and every class loaded before it;
 * {@code ops/bench/scim-load} prints this breakdown beside its start-to-ready time.
 */
@Singleton
public class StartupTimes implements ApplicationEventListener<ServerStartupEvent> {

    /** Wall-clock milliseconds; 0 until marked (commands that never call them, tests). */
    private static volatile long mainStarted;
    private static volatile long loggingReady;
    private volatile long migrated;

    /** Called first thing in {@code main}. */
    public static void mainStarted() {
        mainStarted = System.currentTimeMillis();
    }

    /** Called once logging is configured, before the application context is built. */
    public static void loggingReady() {
        loggingReady = System.currentTimeMillis();
    }

    @EventListener
    void onMigrated(MigrationFinishedEvent event) {
        migrated = System.currentTimeMillis();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        long listening = System.currentTimeMillis();
        long jvmStarted = ManagementFactory.getRuntimeMXBean().getStartTime();
        // not a static field: main marks its start before the log format is chosen, and a logger made then would fix it
        Logger log = LoggerFactory.getLogger(StartupTimes.class);
        log.info("HTTP server listening {} s after the JVM started (main at {} s, logging ready at {} s, schema migrated"
                        + " at {} s)", seconds(jvmStarted, listening), seconds(jvmStarted, mainStarted),
                seconds(jvmStarted, loggingReady), seconds(jvmStarted, migrated));
    }

    private static String seconds(long from, long at) {
        return at == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (at - from) / 1000.0);
    }
}
