package org.scimlog.launch;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code ops/run} keeps in its data directory ({@code dev-stack.properties}, readable by its owner only):
 * the server's address, and the demo and operator bearer tokens, which stay the same across restarts (an Okta
 * app set up with the demo token must not get 401 after one). The {@code tenant} command finds the stack here.
 */
record DevStackFile(String server, String demoToken, String operatorToken) {

    static Path path(java.util.Map<String, String> environment) {
        return Path.of(environment.getOrDefault("SCIMLOG_DATA_DIR", "data")).toAbsolutePath().resolve("dev-stack.properties");
    }

    static Optional<DevStackFile> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        String demo = properties.getProperty("demo-token");
        String operator = properties.getProperty("operator-token");
        if (demo == null || operator == null) {
            return Optional.empty();
        }
        return Optional.of(new DevStackFile(properties.getProperty("server", ""), demo, operator));
    }

    void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("server", server);
        properties.setProperty("demo-token", demoToken);
        properties.setProperty("operator-token", operatorToken);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                properties.store(writer, "ops/run: the dev stack's address and credentials (kept across restarts)");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
