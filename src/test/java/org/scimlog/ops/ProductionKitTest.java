package org.scimlog.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.core.naming.conventions.StringConvention;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import jakarta.inject.Inject;
import org.scimlog.audit.chain.ChainSealer;
import org.scimlog.audit.chain.Checkpoint;
import org.scimlog.audit.chain.CheckpointKeys;
import org.scimlog.audit.chain.CheckpointSigner;
import org.scimlog.audit.stream.KafkaClientSettings;
import org.scimlog.launch.Console;
import org.scimlog.launch.LogCommand;
import org.scimlog.launch.OAuthKeysCommand;
import org.scimlog.support.Await;
import org.scimlog.support.LogMaintenance;
import org.scimlog.support.Api;
import org.scimlog.support.ScimServerTest;
import org.yaml.snakeyaml.Yaml;

/**
 * The production kit holds together as far as this machine can tell without a cluster: the manifests parse, the
 * Deployment's probes are paths this server answers on its port, every secret, config map, mount and variable it
 * names exists on the other side, and the production configuration resolves with exactly the variables the
 * Deployment sets: its Kafka settings are all known to Kafka's clients and its PostgreSQL URL checks certificates.
 */
@MicronautTest(transactional = false)
class ProductionKitTest extends ScimServerTest {

    private static final Path KUBERNETES = Path.of("ops", "kubernetes");
    private static final Path PRODUCTION_CONFIG = Path.of("ops", "production", "scimlog.yml");
    private static final Path CONTAINERFILE = Path.of("ops", "production", "Containerfile");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)(:[^}]*)?}");

    /** The signing keys as the kit mounts them: files, made by the commands the Secret's comments name. */
    private static final Path KEYS = Path.of("target", "production-kit-keys-" + java.util.UUID.randomUUID());

    private final Map<String, Map<String, Object>> byKind = new HashMap<>();

    @Inject
    CheckpointSigner signer;
    @Inject
    ChainSealer sealer;

    @Override
    protected Map<String, String> extraProperties() {
        try {
            Files.createDirectories(KEYS);
            Console quiet = new Console(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            assertEquals(0, LogCommand.run(new String[] {"keygen", KEYS.resolve("key.pem").toString(),
                    KEYS.resolve("checkpoint.pub.pem").toString()}, quiet));
            assertEquals(0, OAuthKeysCommand.run(new String[] {"keygen", KEYS.resolve("signing-keys.json").toString()}, quiet));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Map.of("scimlog.log.checkpoint.signing-key-file", KEYS.resolve("key.pem").toString(),
                "scimlog.oauth.signing-keys-file", KEYS.resolve("signing-keys.json").toString(),
                "scimlog.log.checkpoint.interval", "1h");
    }
    private final List<Map<String, Object>> secrets = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    void parseManifests() throws IOException {
        try (var files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    Map<String, Object> resource = (Map<String, Object>) document;
                    assertNotNull(resource.get("apiVersion"), file + " has a document without apiVersion");
                    String kind = (String) resource.get("kind");
                    if (kind.equals("Secret")) {
                        secrets.add(resource);
                    } else {
                        assertEquals(null, byKind.put(kind, resource), "two of kind " + kind);
                    }
                }
            }
        }
        assertEquals(Set.of("Deployment", "Service", "PodDisruptionBudget", "ConfigMap", "Job"), byKind.keySet());
    }

    @Test
    void theDeploymentRunsSeveralReplicasWithResourcesAndProbesThisServerAnswers() {
        Map<String, Object> deployment = byKind.get("Deployment");
        assertTrue((Integer) at(deployment, "spec", "replicas") >= 2);
        Map<String, Object> container = container();
        Map<String, Object> resources = map(container.get("resources"));
        assertNotNull(at(resources, "requests", "cpu"));
        assertNotNull(at(resources, "requests", "memory"));
        assertNotNull(at(resources, "limits", "memory"));
        Map<String, Object> port = list(container.get("ports")).get(0);
        assertEquals("http", port.get("name"));
        assertEquals(Integer.parseInt(env().get("SCIMLOG_PORT")), port.get("containerPort"));
        Api anonymous = new Api(server.getURI().toString(), null);
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            Map<String, Object> get = map(at(container, probe, "httpGet"));
            assertEquals("http", get.get("port"), probe);
            Api.Reply reply = anonymous.get((String) get.get("path"));
            assertEquals(200, reply.status(), probe + " " + get.get("path") + ": " + reply);
        }
        int grace = (Integer) at(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");
        int drain = Integer.parseInt(env().get("SCIMLOG_SHUTDOWN_GRACE_PERIOD").replace("s", ""));
        assertTrue(grace > drain + 5, "the pod is killed before scimlog has drained: " + grace + " s");
    }

    @Test
    void serviceAndDisruptionBudgetSelectTheDeploymentsPods() {
        Map<String, Object> podLabels = map(at(byKind.get("Deployment"), "spec", "template", "metadata", "labels"));
        assertTrue(podLabels.entrySet().containsAll(map(at(byKind.get("Service"), "spec", "selector")).entrySet()));
        assertTrue(podLabels.entrySet().containsAll(
                map(at(byKind.get("PodDisruptionBudget"), "spec", "selector", "matchLabels")).entrySet()));
        assertEquals(1, at(byKind.get("PodDisruptionBudget"), "spec", "maxUnavailable"));
        assertEquals("http", list(at(byKind.get("Service"), "spec", "ports")).get(0).get("targetPort"));
    }

    @Test
    void everySecretConfigMapAndMountTheDeploymentNamesExists() throws IOException {
        Map<String, Object> container = container();
        for (Map<String, Object> variable : list(container.get("env"))) {
            Map<String, Object> ref = variable.get("valueFrom") == null ? null : map(at(variable, "valueFrom", "secretKeyRef"));
            if (ref != null) {
                assertTrue(secretKeys((String) ref.get("name")).contains(ref.get("key")), "missing secret key " + ref);
            }
        }
        Map<String, Object> config = byKind.get("ConfigMap");
        assertEquals(Files.readString(PRODUCTION_CONFIG), map(config.get("data")).get("scimlog.yml"),
                "the ConfigMap holds ops/production/scimlog.yml as it is");
        List<Map<String, Object>> volumes = list(at(byKind.get("Deployment"), "spec", "template", "spec", "volumes"));
        assertEquals(at(config, "metadata", "name"), at(volumes.get(0), "configMap", "name"));
        Set<String> tlsKeys = secretKeys((String) at(volumes.get(1), "secret", "secretName"));
        Map<String, String> mounts = new HashMap<>();
        list(container.get("volumeMounts")).forEach(m -> mounts.put((String) m.get("name"), (String) m.get("mountPath")));
        assertEquals(env().get("MICRONAUT_CONFIG_FILES"), mounts.get("config"));
        Matcher files = Pattern.compile(Pattern.quote(mounts.get("tls")) + "/([a-z.-]+)").matcher(Files.readString(PRODUCTION_CONFIG));
        int found = 0;
        while (files.find()) {
            assertTrue(tlsKeys.contains(files.group(1)), "the TLS secret lacks " + files.group(1));
            found++;
        }
        assertEquals(2, found, "PostgreSQL's and Kafka's CA files");
    }

    @Test
    void everyVariableTheDeploymentSetsIsReadAndEveryOneTheConfigNeedsIsSet() throws IOException {
        String configs = Files.readString(Path.of("src", "main", "resources", "application.yml")) + Files.readString(PRODUCTION_CONFIG);
        Set<String> read = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(configs);
        while (m.find()) {
            read.add(m.group(1));
        }
        for (String name : env().keySet()) {
            assertTrue(name.equals("MICRONAUT_CONFIG_FILES") || read.contains(name), name + " is set but read by no configuration");
        }
        Matcher required = PLACEHOLDER.matcher(Files.readString(PRODUCTION_CONFIG));
        while (required.find()) {
            if (required.group(2) == null) {
                assertTrue(env().containsKey(required.group(1)), required.group(1) + " is needed but not set by the Deployment");
            }
        }
    }

    @Test
    void theProductionConfigurationResolvesToTlsForPostgresAndSaslSslForKafka() throws IOException {
        Map<String, Object> values = new HashMap<>();
        env().keySet().forEach(name -> values.put(name, "value-of-" + name));
        Map<String, Object> production;
        try (InputStream in = Files.newInputStream(PRODUCTION_CONFIG)) {
            production = new YamlPropertySourceLoader().read("production", in);
        }
        try (ApplicationContext context = ApplicationContext.builder().environmentPropertySource(false)
                .propertySources(PropertySource.of("deployment-env", values), PropertySource.of("production", production)).build()) {
            Environment environment = context.getEnvironment();
            environment.start();
            for (String key : production.keySet()) {
                environment.getProperty(key, String.class); // throws on a placeholder nobody sets
            }
            String url = environment.getProperty("datasources.default.url", String.class).orElseThrow();
            assertTrue(url.startsWith("jdbc:postgresql://value-of-SCIMLOG_DB_HOST:5432/") && url.contains("sslmode=verify-full"), url);
            KafkaClientSettings kafka = KafkaClientSettings.from(environment.getProperties("scimlog.stream.kafka", StringConvention.RAW));
            assertEquals(Set.of(), kafka.ignored(), "settings no Kafka client knows");
            Map<String, Object> producer = kafka.producer();
            assertEquals("SASL_SSL", producer.get("security.protocol"));
            assertTrue(producer.get("sasl.jaas.config").toString().contains("password=\"value-of-SCIMLOG_KAFKA_PASSWORD\""));
            assertFalse(kafka.describe().contains("value-of-SCIMLOG_KAFKA_PASSWORD"), "a secret in what scimlog logs");
            assertEquals("value-of-SCIMLOG_LOG_CHECKPOINT_SIGNING_KEY_FILE",
                    environment.getProperty("scimlog.log.checkpoint.signing-key-file", String.class).orElseThrow());
            assertEquals("value-of-SCIMLOG_OAUTH_SIGNING_KEYS_FILE",
                    environment.getProperty("scimlog.oauth.signing-keys-file", String.class).orElseThrow());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOwnerMigratesInAJobOfItsOwnAndTheInstancesDoNot() throws IOException {
        Map<String, Object> job = list(at(byKind.get("Job"), "spec", "template", "spec", "containers")).get(0);
        assertEquals(container().get("image"), job.get("image"));
        assertEquals(List.of("migrate"), job.get("args"));
        Set<String> ownerSecrets = new TreeSet<>();
        for (Map<String, Object> variable : list(job.get("env"))) {
            Map<String, Object> ref = variable.get("valueFrom") == null ? null : map(at(variable, "valueFrom", "secretKeyRef"));
            if (ref != null) {
                assertTrue(secretKeys((String) ref.get("name")).contains(ref.get("key")), "missing secret key " + ref);
                ownerSecrets.add((String) ref.get("name"));
            }
        }
        for (Map<String, Object> variable : list(container().get("env"))) {
            if (variable.get("valueFrom") != null) {
                assertFalse(ownerSecrets.contains(at(variable, "valueFrom", "secretKeyRef", "name")),
                        "the instances can read the owner's password");
            }
        }
        Map<String, Object> production;
        try (InputStream in = Files.newInputStream(PRODUCTION_CONFIG)) {
            production = new YamlPropertySourceLoader().read("production", in);
        }
        try (ApplicationContext context = ApplicationContext.builder().environmentPropertySource(false)
                .propertySources(PropertySource.of("production", production)).build()) {
            Environment environment = context.getEnvironment();
            environment.start();
            assertEquals(Boolean.FALSE, environment.getProperty("flyway.datasources.default.enabled", Boolean.class).orElseThrow(),
                    "the instances migrate at start");
        }
    }

    @Test
    void theContainerRecipeFetchesNothingAndRunsUnprivilegedOnTheDeploymentsPort() throws IOException {
        String recipe = Files.readString(CONTAINERFILE);
        assertTrue(recipe.contains("COPY --chown=root:root --chmod=0444 target/scimlog.jar"), recipe);
        assertFalse(recipe.matches("(?s).*\\b(curl|wget|apt-get|ADD\\s+https?:).*"), "a network fetch in the recipe");
        assertTrue(recipe.contains("EXPOSE " + env().get("SCIMLOG_PORT")));
        Matcher user = Pattern.compile("(?m)^USER (\\d+)$").matcher(recipe);
        assertTrue(user.find(), "runs as a numeric non-root user");
        assertEquals(Integer.parseInt(user.group(1)),
                at(byKind.get("Deployment"), "spec", "template", "spec", "securityContext", "runAsUser"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSigningKeysAreFilesOfSecretsOfTheirOwnThatTheConfigurationNames() throws IOException {
        Map<String, String> env = env();
        Map<String, Object> podSpec = map(at(byKind.get("Deployment"), "spec", "template", "spec"));
        Map<String, String> mounts = new HashMap<>();
        list(container().get("volumeMounts")).forEach(m -> mounts.put((String) m.get("mountPath"), (String) m.get("name")));
        Set<String> jobSecrets = new TreeSet<>();
        for (Map<String, Object> variable : list(list(at(byKind.get("Job"), "spec", "template", "spec", "containers")).get(0).get("env"))) {
            if (variable.get("valueFrom") != null) {
                jobSecrets.add((String) at(variable, "valueFrom", "secretKeyRef", "name"));
            }
        }
        for (String variable : List.of("SCIMLOG_LOG_CHECKPOINT_SIGNING_KEY_FILE", "SCIMLOG_OAUTH_SIGNING_KEYS_FILE")) {
            String file = env.get(variable);
            assertNotNull(file, variable + " is not set by the Deployment");
            Path path = Path.of(file);
            String volumeName = mounts.get(path.getParent().toString());
            assertNotNull(volumeName, "no volume is mounted at " + path.getParent());
            Map<String, Object> volume = list(podSpec.get("volumes")).stream().filter(v -> volumeName.equals(v.get("name")))
                    .findFirst().orElseThrow();
            String secret = (String) at(volume, "secret", "secretName");
            assertNotNull(secret, volumeName + " is not a Secret");
            assertTrue(secretKeys(secret).contains(path.getFileName().toString()), "the Secret " + secret + " lacks " + path.getFileName());
            assertFalse(secret.equals("scimlog-secrets") || jobSecrets.contains(secret),
                    "a signing key shares a Secret with the database's credentials: " + secret);
            int mode = (Integer) at(volume, "secret", "defaultMode");
            assertEquals(0, mode & 0007, "the key file is readable by every user of the container");
            assertTrue((mode & 0040) != 0 && podSpec.containsKey("securityContext")
                    && at(podSpec, "securityContext", "runAsUser").equals(at(podSpec, "securityContext", "fsGroup")),
                    "the server's user cannot read the key file");
        }
        String configs = Files.readString(PRODUCTION_CONFIG);
        assertTrue(configs.contains("signing-key-file: ${SCIMLOG_LOG_CHECKPOINT_SIGNING_KEY_FILE}"), "required, not defaulted");
        assertTrue(configs.contains("signing-keys-file: ${SCIMLOG_OAUTH_SIGNING_KEYS_FILE}"), "required, not defaulted");
    }

    @Test
    void aServerGivenKeyFilesMadeByTheCommandsSignsCheckpointsAndAccessTokensWithThem() throws Exception {
        // the OAuth keys the JWKS publishes are the file's
        com.nimbusds.jose.jwk.JWKSet file = com.nimbusds.jose.jwk.JWKSet.parse(Files.readString(KEYS.resolve("signing-keys.json")));
        com.nimbusds.jose.jwk.JWKSet published = com.nimbusds.jose.jwk.JWKSet.parse(new Api(server.getURI().toString(), null)
                .get("/oauth2/v1/keys").body());
        assertEquals(file.getKeys().get(0).getKeyID(), published.getKeys().get(0).getKeyID());
        assertFalse(published.getKeys().get(0).isPrivate());
        // checkpoints verify with the public half the command wrote beside the private key
        assertEquals(201, api.post("/scim/v2/Users", Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                "userName", "kit-" + java.util.UUID.randomUUID() + "@example.com")).status());
        LogMaintenance.sealEverythingCommitted(sealer::sealBatch);
        java.security.PublicKey publicKey = CheckpointKeys.publicKey(Files.readString(KEYS.resolve("checkpoint.pub.pem")));
        List<Checkpoint> signed = new ArrayList<>();
        assertTrue(Await.until(java.time.Duration.ofMinutes(1), () -> {
            signed.addAll(signer.signNow());
            return !signed.isEmpty();
        }), "a checkpoint is signed");
        for (Checkpoint checkpoint : signed) {
            assertTrue(CheckpointKeys.verifies(publicKey, checkpoint), "a checkpoint that the key file's public half does not verify");
        }
        // and rotation: keygen again on the same file puts a new key first, keeping the old one
        Path rotated = Files.copy(KEYS.resolve("signing-keys.json"), KEYS.resolve("rotated.json"));
        OAuthKeysCommand.run(new String[] {"keygen", rotated.toString()}, new Console(new java.io.PrintStream(
                java.io.OutputStream.nullOutputStream()), new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
        List<com.nimbusds.jose.jwk.JWK> keys = com.nimbusds.jose.jwk.JWKSet.parse(Files.readString(rotated)).getKeys();
        assertEquals(2, keys.size());
        assertEquals(file.getKeys().get(0).getKeyID(), keys.get(1).getKeyID());
        assertTrue(keys.get(0).isPrivate());
    }

    private Map<String, Object> container() {
        return list(at(byKind.get("Deployment"), "spec", "template", "spec", "containers")).get(0);
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> variable : list(container().get("env"))) {
            env.put((String) variable.get("name"), variable.get("value") == null ? null : variable.get("value").toString());
        }
        return env;
    }

    private Set<String> secretKeys(String name) {
        return secrets.stream().filter(s -> name.equals(at(s, "metadata", "name"))).findFirst()
                .map(s -> map(s.get("stringData")).keySet()).orElseThrow(() -> new AssertionError("no Secret " + name));
    }

    private static Object at(Map<String, Object> map, String... path) {
        Object node = map;
        for (String key : path) {
            assertTrue(node instanceof Map, "no " + String.join(".", path));
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object node) {
        return (List<Map<String, Object>>) node;
    }
}
