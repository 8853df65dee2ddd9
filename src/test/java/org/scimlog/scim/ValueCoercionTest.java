package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.UserFixtures.ENTERPRISE;
import static org.scimlog.scim.UserFixtures.USER;
import static org.scimlog.scim.UserFixtures.uniqueUserName;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;

/**
 * One value, one answer: a POST or PUT body and a PATCH value are checked by the same coercer, so they
 * accept and refuse the same values with the same scimType and message. Each case is a rule of RFC 7643
 * §2.3 that the two paths used to read differently.
 */
@MicronautTest(transactional = false)
class ValueCoercionTest extends ScimServerTest {

    private static final String TYPES = "urn:example:params:scim:schemas:extension:types:2.0:User";

    @Override
    protected Map<String, String> extraProperties() {
        try {
            Path file = Files.createTempFile("types-schema", ".json");
            Files.writeString(file, """
                    [{"id": "%s", "name": "Types", "description": "one attribute of each checked type",
                      "attributes": [
                        {"name": "rate", "type": "decimal"},
                        {"name": "rates", "type": "decimal", "multiValued": true},
                        {"name": "seats", "type": "integer"},
                        {"name": "hiredAt", "type": "dateTime"},
                        {"name": "badge", "type": "binary"}
                      ]}]""".formatted(TYPES));
            return Map.of("scimlog.scim.extension-schemas-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decimal the client sent, as JSON text, in any of the forms JSON allows for the same number. */
    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.50", "15e-1", "0.0000001", "2.0", "2", "123456789012345678901234567890.125"})
    void repeatingADecimalChangesNothingAndRecordsNothing(String rate) {
        String body = typesBody(uniqueUserName("dec"), "\"rate\":" + rate + ",\"rates\":[" + rate + ",0.25],\"seats\":3");
        Reply created = api.post("/scim/v2/Users", body);
        assertEquals(201, created.status(), created::toString);
        String id = created.json().path("id").asText();

        Reply replaced = api.put("/scim/v2/Users/" + id, body);
        assertEquals(200, replaced.status(), replaced::toString);
        assertEquals("W/\"1\"", replaced.json().at("/meta/version").asText(), "a PUT that repeats " + rate);
        assertEquals(replaced.header("ETag"), created.header("ETag"));

        Reply patched = api.patch("/scim/v2/Users/" + id, patchOp("replace", TYPES + ":rate", rate));
        assertEquals(200, patched.status(), patched::toString);
        assertEquals("W/\"1\"", patched.json().at("/meta/version").asText(), "a PATCH that repeats " + rate);

        assertEquals(0, LogRows.events(tenantName, "user.account.update_profile").stream()
                .filter(e -> e.toString().contains(id)).count(), "no change from a value to itself is recorded");
        assertEquals(created.json().path(TYPES), api.get("/scim/v2/Users/" + id).json().path(TYPES));
    }

    @Test
    void aChangedDecimalIsStillAChange() {
        String id = create(typesBody(uniqueUserName("dec"), "\"rate\":1.5"));
        Reply patched = api.patch("/scim/v2/Users/" + id, patchOp("replace", TYPES + ":rate", "1.25"));
        assertEquals("W/\"2\"", patched.json().at("/meta/version").asText());
        assertEquals(0, patched.json().path(TYPES).path("rate").decimalValue().compareTo(new java.math.BigDecimal("1.25")));
    }

    /**
     * RFC 7643 §2.3.5: an xsd:dateTime. Its time zone is optional in XML Schema, but SCIM orders and filters
     * dateTimes as instants (RFC 7644 §3.4.2.2), which a value without an offset is not; both paths require
     * one, and seconds, and an offset within xsd's ±14:00 (PostgreSQL casts no further than ±15:59).
     */
    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T12:00:00", "2024-05-01T12:00Z", "2024-05-01", "2024-05-01T12:00:00+18:00",
            "2024-05-01T12:00:00Z[Europe/Paris]", "yesterday"})
    void dateTimesWithoutAnOffsetOrOutsideXsdAreRefusedAlike(String dateTime) {
        assertSameRefusal("hiredAt", "\"" + dateTime + "\"", "invalidValue", "date-time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T12:00:00Z", "2024-05-01T12:00:00.5+02:00", "2024-05-01T12:00:00-14:00"})
    void dateTimesWithAnOffsetAreAcceptedAlike(String dateTime) {
        assertSameAcceptance("hiredAt", "\"" + dateTime + "\"");
    }

    /** RFC 7643 §2.3.6: base64 of RFC 4648 §4, padding optional; no line breaks or other characters (RFC 4648 §3.3). */
    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "QUJD\\nREVG", "QUJD REVG", "QUJD-_8"})
    void binaryOutsideTheBase64AlphabetIsRefusedAlike(String base64) {
        assertSameRefusal("badge", "\"" + base64 + "\"", "invalidValue", "base64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"QUJDREVG", "QUJDREU=", "QUJDREU"})
    void base64WithOrWithoutPaddingIsAcceptedAlike(String base64) {
        assertSameAcceptance("badge", "\"" + base64 + "\"");
    }

    @Test
    void integersWrittenWithAZeroFractionAreIntegersAlike() {
        assertSameAcceptance("seats", "4.0");
        assertSameRefusal("seats", "4.5", "invalidValue", "must be an integer");
    }

    /**
     * RFC 7644 §3.5.1: values of readOnly attributes "SHALL be ignored". manager.displayName inside a manager
     * value is dropped by POST, PUT and PATCH alike; a PATCH whose path names it still modifies it, which
     * RFC 7644 §3.5.2 refuses with scimType mutability.
     */
    @Test
    void aReadOnlySubAttributeInsideAValueIsIgnoredAlike() {
        String manager = "{\"value\":\"m-1\",\"displayName\":\"ignored: read-only\"}";
        Reply created = api.post("/scim/v2/Users", enterpriseBody(uniqueUserName("ro"), manager));
        assertEquals(201, created.status(), created::toString);
        assertEquals("{\"value\":\"m-1\"}", created.json().path(ENTERPRISE).path("manager").toString());
        String id = created.json().path("id").asText();

        Reply replaced = api.put("/scim/v2/Users/" + id, enterpriseBody(created.json().path("userName").asText(), manager));
        assertEquals("W/\"1\"", replaced.json().at("/meta/version").asText(), replaced::toString);
        Reply patched = api.patch("/scim/v2/Users/" + id, patchOp("replace", ENTERPRISE + ":manager", manager));
        assertEquals(200, patched.status(), patched::toString);
        assertEquals("W/\"1\"", patched.json().at("/meta/version").asText(), "the read-only part changes nothing");
        assertEquals("{\"value\":\"m-1\"}", patched.json().path(ENTERPRISE).path("manager").toString());

        Reply targeted = api.patch("/scim/v2/Users/" + id, patchOp("replace", ENTERPRISE + ":manager.displayName", "\"Boss\""));
        assertEquals(400, targeted.status(), targeted::toString);
        assertEquals("mutability", targeted.json().path("scimType").asText());
    }

    /**
     * RFC 7643 §2.3.8: a complex value is a JSON object, so a bare id for manager is refused in a body. Entra ID
     * sends exactly that in PATCH ({"op":"Add","path":"...:manager","value":"id"}); PATCH reads it as
     * {"value":"id"} before the same strict check, a client quirk kept where the client sends it.
     */
    @Test
    void aBareIdForManagerIsAnEntraPatchShorthandOnly() {
        Reply created = api.post("/scim/v2/Users", enterpriseBody(uniqueUserName("bare"), "\"m-2\""));
        assertEquals(400, created.status(), created::toString);
        assertEquals("invalidValue", created.json().path("scimType").asText());
        assertTrue(created.json().path("detail").asText().contains("must be an object"), created::toString);

        String id = create(typesBody(uniqueUserName("bare"), "\"seats\":1"));
        Reply patched = api.patch("/scim/v2/Users/" + id, patchOp("add", ENTERPRISE + ":manager", "\"m-2\""));
        assertEquals(200, patched.status(), patched::toString);
        assertEquals("m-2", patched.json().path(ENTERPRISE).at("/manager/value").asText());
    }

    @Test
    void anUnknownSubAttributeIsTheSameInvalidValueAlike() {
        Reply created = api.post("/scim/v2/Users", enterpriseBody(uniqueUserName("unk"), "{\"value\":\"m\",\"boss\":true}"));
        assertEquals(400, created.status(), created::toString);
        assertEquals("invalidValue", created.json().path("scimType").asText());
        String id = create(typesBody(uniqueUserName("unk"), "\"seats\":1"));
        Reply patched = api.patch("/scim/v2/Users/" + id, patchOp("add", ENTERPRISE + ":manager", "{\"value\":\"m\",\"boss\":true}"));
        assertEquals(400, patched.status(), patched::toString);
        assertEquals("invalidValue", patched.json().path("scimType").asText());
        assertTrue(patched.json().path("detail").asText().endsWith(created.json().path("detail").asText()),
                "PATCH adds where in the request, then says the same: " + patched + " / " + created);
    }

    private void assertSameRefusal(String attribute, String json, String scimType, String detailPart) {
        Reply created = api.post("/scim/v2/Users", typesBody(uniqueUserName("no"), "\"" + attribute + "\":" + json));
        assertEquals(400, created.status(), created::toString);
        assertEquals(scimType, created.json().path("scimType").asText(), created::toString);
        String detail = created.json().path("detail").asText();
        assertTrue(detail.contains(detailPart), detail);

        String id = create(typesBody(uniqueUserName("no"), "\"seats\":1"));
        Reply replaced = api.put("/scim/v2/Users/" + id, typesBody(uniqueUserName("no"), "\"" + attribute + "\":" + json));
        assertEquals(400, replaced.status(), replaced::toString);
        assertEquals(detail, replaced.json().path("detail").asText());

        Reply patched = api.patch("/scim/v2/Users/" + id, patchOp("add", TYPES + ":" + attribute, json));
        assertEquals(400, patched.status(), patched::toString);
        assertEquals(scimType, patched.json().path("scimType").asText(), patched::toString);
        assertTrue(patched.json().path("detail").asText().endsWith(": " + detail),
                "the same message, after where in the PATCH: " + patched.json().path("detail") + " / " + detail);
    }

    private void assertSameAcceptance(String attribute, String json) {
        Reply created = api.post("/scim/v2/Users", typesBody(uniqueUserName("ok"), "\"" + attribute + "\":" + json));
        assertEquals(201, created.status(), created::toString);
        JsonNode stored = created.json().path(TYPES).path(attribute);
        String id = create(typesBody(uniqueUserName("ok"), "\"seats\":1"));
        Reply patched = api.patch("/scim/v2/Users/" + id, patchOp("add", TYPES + ":" + attribute, json));
        assertEquals(200, patched.status(), patched::toString);
        assertEquals(stored, patched.json().path(TYPES).path(attribute));
        assertFalse(stored.isMissingNode());
    }

    private String create(String body) {
        Reply created = api.post("/scim/v2/Users", body);
        assertEquals(201, created.status(), created::toString);
        return created.json().path("id").asText();
    }

    private static String typesBody(String userName, String members) {
        return "{\"schemas\":[\"" + USER + "\",\"" + TYPES + "\"],\"userName\":\"" + userName + "\",\""
                + TYPES + "\":{" + members + "}}";
    }

    private static String enterpriseBody(String userName, String manager) {
        return "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],\"userName\":\"" + userName + "\",\""
                + ENTERPRISE + "\":{\"manager\":" + manager + "}}";
    }

    private static String patchOp(String op, String path, String json) {
        return UnstorableTextTest.patchJson("{\"op\":\"" + op + "\",\"path\":\"" + path + "\",\"value\":" + json + "}");
    }
}
