package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.UserFixtures.USER;
import static org.scimlog.scim.UserFixtures.uniqueUserName;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

/**
 * Numbers of declared integer and decimal extension attributes: JSON allows any size, PostgreSQL's numeric
 * (jsonb numbers) does not. Too large or too precise is a 400, in bodies, PATCH values and filters.
 */
@MicronautTest(transactional = false)
class ExtensionNumbersTest extends ScimServerTest {

    private static final String ACME = "urn:example:params:scim:schemas:extension:numbers:2.0:User";

    @Override
    protected Map<String, String> extraProperties() {
        try {
            Path file = Files.createTempFile("numbers-schema", ".json");
            Files.writeString(file, """
                    [{"id": "%s", "name": "Numbers", "description": "numbers",
                      "attributes": [
                        {"name": "badgeNumber", "type": "integer"},
                        {"name": "rate", "type": "decimal"}
                      ]}]""".formatted(ACME));
            return Map.of("scimlog.scim.extension-schemas-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void numbersPostgresCannotHoldAreRefused() {
        for (String attribute : List.of("badgeNumber", "rate")) {
            for (String number : List.of("1e999999", "-1e999999", "1e-999999", "1" + "0".repeat(1200), "0." + "1".repeat(1200))) {
                Reply created = api.post("/scim/v2/Users", body(uniqueUserName("n"), attribute, number));
                assertTrue(created.status() == 400, attribute + " " + number.substring(0, 8) + ": " + created);
                String id = api.post("/scim/v2/Users", body(uniqueUserName("ok"), "rate", "1.5")).json().path("id").asText();
                Reply patched = api.patch("/scim/v2/Users/" + id, UnstorableTextTest.patchJson(
                        "{\"op\":\"add\",\"path\":\"" + ACME + ":" + attribute + "\",\"value\":" + number + "}"));
                assertEquals(400, patched.status(), patched::toString);
                Reply filtered = api.get("/scim/v2/Users?filter=" + Api.q(ACME + ":" + attribute + " gt " + number));
                assertTrue(filtered.status() == 200 || filtered.status() == 400, filtered::toString);
            }
        }
        assertEquals(201, api.post("/scim/v2/Users", body(uniqueUserName("big"), "badgeNumber", "9".repeat(900))).status());
    }

    private static String body(String userName, String attribute, String number) {
        return "{\"schemas\":[\"" + USER + "\",\"" + ACME + "\"],\"userName\":\"" + userName + "\",\"" + ACME + "\":{\""
                + attribute + "\":" + number + "}}";
    }
}
