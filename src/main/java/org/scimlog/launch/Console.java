package org.scimlog.launch;

import java.io.PrintStream;

/**
 * What the command line prints for people and scripts (SCIM_BASE_URL=..., a token shown once). This is
 * the commands' output, deliberately not the log: a token must never reach a log file.
 */
final class Console {

    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;

    private Console() {
    }

    static void line(String text) {
        OUT.println(text);
        OUT.flush();
    }

    static void error(String text) {
        ERR.println(text);
        ERR.flush();
    }
}
