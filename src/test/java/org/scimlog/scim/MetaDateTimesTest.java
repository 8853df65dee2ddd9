package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.scimlog.scim.UserFixtures.oktaUser;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.TestDatabase;

/**
 * meta.created and meta.lastModified are written as every instant scimlog writes: three fraction digits.
 * RFC 7643 §2.3.5 (xsd:dateTime) allows both spellings; one spelling spares clients a parser for both.
 */
@MicronautTest(transactional = false)
class MetaDateTimesTest extends ScimServerTest {

    @Test
    void aResourceStampedOnAWholeSecondShowsThreeZeroDigits() throws Exception {
        Reply created = api.post("/scim/v2/Users", oktaUser("whole.second." + System.nanoTime() + "@example.com", "Ada", "Lovelace"));
        String id = created.json().path("id").asText();
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("UPDATE scim_user SET created_at = '2026-11-30T15:27:07Z',"
                     + " last_modified = '2026-11-30T15:28:00Z' WHERE id = ?::uuid")) {
            ps.setString(1, id);
            assertEquals(1, ps.executeUpdate());
        }

        JsonNode meta = api.get("/scim/v2/Users/" + id).json().path("meta");

        assertEquals("2026-11-30T15:27:07.000Z", meta.path("created").asText(), meta::toString);
        assertEquals("2026-11-30T15:28:00.000Z", meta.path("lastModified").asText(), meta::toString);
    }
}
