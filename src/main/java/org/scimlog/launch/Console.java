package org.scimlog.launch;

import java.io.PrintStream;

/**
 * What a command prints for people and scripts (SCIM_BASE_URL=..., a token shown once). This is the
 * commands' output, deliberately not the log: a token must never reach a log file.
 */
public record Console(PrintStream out, PrintStream err) {

    public static Console system() {
        return new Console(System.out, System.err);
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    void error(String text) {
        err.println(text);
        err.flush();
    }
}
