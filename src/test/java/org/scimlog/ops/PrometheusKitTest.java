package org.scimlog.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Await;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.StreamProperties;
import org.scimlog.support.TestKafka;
import org.yaml.snakeyaml.Yaml;

/**
 * The ops kit against a real Prometheus (Debian's package, installed by .ci/run): it scrapes a scimlog that streams
 * to a real Kafka broker, under Okta's traffic, with the metrics token, and evaluates every expression of the
 * Grafana dashboard and the left-hand side of every alert rule: each must return data, so no panel or rule names
 * a series or label that does not exist. The rules load without error, pass {@code promtool check rules}, and each
 * fires in {@code promtool test rules}.
 */
@MicronautTest(transactional = false)
class PrometheusKitTest extends ScimServerTest {

    private static final String TOKEN = "prometheus-kit-test-" + UUID.randomUUID();
    private static final Path DASHBOARD = Path.of("ops", "grafana", "scimlog-dashboard.json");
    private static final Path RULES = Path.of("ops", "prometheus", "alerts.yml");
    private static final Path RULE_TESTS = Path.of("ops", "prometheus", "alerts-test.yml");
    private static final Pattern COMPARISON = Pattern.compile("(?s)^(.*\\S)\\s*(>=|<=|==|!=|>|<)\\s*([0-9.]+)\\s*$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Process prometheus;
    private String prometheusUrl;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(StreamProperties.of(TestKafka.shared().bootstrapServers(), TestKafka.uniqueTopic()));
        p.put("scimlog.metrics.anonymous", "false");
        p.put("scimlog.metrics.token", TOKEN);
        p.put("scimlog.log.seal-lag-refresh", "300ms");
        return p;
    }

    @BeforeAll
    void startPrometheusAndSendTraffic() throws IOException {
        Path home = Path.of("target", "prometheus", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(home);
        Files.writeString(home.resolve("token"), TOKEN);
        Files.writeString(home.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: scimlog
                    metrics_path: /prometheus
                    authorization:
                      credentials_file: %s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(RULES.toAbsolutePath(), home.resolve("token"), server.getPort()));
        int port = freePort();
        prometheusUrl = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(binary("prometheus"), "--config.file=" + home.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + home.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(home.resolve("prometheus.log").toFile()).start();
        OktaTraffic.run(api, server.getURI().toString());
        Await.until("Prometheus scraped scimlog after the traffic", Duration.ofSeconds(60),
                () -> !query("scimlog_scim_requests_seconds_count{operation=\"group_push\"}").isEmpty()
                        && !query("up{job=\"scimlog\"} == 1").isEmpty());
    }

    @AfterAll
    void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    @Test
    void everyDashboardPanelReturnsData() throws IOException {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        Map<String, String> expressions = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(panel.path("targets").size() > 0, "a panel without a query: " + panel.path("title"));
            for (JsonNode target : panel.path("targets")) {
                expressions.put(panel.path("title").asText() + " / " + target.path("refId").asText(),
                        target.path("expr").asText().replace("$__rate_interval", "1m").replace("$tenant", ".*"));
            }
        }
        assertTrue(expressions.size() >= 20, "dashboard queries: " + expressions.size());
        assertAllReturnData(expressions);
    }

    @Test
    void everyAlertRuleEvaluatesOnRealSeriesAndLoadsWithoutError() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (Map<String, Object> rule : rules()) {
            String expr = (String) rule.get("expr");
            Matcher m = COMPARISON.matcher(expr.strip());
            assertTrue(m.matches(), "rule " + rule.get("alert") + " is not '<expression> <comparison> <threshold>': " + expr);
            expressions.put((String) rule.get("alert"), m.group(1));
        }
        assertAllReturnData(expressions);
        Await.until("Prometheus evaluated every rule", Duration.ofSeconds(30), () -> {
            JsonNode groups = get("/api/v1/rules").path("data").path("groups");
            List<JsonNode> evaluated = new ArrayList<>();
            groups.forEach(g -> g.path("rules").forEach(r -> {
                if (!r.path("lastEvaluation").asText().startsWith("0001")) {
                    evaluated.add(r);
                }
            }));
            return evaluated.size() == expressions.size();
        });
        get("/api/v1/rules").path("data").path("groups").forEach(g -> g.path("rules").forEach(r ->
                assertEquals("ok", r.path("health").asText(), r.path("name").asText() + ": " + r.path("lastError"))));
    }

    @Test
    void promtoolChecksTheRulesAndFiresEachInItsUnitTests() throws Exception {
        assertEquals("", run(binary("promtool"), "check", "rules", RULES.toString()).error());
        // the example scrape configuration (its token file exists only where Prometheus runs)
        assertEquals("", run(binary("promtool"), "check", "config", "--syntax-only", "ops/prometheus/prometheus.yml").error());
        Run tests = run(binary("promtool"), "test", "rules", RULE_TESTS.toString());
        assertEquals("", tests.error());
        List<String> tested = new ArrayList<>();
        Map<String, Object> file = new Yaml().load(Files.readString(RULE_TESTS));
        for (Object test : (List<?>) file.get("tests")) {
            for (Object case_ : (List<?>) ((Map<?, ?>) test).get("alert_rule_test")) {
                Map<?, ?> c = (Map<?, ?>) case_;
                if (!((List<?>) c.get("exp_alerts")).isEmpty()) {
                    tested.add((String) c.get("alertname"));
                }
            }
        }
        for (Map<String, Object> rule : rules()) {
            assertTrue(tested.contains((String) rule.get("alert")), "no promtool case fires " + rule.get("alert"));
        }
    }

    private record Run(String output, String error) {
    }

    private static Run run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return new Run(output, p.exitValue() == 0 ? "" : "exit " + p.exitValue() + ":\n" + output);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(RULES));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : (List<?>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) ((Map<String, Object>) group).get("rules"));
        }
        return rules;
    }

    /** Waits until every expression returns data (series appear as scrapes go on), then names those that do not. */
    private void assertAllReturnData(Map<String, String> expressions) {
        Map<String, String> empty = new LinkedHashMap<>();
        Await.until(Duration.ofSeconds(60), () -> {
            empty.clear();
            expressions.forEach((name, expr) -> {
                if (query(expr).isEmpty()) {
                    empty.put(name, expr);
                }
            });
            return empty.isEmpty();
        });
        assertEquals(Map.of(), empty, "expressions that returned no data");
    }

    private List<JsonNode> query(String expr) {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        assertEquals("success", answer.path("status").asText(), expr + ": " + answer);
        List<JsonNode> result = new ArrayList<>();
        answer.path("data").path("result").forEach(result::add);
        return result;
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            // Prometheus is still starting
            return JSON.createObjectNode().put("status", "unreachable").put("error", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        throw new AssertionError(name + " is not installed: apt-get install prometheus (.ci/run does)");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
