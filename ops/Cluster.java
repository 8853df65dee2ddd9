import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.scimlog.launch.LocalKafka;

/**
 * Several scimlog instances as production runs them, on one machine: one PostgreSQL (Maven's binaries, data under
 * DATA_DIR/postgres) with the README's two roles, one Kafka broker (in this JVM, DATA_DIR/kafka), the schema
 * migrated once by the owner, N instances in serve mode (processes of their own, under the role that owns nothing,
 * not migrating, one cursor secret), and haproxy in front checking each one's readiness. Prints the balancer's
 * address, a token and which instance holds the relay lease; Ctrl-C stops everything. Run by ops/cluster.
 */
public final class Cluster {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final Path jar;
    private final Path data;
    private final int instances;
    private final Map<String, String> ports;
    private final List<Process> processes = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private LocalKafka kafka;

    private Cluster(Path jar, Path data, int instances, Map<String, String> ports) {
        this.jar = jar;
        this.data = data;
        this.instances = instances;
        this.ports = ports;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: JAR DATA_DIR INSTANCES (ops/cluster runs it)");
            System.exit(2);
        }
        // the broker and PostgreSQL in this JVM would drown what is printed; their errors still show
        for (String logger : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.apache.kafka", "kafka", "state.change.logger")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(logger)).setLevel(ch.qos.logback.classic.Level.ERROR);
        }
        Map<String, String> ports = new HashMap<>();
        ports.put("balancer", System.getenv().getOrDefault("SCIMLOG_CLUSTER_PORT", "8080"));
        ports.put("postgres", System.getenv().getOrDefault("SCIMLOG_CLUSTER_PG_PORT", "54330"));
        ports.put("kafka", System.getenv().getOrDefault("SCIMLOG_CLUSTER_KAFKA_PORT", "59093"));
        Cluster cluster = new Cluster(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]).toAbsolutePath(),
                Integer.parseInt(args[2]), ports);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "cluster-shutdown"));
        cluster.start();
        Thread.currentThread().join();
    }

    private void start() throws Exception {
        Files.createDirectories(data.resolve("postgres"));
        int pgPort = Integer.parseInt(ports.get("postgres"));
        postgres = EmbeddedPostgres.builder().setDataDirectory(data.resolve("postgres")).setCleanDataDirectory(false)
                .setPort(pgPort).setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200").start();
        kafka = LocalKafka.start(data.resolve("kafka"), Integer.parseInt(ports.get("kafka")));
        String ownerPassword = secret();
        String runtimePassword = secret();
        createRolesAndDatabase(pgPort, ownerPassword, runtimePassword);

        String balancer = "http://127.0.0.1:" + ports.get("balancer");
        Map<String, String> env = new HashMap<>();
        env.put("SCIMLOG_DB_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/scimlog");
        env.put("SCIMLOG_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("SCIMLOG_STREAM_REPLICATION_FACTOR", "1");
        env.put("SCIMLOG_PUBLIC_BASE_URL", balancer);
        env.put("SCIMLOG_TRUSTED_PROXIES", "127.0.0.1/32");
        env.put("SCIMLOG_CURSOR_SECRET", secret());
        env.put("SCIMLOG_METRICS_ANONYMOUS", "true");
        env.put("SCIMLOG_DB_MIGRATE", "false");

        Map<String, String> owner = new HashMap<>(env);
        owner.put("SCIMLOG_DB_USER", "scimlog_owner");
        owner.put("SCIMLOG_DB_PASSWORD", ownerPassword);
        System.out.println(command(owner, "migrate").strip());
        env.put("SCIMLOG_DB_USER", "scimlog_runtime");
        env.put("SCIMLOG_DB_PASSWORD", runtimePassword);
        String created = command(env, "tenant", "create", "demo", "--database", "--scopes", "scim,logs.read",
                "--token-name", "cluster-" + System.currentTimeMillis());
        String token = created.lines().filter(l -> l.startsWith("SCIM_TOKEN=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no token in:\n" + created)).substring("SCIM_TOKEN=".length());

        List<String> bases = new ArrayList<>();
        int balancerPort = Integer.parseInt(ports.get("balancer"));
        for (int i = 1; i <= instances; i++) {
            int port = balancerPort + i;
            Map<String, String> own = new HashMap<>(env);
            own.put("SCIMLOG_PORT", Integer.toString(port));
            List<String> cmd = new ArrayList<>(List.of(java()));
            cmd.addAll(List.of(System.getenv().getOrDefault("SCIMLOG_JAVA_OPTS", "-Xmx512m -XX:+UseParallelGC").split(" ")));
            cmd.addAll(List.of("-jar", jar.toString()));
            processes.add(start(cmd, own, data.resolve("instance-" + i + ".log")));
            bases.add("http://127.0.0.1:" + port);
        }
        for (int i = 0; i < bases.size(); i++) {
            String base = bases.get(i);
            Process p = processes.get(i);
            await("instance " + (i + 1) + " is ready (" + data.resolve("instance-" + (i + 1) + ".log") + ")", () -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("instance exited; see its log");
                }
                return status(base + "/health/readiness") == 200;
            });
        }
        Path config = data.resolve("haproxy.cfg");
        Files.writeString(config, haproxyConfig(bases));
        processes.add(start(List.of("haproxy", "-db", "-f", config.toString()),
                Map.of("SCIMLOG_LB_ADDRESS", "127.0.0.1:" + balancerPort), data.resolve("haproxy.log")));
        await("haproxy answers on " + balancer, () -> status(balancer + "/health/readiness") == 200);

        System.out.println("LOAD_BALANCER=" + balancer + " (haproxy, " + config + ")");
        for (int i = 0; i < bases.size(); i++) {
            System.out.println("INSTANCE_" + (i + 1) + "=" + bases.get(i) + " pid " + processes.get(i).pid() + " relay "
                    + relayRole(bases.get(i)) + " log " + data.resolve("instance-" + (i + 1) + ".log"));
        }
        System.out.println("KAFKA_BOOTSTRAP=" + kafka.bootstrapServers());
        System.out.println("SCIM_BASE_URL=" + balancer + "/scim/v2");
        System.out.println("SCIM_TOKEN=" + token);
        System.out.println("Ctrl-C stops the cluster; kill -9 an INSTANCE pid to see another take the relay over.");
    }

    /** The README's roles (Database roles): the owner migrates, the server's role owns nothing. */
    private void createRolesAndDatabase(int pgPort, String ownerPassword, String runtimePassword) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'scimlog_app') THEN CREATE ROLE scimlog_app NOLOGIN; END IF;
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'scimlog_owner') THEN CREATE ROLE scimlog_owner LOGIN; END IF;
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'scimlog_runtime') THEN
                        CREATE ROLE scimlog_runtime LOGIN IN ROLE scimlog_app;
                      END IF;
                    END $$""");
            // new passwords on every start: they live only in this process and its children
            s.execute("ALTER ROLE scimlog_owner PASSWORD '" + ownerPassword + "'");
            s.execute("ALTER ROLE scimlog_runtime PASSWORD '" + runtimePassword + "'");
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'scimlog'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE scimlog OWNER scimlog_owner");
                }
            }
        }
    }

    /** ops/haproxy.cfg with a server line per instance (the fault test RelayLeaseTakeoverTest uses the same file). */
    private static String haproxyConfig(List<String> bases) throws IOException {
        StringBuilder config = new StringBuilder(Files.readString(Path.of("ops", "haproxy.cfg")));
        for (int i = 0; i < bases.size(); i++) {
            config.append("    server scimlog-").append(i + 1).append(' ').append(bases.get(i).substring("http://".length()))
                    .append(" check\n");
        }
        return config.toString();
    }

    private String relayRole(String base) {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(health.body());
            return node.at("/details/systemLogStream/details/relay").asText("unknown");
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private String command(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(args[0] + " failed:\n" + out);
        }
        return out;
    }

    private static Process start(List<String> cmd, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            Thread.sleep(200);
        }
    }

    /** haproxy first (no new requests), then the instances (SIGTERM: they drain), then Kafka and PostgreSQL. */
    private void stop() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
        }
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
