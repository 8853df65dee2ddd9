package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.scimlog.support.ScimServerTest;

/**
 * Okta's own SCIM 2.0 test suites (ops/okta-scim-tests), replayed by their local runner against this
 * server with --strict-types: JSON numbers and booleans where Okta's docs require them.
 */
@MicronautTest(transactional = false)
class OktaScimSuitesTest extends ScimServerTest {

    private static final Path SUITES = Path.of("ops", "okta-scim-tests");

    @Test
    void specTestPasses() throws Exception {
        assertSuitePasses("Okta-SCIM-20-SPEC-Test.json", "--seed-user");
    }

    @Test
    void specTestWithGroupsOf2023Passes() throws Exception {
        assertSuitePasses("Okta-SCIM-20-SPEC-Test-with-groups-2023.json", "--seed-user");
    }

    @Test
    void crudTestPasses() throws Exception {
        assertSuitePasses("Okta-SCIM-20-CRUD-Test.json");
    }

    private void assertSuitePasses(String suite, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", SUITES.resolve("run_runscope.py").toString(),
                SUITES.resolve(suite).toString(), "--no-pause", "--strict-types",
                "--base-url", server.getURI() + "/scim/v2", "--auth-header", "Bearer " + api.token()));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "runner finished");
        String[] lines = output.strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.matches("\\d+ passed, 0 failed"), () -> output);
        assertEquals(0, process.exitValue(), output);
    }
}
