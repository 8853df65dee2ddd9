package org.scimlog.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * scimlog as its own operating-system process ({@code java org.scimlog.Application}, serve mode), started from
 * the test JVM's class path with its configuration as {@code -D} properties, so a test can kill it the way an
 * outage would (SIGKILL: nothing runs, not even shutdown hooks) and start it again on the same database.
 * Everything it prints goes to a file under {@code target/fault-logs}, which {@link FaultLogs} shows when a
 * test fails.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Map<String, String> properties;
    private final List<Path> logs = new ArrayList<>();
    private volatile Process process;
    private volatile int port;

    private ServerProcess(String name, Map<String, String> properties) {
        this.name = name;
        this.properties = new LinkedHashMap<>(properties);
    }

    /** Starts an instance and waits until {@code /health} answers. */
    public static ServerProcess start(String name, Map<String, String> properties) {
        ServerProcess server = new ServerProcess(name, properties);
        server.start();
        return server;
    }

    /** Starts again after {@link #kill()} or {@link #terminate()}, same configuration, on a fresh port. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        port = freePort();
        Map<String, String> p = new LinkedHashMap<>(properties);
        p.put("micronaut.server.port", Integer.toString(port));
        Path log = logFile(name + "-" + (logs.size() + 1));
        logs.add(log);
        process = launch(p, List.of(), log);
        awaitHealthAnswers(log);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the process ends at once, in the middle of whatever it was doing. */
    public void kill() {
        Process p = process;
        p.destroyForcibly();
        awaitExit(p);
    }

    /** SIGTERM: the process may finish what it is doing and run its shutdown hooks. Returns the exit code. */
    public int terminate() {
        Process p = process;
        p.destroy();
        return awaitExit(p);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    /** The log files of every start of this instance, oldest first. */
    public List<Path> logs() {
        return List.copyOf(logs);
    }

    /**
     * Runs a command of the same program ({@code tenant create ...}, {@code log verify ...}) against the same
     * database and returns what it printed; fails unless it exits 0.
     */
    public static String command(Map<String, String> properties, String... args) {
        Path log = logFile("command-" + args[0]);
        Process p = launch(properties, List.of(args), log);
        try {
            if (!p.waitFor(START_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("`" + String.join(" ", args) + "` did not finish; see " + log);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError("`" + String.join(" ", args) + "` exited " + p.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Process launch(Map<String, String> config, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // small and quick to start: several of these share two cores with the tests, PostgreSQL and Kafka
        command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                // the product's own logging (INFO), not the test suite's
                "-Dlogback.configurationFile=logback.xml"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", classPath(), "org.scimlog.Application"));
        command.addAll(args);
        try {
            FaultLogs.register(log);
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    private void awaitHealthAnswers(Path log) {
        Await.until(name + " answers /health (log: " + log + ")", START_DEADLINE, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited " + process.exitValue() + " while starting; see " + log);
            }
            return healthStatus() > 0;
        });
    }

    /** The HTTP status of {@code GET /health}, or 0 when nothing answers within 10 s. */
    public int healthStatus() {
        return status("/health");
    }

    /** The HTTP status of an anonymous {@code GET path} ({@code /health/readiness}), or 0 when nothing answers within 10 s. */
    public int status(String path) {
        return status(baseUrl(), path);
    }

    /** The HTTP status of an anonymous {@code GET} of {@code baseUrl + path}, or 0 when nothing answers within 10 s. */
    static int status(String baseUrl, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(10)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int awaitExit(Process p) {
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("the server process did not exit within 60 s of being asked to");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The test JVM's class path: under Surefire, {@code java.class.path} may be a manifest-only jar that exists
     * only while the fork runs; {@code surefire.test.class.path} lists the real entries.
     */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static Path logFile(String stem) {
        try {
            Path directory = Path.of("target", "fault-logs").toAbsolutePath();
            Files.createDirectories(directory);
            return Files.createTempFile(directory, stem + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + (process == null ? "-" : process.pid()) + ", " + baseUrl() + ")";
    }
}
