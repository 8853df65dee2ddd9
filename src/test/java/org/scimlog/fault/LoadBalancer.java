package org.scimlog.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's haproxy in front of scimlog processes, configured by the product's own {@code ops/haproxy.cfg} (the file
 * {@code ops/cluster} uses) with a server line per instance. Its output goes to {@code target/fault-logs}.
 */
final class LoadBalancer implements AutoCloseable {

    private final Process process;
    private final int port;

    private LoadBalancer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts haproxy over {@code servers} and waits until it forwards {@code /health/readiness}. */
    static LoadBalancer start(List<ServerProcess> servers) {
        int port = ServerProcess.freePort();
        try {
            StringBuilder config = new StringBuilder(Files.readString(Path.of("ops", "haproxy.cfg")));
            for (int i = 0; i < servers.size(); i++) {
                config.append("    server scimlog-").append(i + 1).append(' ')
                        .append(servers.get(i).baseUrl().substring("http://".length())).append(" check\n");
            }
            Path directory = Path.of("target", "fault-logs").toAbsolutePath();
            Files.createDirectories(directory);
            Path file = Files.createTempFile(directory, "haproxy-", ".cfg");
            Files.writeString(file, config);
            Path log = Files.createTempFile(directory, "haproxy-", ".log");
            FaultLogs.register(log);
            ProcessBuilder builder = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("SCIMLOG_LB_ADDRESS", "127.0.0.1:" + port);
            LoadBalancer balancer = new LoadBalancer(start(builder), port);
            Await.until("haproxy forwards to a ready instance (log: " + log + ")", Duration.ofSeconds(60), () -> {
                if (!balancer.process.isAlive()) {
                    throw new AssertionError("haproxy exited " + balancer.process.exitValue() + "; see " + log);
                }
                return balancer.readiness() == 200;
            });
            return balancer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process start(ProcessBuilder builder) throws IOException {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException("haproxy could not start; install Debian's package (apt-get install -y haproxy, as .ci/run does)", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private int readiness() {
        return ServerProcess.status(baseUrl(), "/health/readiness");
    }

    @Override
    public void close() {
        process.destroy();
    }
}
