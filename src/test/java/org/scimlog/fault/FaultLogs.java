package org.scimlog.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the end of every server process's output when a fault test fails, so the cause is in the build log
 * and not only in a file of a CI runner that is gone. The files stay under {@code target/fault-logs}.
 */
public final class FaultLogs implements TestWatcher {

    private static final int LINES = 150;
    private static final List<Path> FILES = new ArrayList<>();

    static synchronized void register(Path log) {
        FILES.add(log);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        List<Path> files;
        synchronized (FaultLogs.class) {
            files = List.copyOf(FILES);
        }
        for (Path file : files) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                System.out.println("===== last " + Math.min(LINES, lines.size()) + " lines of " + file);
                lines.subList(Math.max(0, lines.size() - LINES), lines.size()).forEach(System.out::println);
            } catch (IOException e) {
                System.out.println("===== " + file + " could not be read: " + e.getMessage());
            }
        }
        forget();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        forget();
    }

    private static synchronized void forget() {
        FILES.clear();
    }
}
