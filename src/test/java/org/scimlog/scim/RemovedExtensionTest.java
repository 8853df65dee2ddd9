package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.UserFixtures.oktaUser;
import static org.scimlog.scim.UserFixtures.patch;
import static org.scimlog.scim.UserFixtures.uniqueUserName;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.TestDatabase;

/**
 * A user holds data of an extension schema the configuration no longer declares (it was removed after the
 * user was provisioned). Writes that do not touch it go through, as Okta's deactivation must, and the data
 * is dropped then; the profile event names the schema that went.
 */
@MicronautTest(transactional = false)
class RemovedExtensionTest extends ScimServerTest {

    private static final String REMOVED = "urn:acme:params:scim:schemas:extension:retired:2.0:User";

    @Test
    void patchingAUserWithDataOfARemovedExtensionSucceedsAndDropsIt() throws SQLException {
        String id = userWithRemovedExtensionData();
        Reply deactivated = api.patch("/scim/v2/Users/" + id,
                patch(Map.of("op", "replace", "value", Map.of("active", false))));
        assertEquals(200, deactivated.status(), deactivated::toString);
        assertFalse(deactivated.json().path("active").asBoolean(true));
        assertFalse(deactivated.json().has(REMOVED), deactivated::toString);
        assertFalse(deactivated.json().path("schemas").toString().contains(REMOVED), deactivated::toString);
        assertFalse(storedDocument(id).contains(REMOVED), "dropped on this write");
        assertTrue(lastProfileEventDebugData(id).contains(REMOVED), "the event says which schema's data went");

        Reply again = api.patch("/scim/v2/Users/" + id, patch(Map.of("op", "replace", "path", "title", "value", "Dr")));
        assertEquals(200, again.status(), again::toString);
    }

    @Test
    void replacingSucceedsToo() throws SQLException {
        String id = userWithRemovedExtensionData();
        Reply replaced = api.put("/scim/v2/Users/" + id, oktaUser(uniqueUserName("put"), "P", "U"));
        assertEquals(200, replaced.status(), replaced::toString);
        assertFalse(storedDocument(id).contains(REMOVED));
    }

    @Test
    void aPatchNamingTheRemovedExtensionIsStillRefused() throws SQLException {
        String id = userWithRemovedExtensionData();
        Reply reply = api.patch("/scim/v2/Users/" + id,
                patch(Map.of("op", "replace", "path", REMOVED + ":costCenter", "value", "9")));
        BadInputTest.assertError(reply, 400, null);
    }

    /** A user as provisioned while the extension was declared: its data and its URN in "schemas". */
    private String userWithRemovedExtensionData() throws SQLException {
        String id = api.post("/scim/v2/Users", oktaUser(uniqueUserName("retired"), "R", "E")).json().path("id").asText();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE scim_user SET doc = jsonb_set(doc || jsonb_build_object(?::text, '{\"costCenter\":\"42\"}'::jsonb),"
                        + " '{schemas}', (doc->'schemas') || to_jsonb(?::text)) WHERE id = ?")) {
            ps.setString(1, REMOVED);
            ps.setString(2, REMOVED);
            ps.setObject(3, UUID.fromString(id));
            assertEquals(1, ps.executeUpdate());
        }
        return id;
    }

    private String storedDocument(String id) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT doc::text FROM scim_user WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    private String lastProfileEventDebugData(String id) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT body::text FROM log_event WHERE event_type = 'user.account.update_profile' AND body::text LIKE ?"
                        + " ORDER BY seq DESC LIMIT 1")) {
            ps.setString(1, "%" + id + "%");
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "a profile event");
                JsonNode body = org.scimlog.support.Api.json(rs.getString(1));
                return body.at("/debugContext/debugData").toString();
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(TestDatabase.jdbcUrl(), "postgres", "");
    }
}
