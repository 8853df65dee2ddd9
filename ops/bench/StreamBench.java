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
 *   latency URL TOKEN BOOTSTRAP TOPIC RATE SECONDS : POST /Users at RATE per second; for every event the consumer
 *                                                  receives, receive time minus the event's published time
 *   drain BOOTSTRAP TOPIC EVENTS SINCE_MS TIMEOUT_SECONDS : reads until EVENTS records stamped since SINCE_MS arrived;
 *                                                  prints how fast they came
 */
public class StreamBench {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("latency")) {
            latency(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]));
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

    private static void latency(String url, String token, String bootstrap, String topic, int rate, int seconds) throws Exception {
        ObjectMapper json = new ObjectMapper();
        KafkaConsumer<String, String> consumer = consumerAtEnd(bootstrap, topic);
        // a bounded set of connections (like a real client pool), paced by tickets issued at the target rate
        HttpClient http = HttpClient.newHttpClient();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong sent = new AtomicLong();
        String run = Long.toString(System.currentTimeMillis(), 36);
        long total = (long) rate * seconds;
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
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/scim/v2/Users"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/scim+json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                                    + "\"userName\":\"bench-" + run + "-" + n + "@example.com\",\"active\":true}")).build();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 201 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        Instant started = Instant.now();
        List<Long> latencies = new ArrayList<>();
        Instant deadline = started.plusSeconds(seconds + 60);
        while (Instant.now().isBefore(deadline) && (ok.get() + failed.get() < total || latencies.size() < ok.get())) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                long now = System.currentTimeMillis();
                if (!"user.lifecycle.create".equals(new String(r.headers().lastHeader("eventType").value()))) {
                    continue;
                }
                Instant published = Instant.parse(json.readTree(r.value()).path("published").asText());
                latencies.add(now - published.toEpochMilli());
            }
        }
        ticker.shutdownNow();
        senders.shutdownNow();
        double elapsed = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        Collections.sort(latencies);
        System.out.printf("RESULT latency: %d writes at a target of %d/s (%d x 201, %d failed) took %.1f s; %d events consumed%n",
                sent.get(), rate, ok.get(), failed.get(), elapsed, latencies.size());
        if (!latencies.isEmpty()) {
            System.out.printf("RESULT commit->Kafka latency ms: p50 %d, p99 %d, max %d%n", pct(latencies, 50), pct(latencies, 99),
                    latencies.get(latencies.size() - 1));
        }
        consumer.close();
        System.exit(0);
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
