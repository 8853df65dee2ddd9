package org.scimlog.launch;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.scimlog.scim.ResourceLocations;
import org.scimlog.security.Scopes;
import org.scimlog.security.TenantAdministration;
import org.scimlog.security.TokenSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command from a fresh clone: a real PostgreSQL (binaries from Maven Central) with its data kept under
 * {@code ./data/postgres}, a real Kafka broker in this JVM with its data under {@code ./data/kafka}, the
 * server on top streaming its System Log to that broker, and a demo tenant whose token (and an operator token)
 * stays the same across restarts and is printed on every start.
 */
public final class DevLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(DevLauncher.class);

    private DevLauncher() {
    }

    /** Only PostgreSQL and Kafka, for a server started as a process of its own (the benchmarks time its start). */
    static final String STACK_ONLY = "--stack-only";

    public static void run(String[] args) {
        if (List.of(args).contains(STACK_ONLY)) {
            runStackOnly();
            return;
        }
        Path dataDirectory = dataDirectory();
        Stack stack = startStack(dataDirectory);
        EmbeddedPostgres postgres = stack.postgres;
        LocalKafka kafka = stack.kafka;

        Path signingKey = checkpointKey(dataDirectory);
        ApplicationContext context = Micronaut.build(args)
                .mainClass(DevLauncher.class)
                .properties(Map.of(
                        "scimlog.log.checkpoint.signing-key-file", signingKey.toString(),
                        "datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
                        "datasources.default.username", "postgres",
                        "datasources.default.password", "",
                        "scimlog.stream.kafka.bootstrap.servers", kafka.bootstrapServers(),
                        // a single broker cannot hold more than one replica
                        "scimlog.stream.replication-factor", "1",
                        // a local demo: a Prometheus on this machine scrapes /prometheus without a credential
                        "scimlog.metrics.anonymous", System.getenv().getOrDefault("SCIMLOG_METRICS_ANONYMOUS", "true")))
                .start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        stack.server = server;
        DevStackFile credentials = keepCredentials(context.getBean(TenantAdministration.class), server);
        LOG.info("scimlog is up on {} with PostgreSQL and Kafka data in {}", server.getURL(), dataDirectory);
        Console.system().line("KAFKA_BOOTSTRAP=" + kafka.bootstrapServers());
        Console.system().line("SCIM_BASE_URL=" + context.getBean(ResourceLocations.class).scimBaseUrl());
        Console.system().line("SCIM_TOKEN=" + credentials.demoToken());
        Console.system().line("SCIMLOG_ADMIN_TOKEN=" + credentials.operatorToken());
        Console.system().line("CHECKPOINT_PUBLIC_KEY=" + signingKey.resolveSibling(PUBLIC_KEY_FILE));
    }

    private static final String PUBLIC_KEY_FILE = "checkpoint-signing.pub.pem";

    /**
     * The checkpoint signing key of the demo stack, made once under the data directory (beside, not inside, the
     * database) and kept across restarts; the public key beside it is what the offline verifier takes.
     */
    private static Path checkpointKey(Path dataDirectory) {
        Path key = dataDirectory.resolve("checkpoint-signing.key.pem");
        if (!Files.exists(key)) {
            try {
                org.scimlog.audit.chain.CheckpointKeys.generateInto(key, dataDirectory.resolve(PUBLIC_KEY_FILE));
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the checkpoint signing key under " + dataDirectory, e);
            }
        }
        return key;
    }

    private static Path dataDirectory() {
        return Path.of(System.getenv().getOrDefault("SCIMLOG_DATA_DIR", "data")).toAbsolutePath();
    }

    /** PostgreSQL, then Kafka, stopped in the reverse order at exit (with the server, once it is set). */
    private static Stack startStack(Path dataDirectory) {
        int postgresPort = Integer.parseInt(System.getenv().getOrDefault("SCIMLOG_DEV_PG_PORT", "54329"));
        Stack stack = new Stack(startPostgres(dataDirectory.resolve("postgres"), postgresPort));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stopInOrder, "dev-stack-shutdown"));
        int kafkaPort = Integer.parseInt(System.getenv().getOrDefault("SCIMLOG_DEV_KAFKA_PORT", "59092"));
        stack.kafka = LocalKafka.start(dataDirectory.resolve("kafka"), kafkaPort);
        return stack;
    }

    /**
     * The dev stack's PostgreSQL and Kafka without the server: the benchmarks run scimlog as a process of its own
     * beside them, so its CPU (from /proc) is its own and not the broker's, and its start can be timed on a
     * database and a broker that are already up. Prints where they are and runs until stopped.
     */
    private static void runStackOnly() {
        Stack stack = startStack(dataDirectory());
        Console.system().line("SCIMLOG_DB_URL=" + stack.postgres.getJdbcUrl("postgres", "postgres"));
        Console.system().line("KAFKA_BOOTSTRAP=" + stack.kafka.bootstrapServers());
        try {
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The demo tenant's token and an operator token stay the same across restarts: kept in the data directory
     * (owner-only file) beside the database that holds their digests, and put back in the database if it lost
     * them (a fresh database, a revoked token). The {@code tenant} command finds the stack through that file.
     */
    private static DevStackFile keepCredentials(TenantAdministration administration, EmbeddedServer server) {
        Path file = DevStackFile.path(System.getenv());
        DevStackFile kept = DevStackFile.read(file).orElseGet(() ->
                new DevStackFile("", TokenSecrets.newSecret(), TokenSecrets.newSecret()));
        administration.keepBearer("demo", "dev", List.of(Scopes.SCIM, Scopes.LOGS_READ), kept.demoToken());
        administration.keepBearer(TenantAdministration.OPERATORS, "dev-operator", List.of(Scopes.ADMIN, Scopes.LOGS_READ),
                kept.operatorToken());
        DevStackFile current = new DevStackFile(server.getURL().toString(), kept.demoToken(), kept.operatorToken());
        current.write(file);
        return current;
    }

    private static EmbeddedPostgres startPostgres(Path directory, int port) {
        try {
            Files.createDirectories(directory);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // stopped by this launcher's own hook, after the server (see stopInOrder)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    // durable commits: "nothing lost" holds in the demo too (the embedded defaults turn
                    // both off, as test databases may)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "200")
                    // The System Log is write-heavy: a bigger cache, and checkpoints far enough apart
                    // that pages are not logged whole again every minute or so under load.
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    // when each write committed (pg_xact_commit_timestamp): what the stream benchmark measures
                    // its commit->Kafka latency from, and a fact a support engineer may want
                    .setServerConfig("track_commit_timestamp", "on")
                    // per-statement time and calls, for the benchmarks' "where the time goes" (CREATE
                    // EXTENSION pg_stat_statements to read them); the cost is a hash update per statement
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start PostgreSQL in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * What this launcher started, stopped the server first and then what it uses: stopped the other way round
     * (shutdown hooks run concurrently) the relay and the pool lose their connections mid-use and log them
     * as errors. Micronaut's own hook stops the server too; stopping it here as well is safe (the second call
     * waits for the first), while closing the context directly would deadlock with that hook.
     * Parts not started yet (a failed start) are null and skipped.
     */
    private static final class Stack {
        private final EmbeddedPostgres postgres;
        private volatile LocalKafka kafka;
        private volatile EmbeddedServer server;

        private Stack(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }

        private void stopInOrder() {
            if (server != null) {
                server.stop();
                ApplicationContext context = server.getApplicationContext();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (context.isRunning() && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            if (kafka != null) {
                kafka.close();
            }
            close(postgres);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
