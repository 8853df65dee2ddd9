import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.scimlog.launch.LocalKafka;

/**
 * Soak: scimlog (serve mode, its own process) under an Okta-like mix for MINUTES at a steady rate, with the Kafka
 * broker stopped for OUTAGE seconds in the middle; every 30 s the server's heap after a forced GC and its RSS;
 * at the end, the database, the log (polled through /api/v1/logs following next, as a SIEM would) and the topic
 * compared with every write the server acknowledged. Run by ops/bench/soak with the scimlog jar on the class path:
 *   java --class-path target/scimlog.jar ops/bench/Soak.java JAR DATA_DIR MINUTES RATE OUTAGE_SECONDS CLIENTS
 * RATE 0: measure the maximum first (closed loop, CLIENTS clients) and run at half of it.
 * PostgreSQL and Kafka run in this JVM (so they can be stopped without stopping scimlog); RSS is scimlog's alone.
 */
public class Soak {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final int SAMPLE_SECONDS = 30;

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: JAR DATA_DIR MINUTES RATE OUTAGE_SECONDS CLIENTS (ops/bench/soak runs it)");
            System.exit(2);
        }
        // the broker and PostgreSQL in this JVM would drown the report; their errors still show
        for (String logger : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.apache.kafka", "kafka", "state.change.logger")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(logger)).setLevel(ch.qos.logback.classic.Level.ERROR);
        }
        Soak soak = new Soak(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        int failures;
        try {
            failures = soak.run(Double.parseDouble(args[2]), Double.parseDouble(args[3]));
        } finally {
            soak.close();
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private final Path jar;
    private final Path data;
    private final int outageSeconds;
    private final int clients;
    private EmbeddedPostgres postgres;
    private LocalKafka kafka;
    private Process server;
    private String base;
    private String token;
    private UUID tenantId;
    private final String topic = "scimlog.system-log";
    private final Map<String, String> env = new HashMap<>();

    // what the server acknowledged, per client: users and groups owned by one client each
    private final List<Client> all = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile double rate; // requests per second for all clients together; 0: as fast as they can
    private final Stats stats = new Stats();
    private final Set<String> polled = ConcurrentHashMap.newKeySet();
    private final AtomicLong pollErrors = new AtomicLong();

    private Soak(Path jar, Path data, int outageSeconds, int clients) {
        this.jar = jar;
        this.data = data;
        this.outageSeconds = outageSeconds;
        this.clients = clients;
    }

    private int run(double minutes, double requestedRate) throws Exception {
        startStack();
        Instant since = Instant.now().minusSeconds(60);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client client = new Client(i);
            all.add(client);
            threads.add(daemon("soak-client-" + i, client::loop));
        }
        Thread poller = daemon("soak-log-poller", () -> poll(since));

        if (requestedRate > 0) {
            rate = requestedRate;
            System.out.printf("rate %.0f requests/s (given)%n", rate);
        } else {
            rate = 0;
            stats.window();
            sleep(30_000);
            stats.window();
            System.out.println("measuring the maximum: " + clients + " clients as fast as they can, 30 s warm-up, 30 s measured");
            sleep(30_000);
            Stats.Window max = stats.window();
            rate = Math.max(1, max.perSecond() / 2);
            System.out.printf("RESULT maximum %.0f requests/s (p50 %.1f ms, p99 %.1f ms, %d errors); soak at half: %.0f requests/s%n",
                    max.perSecond(), max.p(50), max.p(99), max.errors(), rate);
        }

        long start = System.nanoTime();
        long total = (long) (minutes * 60_000);
        long outageAt = total / 2 - outageSeconds * 500L;
        boolean outageStarted = false;
        boolean outageOver = false;
        List<long[]> samples = new ArrayList<>(); // elapsed ms, heap bytes, rss bytes
        System.out.println("  time  req/s  p50 ms  p99 ms  errors  heap-after-GC MB  RSS MB  stream backlog  relay reaches Kafka");
        long nextSample = SAMPLE_SECONDS * 1000L;
        stats.window();
        long requestsBefore = stats.total();
        while (true) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (!outageStarted && elapsed >= outageAt) {
                kafka.stop();
                outageStarted = true;
                System.out.printf("%5ds  Kafka stopped for %d s%n", elapsed / 1000, outageSeconds);
            }
            if (outageStarted && !outageOver && elapsed >= outageAt + outageSeconds * 1000L) {
                kafka.start();
                outageOver = true;
                System.out.printf("%5ds  Kafka started again%n", elapsed / 1000);
            }
            if (elapsed >= nextSample || elapsed >= total) {
                Stats.Window w = stats.window();
                long heap = heapAfterGc();
                long rss = rss();
                JsonNode stream = streamHealth();
                samples.add(new long[] {elapsed, heap, rss});
                System.out.printf("%5ds %6.0f %7.1f %7.1f %7d %17.1f %7.1f %15d  %s%n", elapsed / 1000, w.perSecond(), w.p(50),
                        w.p(99), w.errors(), heap / 1048576.0, rss / 1048576.0, stream.path("backlogEvents").asLong(-1),
                        stream.path("kafkaReachable").asBoolean(false) ? "yes" : "no");
                w.errorSamples().forEach(e -> System.out.println("        error: " + e));
                nextSample += SAMPLE_SECONDS * 1000L;
            }
            if (elapsed >= total) {
                break;
            }
            sleep(200);
        }
        double soakSeconds = (System.nanoTime() - start) / 1e9;
        double reached = (stats.total() - requestsBefore) / soakSeconds;
        running.set(false);
        for (Thread t : threads) {
            t.join(120_000);
        }
        return verify(samples, poller, reached);
    }

    // ---------------------------------------------------------------- the stack

    private void startStack() throws Exception {
        Files.createDirectories(data.resolve("postgres"));
        int pgPort = freePort();
        postgres = EmbeddedPostgres.builder().setDataDirectory(data.resolve("postgres")).setCleanDataDirectory(false)
                .setPort(pgPort)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200").setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "2GB").start();
        kafka = LocalKafka.start(data.resolve("kafka"), 0);
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        env.put("SCIMLOG_DB_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres");
        env.put("SCIMLOG_DB_USER", "postgres");
        env.put("SCIMLOG_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("SCIMLOG_STREAM_REPLICATION_FACTOR", "1");
        env.put("SCIMLOG_STREAM_TOPIC", topic);
        env.put("SCIMLOG_PORT", Integer.toString(port));
        // scraped for the backlog below; a local benchmark needs no metrics token
        env.put("SCIMLOG_METRICS_ANONYMOUS", "true");
        String created = command("tenant", "create", "soak", "--scopes", "scim,logs.read");
        token = created.lines().filter(l -> l.startsWith("SCIM_TOKEN=")).findFirst().orElseThrow().substring(11);
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT id FROM tenant WHERE name = 'soak'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            tenantId = rs.getObject(1, UUID.class);
        }
        Path log = data.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx512m", "-jar", jar.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        server = pb.start();
        await("scimlog answers /health (" + log + ")", Duration.ofSeconds(180), () -> {
            if (!server.isAlive()) {
                throw new IllegalStateException("scimlog exited while starting; see " + log);
            }
            return healthStatus() == 200;
        });
        System.out.println("scimlog pid " + server.pid() + " on " + base + ", PostgreSQL :" + pgPort + ", Kafka "
                + kafka.bootstrapServers() + ", " + Runtime.getRuntime().availableProcessors() + " cores; server log " + log);
    }

    private String command(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    private void close() {
        if (server != null && server.isAlive()) {
            server.destroy();
            try {
                server.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            server.destroyForcibly();
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

    // ---------------------------------------------------------------- the load

    /** One Okta-like client: its own users and groups, so every acknowledged outcome is predictable. */
    private final class Client {
        final int number;
        final Random random;
        final List<UserState> users = new ArrayList<>();
        final List<GroupState> groups = new ArrayList<>();
        int n;

        Client(int number) {
            this.number = number;
            this.random = new Random(number);
        }

        void loop() {
            long due = System.nanoTime();
            while (running.get()) {
                double r = rate;
                if (r > 0) {
                    due += (long) (clients * 1e9 / r);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        sleepNanos(wait);
                    } else if (wait < -1_000_000_000L) {
                        due = System.nanoTime(); // behind by more than a second: do not burst to catch up
                    }
                } else {
                    due = System.nanoTime();
                }
                step();
            }
        }

        /** Okta's mix: mostly lookups and PATCHes, some creates, group pushes and member changes. */
        void step() {
            int dice = random.nextInt(100);
            if (users.isEmpty() || dice < 15) {
                create();
            } else if (dice < 50) {
                lookUp(users.get(random.nextInt(users.size())));
            } else if (dice < 72) {
                rename(users.get(random.nextInt(users.size())));
            } else if (groups.isEmpty() || dice < 76) {
                pushGroup();
            } else {
                // a user not yet in the group: adding a member again changes nothing and records no event
                GroupState group = groups.get(random.nextInt(groups.size()));
                UserState user = users.get(random.nextInt(users.size()));
                if (group.members.contains(user.id)) {
                    pushGroup();
                } else {
                    addMember(group, user);
                }
            }
        }

        void create() {
            String userName = "soak-" + number + "-" + (n++) + "@example.com";
            String displayName = userName + " v0";
            Reply reply = send("create", "POST", "/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", userName,
                    "name", Map.of("givenName", "Soak", "familyName", "User"),
                    "emails", List.of(Map.of("primary", true, "value", userName, "type", "work")),
                    "displayName", displayName, "locale", "en-US", "externalId", "00u" + number + "x" + n,
                    "groups", List.of(), "password", "1mz050nq", "active", true), 201,
                    json -> userName.equals(json.path("userName").asText()) && !json.path("id").asText().isEmpty());
            if (reply != null) {
                UserState user = new UserState(reply.json.path("id").asText(), userName, displayName);
                user.acks.add(new Ack(reply.requestId, "create"));
                users.add(user);
            }
        }

        void lookUp(UserState user) {
            String filter = URLEncoder.encode("userName eq \"" + user.userName + "\"", StandardCharsets.UTF_8).replace("+", "%20");
            send("lookup", "GET", "/scim/v2/Users?filter=" + filter + "&startIndex=1&count=100", null, 200,
                    json -> json.path("totalResults").asInt() == 1
                            && user.id.equals(json.at("/Resources/0/id").asText()));
        }

        void rename(UserState user) {
            String displayName = user.userName + " v" + user.attempted.size();
            user.attempted.add(displayName);
            Reply reply = send("patch", "PATCH", "/scim/v2/Users/" + user.id, Map.of("schemas", List.of(PATCH_OP),
                    "Operations", List.of(Map.of("op", "replace", "value", Map.of("displayName", displayName)))), 200,
                    json -> displayName.equals(json.path("displayName").asText()));
            if (reply != null) {
                user.acknowledgedUpTo = user.attempted.size() - 1;
                user.acks.add(new Ack(reply.requestId, "patch"));
            }
        }

        void pushGroup() {
            Reply reply = send("group push", "POST", "/scim/v2/Groups", Map.of("schemas", List.of(GROUP),
                    "displayName", "soak-" + number + "-" + (n++), "members", List.of()), 201,
                    json -> !json.path("id").asText().isEmpty());
            if (reply != null) {
                GroupState group = new GroupState(reply.json.path("id").asText());
                group.acks.add(new Ack(reply.requestId, "group push"));
                groups.add(group);
            }
        }

        void addMember(GroupState group, UserState user) {
            Reply reply = send("member patch", "PATCH", "/scim/v2/Groups/" + group.id, Map.of("schemas", List.of(PATCH_OP),
                    "Operations", List.of(Map.of("op", "add", "path", "members",
                            "value", List.of(Map.of("value", user.id, "display", user.userName))))), 204,
                    // 200 with the group and its members (small groups), or 204 with no body (large ones)
                    json -> json.isEmpty() || json.path("members").findValuesAsText("value").contains(user.id));
            if (reply != null) {
                group.members.add(user.id);
                group.acks.add(new Ack(reply.requestId, "member patch"));
            }
        }
    }

    private static final class UserState {
        final String id;
        final String userName;
        final List<String> attempted = new ArrayList<>();
        final List<Ack> acks = new ArrayList<>();
        int acknowledgedUpTo;

        UserState(String id, String userName, String displayName) {
            this.id = id;
            this.userName = userName;
            attempted.add(displayName);
        }
    }

    private static final class GroupState {
        final String id;
        final Set<String> members = new HashSet<>();
        final List<Ack> acks = new ArrayList<>();

        GroupState(String id) {
            this.id = id;
        }
    }

    private record Reply(String requestId, JsonNode json) {
    }

    /** An acknowledged write: the request id its events carry as transaction.id, and what it was. */
    private record Ack(String requestId, String operation) {
    }

    /** The reply when the status was {@code expected} (200 or 204 for a group PATCH) and the content right; null otherwise, counted as an error. */
    private Reply send(String operation, String method, String path, Object body, int expected,
                       java.util.function.Predicate<JsonNode> content) {
        long started = System.nanoTime();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("User-Agent", "Okta SCIM Client 1.0.0")
                    .header("Accept", "application/scim+json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/scim+json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - started) / 1000;
            boolean ok = response.statusCode() == expected || expected == 204 && response.statusCode() / 100 == 2;
            if (!ok) {
                stats.record(micros, operation + " " + response.statusCode() + " " + abbreviate(response.body()));
                return null;
            }
            String requestId = response.headers().firstValue("X-Request-Id").orElse("none");
            JsonNode json = response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (!content.test(json)) {
                stats.record(micros, operation + " " + response.statusCode() + " wrong content " + abbreviate(response.body()));
                return null;
            }
            stats.record(micros, null);
            return new Reply(requestId, json);
        } catch (IOException e) {
            stats.record((System.nanoTime() - started) / 1000, operation + " " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A SIEM following the log: pages of 1,000 from {@code since}, following next; a second's pause on a short page. */
    private void poll(Instant since) {
        String url = base + "/api/v1/logs?limit=1000&since=" + since;
        while (true) {
            try {
                HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() != 200) {
                    pollErrors.incrementAndGet();
                    stats.record(0, "log poll " + page.statusCode() + " " + abbreviate(page.body()));
                    sleep(1000);
                    continue;
                }
                JsonNode events = JSON.readTree(page.body());
                events.forEach(e -> polled.add(e.path("uuid").asText()));
                String next = page.headers().allValues("Link").stream().filter(l -> l.contains("rel=\"next\"")).findFirst().orElse(null);
                if (next != null) {
                    url = next.substring(next.indexOf('<') + 1, next.indexOf('>'));
                }
                if (events.size() < 1000) {
                    sleep(1000);
                }
            } catch (IOException e) {
                pollErrors.incrementAndGet();
                sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- measurements

    private long heapAfterGc() {
        try {
            Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(server.pid()), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            gc.waitFor(60, TimeUnit.SECONDS);
            String metrics = get("/prometheus").body();
            return (long) metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private long rss() {
        try {
            return Files.readAllLines(Path.of("/proc/" + server.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024)
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private JsonNode streamHealth() {
        try {
            return JSON.readTree(get("/health").body()).at("/details/systemLogStream/details");
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** Statistics per reporting window: throughput, latency percentiles, errors. */
    private static final class Stats {
        record Window(double perSecond, List<Long> micros, long errors, List<String> errorSamples) {
            double p(int percentile) {
                if (micros.isEmpty()) {
                    return 0;
                }
                return micros.get(Math.min(micros.size() - 1, (int) Math.ceil(percentile / 100.0 * micros.size()) - 1)) / 1000.0;
            }
        }

        private List<Long> micros = new ArrayList<>();
        private long errors;
        private long totalErrors;
        private long total;
        private List<String> errorSamples = new ArrayList<>();
        private long since = System.nanoTime();

        synchronized void record(long latencyMicros, String error) {
            micros.add(latencyMicros);
            total++;
            if (error != null) {
                errors++;
                totalErrors++;
                if (errorSamples.size() < 5) {
                    errorSamples.add(error);
                }
            }
        }

        synchronized Window window() {
            long now = System.nanoTime();
            List<Long> sorted = micros;
            Collections.sort(sorted);
            Window w = new Window(sorted.size() / ((now - since) / 1e9), sorted, errors, errorSamples);
            micros = new ArrayList<>();
            errors = 0;
            errorSamples = new ArrayList<>();
            since = now;
            return w;
        }

        synchronized long totalErrors() {
            return totalErrors;
        }

        synchronized long total() {
            return total;
        }
    }

    // ---------------------------------------------------------------- the comparison

    private int verify(List<long[]> samples, Thread poller, double reachedRate) throws Exception {
        int failures = loadReached("soak", rate, reachedRate) ? 0 : 1;
        System.out.println("load stopped; waiting for the relay to drain its backlog");
        await("the stream backlog is empty", Duration.ofSeconds(600), () -> streamHealth().path("backlogEvents").asLong(-1) == 0
                && streamHealth().path("kafkaReachable").asBoolean(false));

        // the database: every acknowledged write is there
        Map<String, String> displayNames = new HashMap<>();
        Set<String> memberships = new HashSet<>();
        Set<String> groupIds = new HashSet<>();
        Map<String, Set<String>> targetsByRequest = new HashMap<>();
        Map<String, List<String>> committedByKey = new LinkedHashMap<>();
        List<String> uuids = new ArrayList<>();
        try (Connection c = connect()) {
            query(c, "SELECT id::text, doc->>'displayName' FROM scim_user WHERE tenant_id = ?", rs -> displayNames.put(rs.getString(1), rs.getString(2)));
            query(c, "SELECT group_id::text || '/' || member_id::text FROM group_member WHERE tenant_id = ?", rs -> memberships.add(rs.getString(1)));
            query(c, "SELECT id::text FROM scim_group WHERE tenant_id = ?", rs -> groupIds.add(rs.getString(1)));
            query(c, "SELECT transaction_id, target_ids FROM log_event WHERE tenant_id = ?", rs -> {
                Set<String> ids = targetsByRequest.computeIfAbsent(rs.getString(1), k -> new HashSet<>());
                for (Object id : (Object[]) rs.getArray(2).getArray()) {
                    ids.add(String.valueOf(id));
                }
            });
            query(c, """
                    SELECT tenant_id::text || ':' || coalesce(body #>> '{target,0,id}', 'none'), uuid::text
                      FROM log_event WHERE tenant_id = ? ORDER BY txid, seq""", rs -> {
                committedByKey.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                uuids.add(rs.getString(2));
            });
        }
        long writes = 0;
        long notStored = 0;
        Map<String, Long> noEvent = new LinkedHashMap<>();
        for (Client client : all) {
            for (UserState user : client.users) {
                String stored = displayNames.get(user.id);
                if (stored == null || user.attempted.indexOf(stored) < user.acknowledgedUpTo) {
                    notStored++;
                }
                writes += user.acks.size();
                user.acks.stream().filter(a -> !targetsByRequest.getOrDefault(a.requestId(), Set.of()).contains(user.id))
                        .forEach(a -> noEvent.merge(a.operation(), 1L, Long::sum));
            }
            for (GroupState group : client.groups) {
                notStored += groupIds.contains(group.id) ? 0 : 1;
                notStored += group.members.stream().filter(m -> !memberships.contains(group.id + "/" + m)).count();
                writes += group.acks.size();
                group.acks.stream().filter(a -> !targetsByRequest.getOrDefault(a.requestId(), Set.of()).contains(group.id))
                        .forEach(a -> noEvent.merge(a.operation(), 1L, Long::sum));
            }
        }
        long withoutEvent = noEvent.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("RESULT database: %d acknowledged writes, %d not stored as acknowledged, %d without their event %s%n",
                writes, notStored, withoutEvent, withoutEvent == 0 ? "" : noEvent.toString());
        failures += notStored > 0 || withoutEvent > 0 ? 1 : 0;

        // the log, as the poller saw it
        await("the log poller has seen every event", Duration.ofSeconds(300), () -> polled.containsAll(uuids));
        poller.interrupt();
        long notPolled = uuids.stream().filter(u -> !polled.contains(u)).count();
        System.out.printf("RESULT log: %d events, %d missed by the poller following next (%d poll errors)%n",
                uuids.size(), notPolled, pollErrors.get());
        failures += notPolled > 0 ? 1 : 0;

        // the topic
        Map<String, List<String>> firstSeenByKey = new HashMap<>();
        Set<String> wanted = new HashSet<>(uuids);
        Set<String> seen = new HashSet<>();
        long records = readTopic(wanted, seen, firstSeenByKey);
        long notDelivered = wanted.stream().filter(u -> !seen.contains(u)).count();
        long outOfOrder = committedByKey.entrySet().stream()
                .filter(e -> !e.getValue().equals(firstSeenByKey.getOrDefault(e.getKey(), List.of()))).count();
        System.out.printf("RESULT topic: %d records read, %d of %d events missing, %d of %d resources out of commit order%n",
                records, notDelivered, uuids.size(), outOfOrder, committedByKey.size());
        failures += notDelivered > 0 || outOfOrder > 0 ? 1 : 0;

        System.out.printf("RESULT errors: %d of %d requests%n", stats.totalErrors(), stats.total());
        failures += stats.totalErrors() > 0 ? 1 : 0;

        // memory: heap after GC at minute 2 (or a third into a short run) against the end
        long[] last = samples.get(samples.size() - 1);
        long baselineAt = Math.min(120_000, last[0] / 3);
        long[] baseline = samples.stream().filter(s -> s[0] >= baselineAt).findFirst().orElse(samples.get(0));
        double growth = 100.0 * (last[1] - baseline[1]) / baseline[1];
        System.out.printf("RESULT memory: heap after GC %.1f MB at %d s, %.1f MB at %d s (%+.1f %%); RSS %.1f MB -> %.1f MB%n",
                baseline[1] / 1048576.0, baseline[0] / 1000, last[1] / 1048576.0, last[0] / 1000, growth,
                baseline[2] / 1048576.0, last[2] / 1048576.0);
        failures += growth > 10 ? 1 : 0;
        System.out.println(failures == 0 ? "RESULT soak passed" : "RESULT soak FAILED (" + failures + " checks)");
        return failures;
    }

    private long readTopic(Set<String> wanted, Set<String> seen, Map<String, List<String>> firstSeenByKey) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        long records = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(300);
            while (!seen.containsAll(wanted) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    Header uuid = r.headers().lastHeader("uuid");
                    String id = uuid == null ? "" : new String(uuid.value(), StandardCharsets.UTF_8);
                    if (wanted.contains(id) && seen.add(id)) {
                        firstSeenByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(id);
                    }
                }
            }
        }
        return records;
    }

    // ---------------------------------------------------------------- helpers

    private interface Row {
        void read(ResultSet rs) throws Exception;
    }

    private void query(Connection c, String sql, Row row) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(env.get("SCIMLOG_DB_URL") + "?user=postgres");
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private int healthStatus() {
        try {
            return get("/health").statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Prints the rate reached next to the one asked for; false (saying so) when it fell more than 5 % short: the
     * latencies and checks were then made at a load the soak never applied. (StreamBench holds the same rule; a
     * single-file program cannot share a class.)
     */
    static boolean loadReached(String what, double asked, double reached) {
        boolean ok = reached >= 0.95 * asked;
        System.out.printf("RESULT %s load: %.0f requests/s reached of %.0f asked (%.0f %%)%s%n", what, reached, asked,
                100 * reached / asked, ok ? "" : ": LOAD NOT REACHED (more than 5 % short), its figures are not at that load");
        return ok;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void await(String what, Duration deadline, BooleanSupplier condition) {
        Instant end = Instant.now().plus(deadline);
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                if (e instanceof IllegalStateException) {
                    throw e;
                }
            }
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            sleep(500);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
