package org.scimlog.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything the JVM prints to stdout and stderr while it is open, log lines included (logback's console
 * appender writes through {@code System.out} as it is at each write), still passed on to the real streams:
 * for "this secret is printed nowhere" checks.
 */
public final class OutputCapture implements AutoCloseable {

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public OutputCapture() {
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
    }

    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private final class Tee extends OutputStream {
        private final OutputStream passOn;

        Tee(OutputStream passOn) {
            this.passOn = passOn;
        }

        @Override
        public void write(int b) {
            synchronized (captured) {
                captured.write(b);
            }
            try {
                passOn.write(b);
            } catch (java.io.IOException ignored) {
                // the real stream failing is no reason to lose the capture
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (captured) {
                captured.write(b, off, len);
            }
            try {
                passOn.write(b, off, len);
            } catch (java.io.IOException ignored) {
                // as above
            }
        }
    }
}
