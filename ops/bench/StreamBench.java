import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Measures the System Log stream from outside, as a Kafka consumer would see it. Run with the scimlog jar on
 * the class path (java --class-path target/scimlog.jar ops/bench/StreamBench.java ...):
 *   latency URL TOKEN BOOTSTRAP TOPIC RATE SECONDS JDBC_URL WARMUP : POST /Users at RATE per second for WARMUP and
 *                                                  then SECONDS seconds; for every event of the measured seconds the
 *                                                  consumer receives, receive time minus the commit time of its
 *                                                  transaction (PostgreSQL's commit timestamp), and the stages between
 *   drain BOOTSTRAP TOPIC EVENTS SINCE_MS TIMEOUT_SECONDS : reads until EVENTS records stamped since SINCE_MS arrived;
 *                                                  prints how fast they came
 */
public class StreamBench {

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("latency") && args.length == 9 || args[0].equals("drain") && args.length == 6)) {
            System.err.println("usage: latency URL TOKEN BOOTSTRAP TOPIC RATE SECONDS JDBC_URL WARMUP"
                    + " | drain BOOTSTRAP TOPIC EVENTS SINCE_MS TIMEOUT_SECONDS (ops/bench/stream runs it)");
            System.exit(2);
        }
        if (args[0].equals("latency")) {
            latency(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]), args[7],
                    Integer.parseInt(args[8]));
        } else {
            drain(args[1], args[2], Long.parseLong(args[3]), Long.parseLong(args[4]), Integer.parseInt(args[5]));
        }
    }

    private static KafkaConsumer<String, String> consumerAtEnd(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** One consumed event: its uuid, published time, the relay's send time (Kafka CreateTime) and when the consumer had it. */
    private record Sample(String uuid, long published, long sent, long received) {
    }

    private static void report(String label, List<Sample> samples, java.util.function.ToLongFunction<Sample> metric) {
        List<Long> values = new ArrayList<>();
        samples.forEach(s -> values.add(metric.applyAsLong(s)));
        Collections.sort(values);
        System.out.printf("RESULT %s latency ms: p50 %d, p99 %d, max %d%n", label, pct(values, 50), pct(values, 99),
                values.get(values.size() - 1));
    }

    /** When each event's transaction committed, by PostgreSQL's own clock (track_commit_timestamp, on in the dev stack). */
    private static Map<String, Long> commitTimes(String jdbcUrl, List<Sample> samples) throws Exception {
        Map<String, Long> commits = new java.util.HashMap<>();
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "");
             var ps = c.prepareStatement("SELECT uuid::text, (extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000)::bigint"
                     + " FROM log_event WHERE uuid = ANY(?::uuid[])")) {
            for (int from = 0; from < samples.size(); from += 5000) {
                List<Sample> chunk = samples.subList(from, Math.min(samples.size(), from + 5000));
                ps.setArray(1, c.createArrayOf("text", chunk.stream().map(Sample::uuid).toArray()));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        commits.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        if (commits.size() != samples.size()) {
            throw new IllegalStateException("commit times found for " + commits.size() + " of " + samples.size() + " events");
        }
        return commits;
    }

    private static void latency(String url, String token, String bootstrap, String topic, int rate, int seconds,
                                String jdbcUrl, int warmupSeconds) throws Exception {
        ObjectMapper json = new ObjectMapper();
        KafkaConsumer<String, String> consumer = consumerAtEnd(bootstrap, topic);
        // a bounded set of connections (like a real client pool), paced by tickets issued at the target rate
        HttpClient http = HttpClient.newHttpClient();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong sent = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        String run = Long.toString(System.currentTimeMillis(), 36);
        long total = (long) rate * (warmupSeconds + seconds);
        java.util.concurrent.BlockingQueue<Long> tickets = new java.util.concurrent.LinkedBlockingQueue<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        int perTick = Math.max(1, rate / 100);
        AtomicLong issued = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perTick && issued.get() < total; i++) {
                tickets.add(issued.incrementAndGet());
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        java.util.concurrent.ExecutorService senders = Executors.newFixedThreadPool(32);
        for (int t = 0; t < 32; t++) {
            senders.submit(() -> {
                while (sent.get() < total) {
                    Long n = tickets.poll(1, TimeUnit.SECONDS);
                    if (n == null) {
                        continue;
                    }
                    sent.incrementAndGet();
                    // Okta's create-user request as it sends it (body and headers, see scim-create.lua)
                    String userName = "bench-" + run + "-" + n + "@example.com";
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/scim/v2/Users"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/scim+json")
                            .header("Accept", "application/scim+json").header("User-Agent", "Okta SCIM Client 1.0.0")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                                    + "\"userName\":\"" + userName + "\",\"name\":{\"givenName\":\"Bench\",\"familyName\":\"User\"},"
                                    + "\"emails\":[{\"primary\":true,\"value\":\"" + userName + "\",\"type\":\"work\"}],"
                                    + "\"displayName\":\"Bench User\",\"locale\":\"en-US\",\"externalId\":\"00u" + n + "\","
                                    + "\"groups\":[],\"password\":\"1mz050nq\",\"active\":true}")).build();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        // right only with the status and the user created: its id and the userName sent
                        boolean right = response.statusCode() == 201 && response.body().contains("\"userName\":\"" + userName + "\"")
                                && response.body().contains("\"id\":\"");
                        (right ? ok : failed).incrementAndGet();
                        lastAnswer.accumulateAndGet(System.currentTimeMillis(), Math::max);
                        if (!right && failed.get() <= 10) {
                            System.out.println("WRONG POST /Users: " + response.statusCode() + " "
                                    + response.body().substring(0, Math.min(300, response.body().length())));
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        Instant started = Instant.now();
        // the load runs without a break from warm-up into measurement, in this one JVM: a client (and its
        // consumer) that starts cold lags by a second or more at first, which is not the stream's latency
        long measuredFrom = started.plusSeconds(warmupSeconds).toEpochMilli();
        List<Sample> samples = new ArrayList<>();
        long consumed = 0;
        Instant deadline = started.plusSeconds(warmupSeconds + seconds + 60);
        while (Instant.now().isBefore(deadline) && (ok.get() + failed.get() < total || consumed < ok.get())) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                long now = System.currentTimeMillis();
                if (!"user.lifecycle.create".equals(new String(r.headers().lastHeader("eventType").value()))) {
                    continue;
                }
                consumed++;
                var event = json.readTree(r.value());
                long published = Instant.parse(event.path("published").asText()).toEpochMilli();
                if (published >= measuredFrom) {
                    samples.add(new Sample(event.path("uuid").asText(), published, r.timestamp(), now));
                }
            }
        }
        ticker.shutdownNow();
        senders.shutdownNow();
        double elapsed = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        double sendSeconds = (lastAnswer.get() - started.toEpochMilli()) / 1000.0;
        System.out.printf("RESULT latency: %d writes at a target of %d/s (%d x 201, %d failed) took %.1f s; %d events consumed,"
                        + " the %d of the last %d s measured%n",
                sent.get(), rate, ok.get(), failed.get(), elapsed, consumed, samples.size(), seconds);
        if (!samples.isEmpty()) {
            Map<String, Long> commits = commitTimes(jdbcUrl, samples);
            report("commit->Kafka consumer", samples, s -> s.received() - commits.get(s.uuid()));
            report("  commit->relay send", samples, s -> s.sent() - commits.get(s.uuid()));
            report("  relay send->consumer", samples, s -> s.received() - s.sent());
            report("published->Kafka consumer (incl. request before commit)", samples, s -> s.received() - s.published());
            report("  published->commit", samples, s -> commits.get(s.uuid()) - s.published());
        }
        consumer.close();
        // the pacing issues tickets at the rate; writes answered more slowly than that fall behind the tickets,
        // and the latencies above are then those of a lower load
        boolean reached = loadReached("stream writes", rate, ok.get() / Math.max(0.001, sendSeconds));
        System.exit(reached && failed.get() == 0 ? 0 : 1);
    }

    /** Counts records stamped at or after {@code since} (the relay's restart) and times them by their Kafka timestamps. */
    private static void drain(String bootstrap, String topic, long events, long since, int timeoutSeconds) {
        try (KafkaConsumer<String, String> consumer = consumerAtEnd(bootstrap, topic)) {
            consumer.seekToBeginning(consumer.assignment());
            Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
            long count = 0;
            long first = Long.MAX_VALUE;
            long last = 0;
            while (count < events && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.timestamp() >= since) {
                        count++;
                        first = Math.min(first, r.timestamp());
                        last = Math.max(last, r.timestamp());
                    }
                }
            }
            double seconds = Math.max(1, last - first) / 1000.0;
            System.out.printf("RESULT drain: %d of %d backlog events reached Kafka in %.1f s from the first to the last: %.0f events/s%n",
                    count, events, seconds, count / seconds);
        }
    }

    /**
     * Prints the rate reached next to the one asked for; false (saying so) when it fell more than 5 % short.
     * (Soak holds the same rule; a single-file program cannot share a class.)
     */
    static boolean loadReached(String what, double asked, double reached) {
        boolean ok = reached >= 0.95 * asked;
        System.out.printf("RESULT %s load: %.0f/s reached of %.0f/s asked (%.0f %%)%s%n", what, reached, asked,
                100 * reached / asked, ok ? "" : ": LOAD NOT REACHED (more than 5 % short), the latencies above are not at that load");
        return ok;
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
