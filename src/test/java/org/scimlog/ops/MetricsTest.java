package org.scimlog.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Await;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.StreamProperties;
import org.scimlog.support.TestKafka;

/**
 * After Okta's lifecycle against a server that streams to a real Kafka broker, /prometheus has every series the
 * README documents, with exactly the documented labels, the SCIM requests labelled by what they did, and no
 * resource id in any label.
 */
@MicronautTest(transactional = false)
class MetricsTest extends ScimServerTest {

    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `(scimlog_[a-z_]+|hikaricp_[a-z_]+|jvm_[a-z_]+)` \\| ([a-z]+) \\| ([^|]*) \\|(.*)\\|$");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private PrometheusText scrape;
    private String lastText;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(StreamProperties.of(TestKafka.shared().bootstrapServers(), TestKafka.uniqueTopic()));
        p.put("scimlog.log.seal-lag-refresh", "200ms");
        return p;
    }

    @BeforeAll
    void traffic() {
        OktaTraffic.run(api, server.getURI().toString());
        Api metrics = new Api(server.getURI().toString(), null);
        // the read events are written by the buffer's writer, the lags are counted on a timer: wait for both
        Await.until("the relay is active, the read events written and the sealer caught up", Duration.ofSeconds(60), () -> {
            String text = metrics.get("/prometheus").body();
            scrape = PrometheusText.parse(text);
            lastText = text;
            return scrape.find("scimlog_stream_relay_active", Map.of()).map(s -> s.value() == 1).orElse(false)
                    && scrape.find("scimlog_log_recording_seconds_count", Map.of("mode", "read_batch")).isPresent()
                    && scrape.find("scimlog_chain_sealer_lag_events", Map.of()).map(s -> s.value() == 0).orElse(false);
        });
        try { // what the README's table is checked against, for whoever updates it
            Files.writeString(Path.of("target", "metrics-scrape.txt"), lastText);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void scimRequestsAreLabelledByTheLifecycleStepTheyRecorded() {
        Map<String, String> user = Map.of("resource_type", "User", "tenant", tenantName);
        assertCount(user, "create", "201");
        assertCount(user, "import", "200");
        assertCount(user, "read", "200");
        assertCount(user, "update", "200");
        assertCount(user, "deactivate", "200");
        assertCount(user, "reactivate", "200");
        assertCount(user, "create", "409");
        assertCount(user, "read", "404");
        assertCount(user, "delete", "204");
        Map<String, String> group = Map.of("resource_type", "Group", "tenant", tenantName);
        assertEquals(1, count(group, "group_push", "201"));
        assertEquals(1, count(group, "group_push", "200"));
        assertEquals(1, count(group, "group_push", "204"));
        assertTrue(count(Map.of("resource_type", "User", "tenant", "none"), "import", "401") >= 1,
                "a request without a token belongs to tenant none");
    }

    @Test
    void latencyIsAHistogramWithServiceLevelBuckets() {
        Map<String, String> created = Map.of("resource_type", "User", "operation", "create", "status", "201", "tenant", tenantName);
        Set<String> buckets = scrape.named("scimlog_scim_requests_seconds_bucket").stream()
                .filter(s -> s.labels().entrySet().containsAll(created.entrySet()))
                .map(s -> s.labels().get("le")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0",
                "10.0", "+Inf")), buckets);
        assertEquals(1, scrape.value("scimlog_scim_requests_seconds_bucket", with(created, "le", "+Inf")));
    }

    @Test
    void systemLogEventsAreCountedByTypeAndOutcomeOnceCommitted() {
        assertEquals(1, scrape.value("scimlog_log_events_total", Map.of("type", "user.lifecycle.deactivate", "outcome", "SUCCESS")));
        assertEquals(1, scrape.value("scimlog_log_events_total", Map.of("type", "user.lifecycle.activate", "outcome", "SUCCESS")));
        assertTrue(scrape.value("scimlog_log_events_total", Map.of("type", "scimlog.scim.request.rejected", "outcome", "FAILURE")) >= 2);
        assertTrue(scrape.value("scimlog_log_events_total", Map.of("type", "scimlog.scim.search", "outcome", "SUCCESS")) >= 1,
                "read events count once the buffer wrote them");
        for (String mode : List.of("transaction", "alone", "read_batch")) {
            assertTrue(scrape.value("scimlog_log_recording_seconds_count", Map.of("mode", mode)) >= 1, mode);
        }
    }

    @Test
    void everyDocumentedSeriesAppearsWithExactlyItsDocumentedLabels() throws IOException {
        Map<String, Row> documented = documented();
        assertTrue(documented.size() >= 20, "the README's metrics table: " + documented.keySet());
        for (Row row : documented.values()) {
            String sampleName = switch (row.type()) {
                case "histogram" -> row.name() + "_bucket";
                default -> row.name();
            };
            List<PrometheusText.Sample> samples = scrape.named(sampleName);
            if (row.note().contains("appears at the first")) {
                continue;
            }
            assertFalse(samples.isEmpty(), "documented but not exposed: " + sampleName);
            for (PrometheusText.Sample sample : samples) {
                Set<String> labels = new TreeSet<>(sample.labels().keySet());
                labels.remove("le");
                assertEquals(row.labels(), labels, "labels of " + sampleName + " " + sample.labels());
            }
        }
        Set<String> exposed = scrape.samples().stream().map(PrometheusText.Sample::name)
                .filter(n -> n.startsWith("scimlog_"))
                .map(n -> n.replaceAll("_(bucket|count|sum|max)$", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        exposed.removeAll(documented.keySet());
        assertEquals(Set.of(), exposed, "exposed but not documented in the README");
    }

    @Test
    void noLabelHoldsAnIdOrASecret() {
        for (PrometheusText.Sample sample : scrape.samples()) {
            for (String value : sample.labels().values()) {
                assertFalse(UUID_TEXT.matcher(value).find(), "an id in a label: " + sample);
                assertFalse(value.contains(OktaTraffic.PASSWORD) || value.contains("scimlog_"), "a secret in a label: " + sample);
            }
        }
    }

    private record Row(String name, String type, Set<String> labels, String note) {
    }

    /** The rows of the README's metrics table: name, type, labels (comma-separated, or "—"), meaning. */
    static Map<String, Row> documented() throws IOException {
        Map<String, Row> rows = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher m = DOCUMENTED.matcher(line);
            if (m.matches()) {
                Set<String> labels = new TreeSet<>();
                for (String label : m.group(3).split(",")) {
                    String name = label.strip().replace("`", "");
                    if (!name.isEmpty() && !name.equals("—")) {
                        labels.add(name);
                    }
                }
                rows.put(m.group(1), new Row(m.group(1), m.group(2), labels, m.group(4)));
            }
        }
        return rows;
    }

    private void assertCount(Map<String, String> labels, String operation, String status) {
        assertEquals(1, count(labels, operation, status), operation + " " + status);
    }

    private double count(Map<String, String> labels, String operation, String status) {
        Map<String, String> all = with(with(labels, "operation", operation), "status", status);
        return scrape.find("scimlog_scim_requests_seconds_count", all).map(PrometheusText.Sample::value).orElse(0.0);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(key, value);
        return more;
    }
}
