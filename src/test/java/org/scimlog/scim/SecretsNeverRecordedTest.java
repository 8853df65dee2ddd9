package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.BulkFixtures.BULK_REQUEST;
import static org.scimlog.scim.UserFixtures.oktaUser;
import static org.scimlog.scim.UserFixtures.patch;
import static org.scimlog.scim.UserFixtures.uniqueUserName;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.ReadEventBuffer;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.LogRows;
import org.scimlog.support.OutputCapture;
import org.scimlog.support.ScimServerTest;

/**
 * A rejected secret is quoted nowhere: not in the response, not in the System Log (and so not on Kafka),
 * not in what the server prints. Nor is a database error's detail, which quotes the values it refused.
 */
@MicronautTest(transactional = false)
class SecretsNeverRecordedTest extends ScimServerTest {

    @Inject
    DataSource dataSource;
    @Inject
    ReadEventBuffer readEvents;

    @Test
    void aPasswordOfTheWrongTypeIsRefusedWithoutQuotingIt() {
        String id = api.post("/scim/v2/Users", oktaUser(uniqueUserName("pw"), "P", "W")).json().path("id").asText();
        long secret = 73195288410026L;
        try (OutputCapture output = new OutputCapture()) {
            List<Reply> replies = List.of(
                    api.patch("/scim/v2/Users/" + id, patch(Map.of("op", "replace", "path", "password", "value", secret))),
                    api.patch("/scim/v2/Users/" + id, patch(Map.of("op", "replace", "value", Map.of("password", secret)))),
                    api.patch("/scim/v2/Users/" + id, patch(Map.of("op", "add", "path", "password", "value", secret + 1))),
                    api.post("/scim/v2/Users", Map.of("schemas", List.of(UserFixtures.USER),
                            "userName", uniqueUserName("pw"), "password", secret)),
                    api.post("/scim/v2/Bulk", Map.of("schemas", List.of(BULK_REQUEST), "Operations", List.of(
                            Map.of("method", "PATCH", "path", "/Users/" + id,
                                    "data", patch(Map.of("op", "replace", "path", "password", "value", secret)))))));
            for (Reply reply : replies) {
                assertFalse(reply.body().contains(Long.toString(secret).substring(0, 10)), reply::toString);
            }
            assertEquals(400, replies.get(0).status(), replies.get(0)::toString);
            assertEquals(400, replies.get(1).status(), replies.get(1)::toString);
            readEvents.flush();
            assertFalse(LogRows.everything().contains(Long.toString(secret).substring(0, 10)), "nothing in the log");
            assertFalse(output.text().contains(Long.toString(secret).substring(0, 10)), "nothing printed");
        }
    }

    @Test
    void aFilterOnThePasswordIsRefusedAndItsValueRecordedNowhere() {
        try (OutputCapture output = new OutputCapture()) {
            Reply reply = api.get("/scim/v2/Users?filter=" + Api.q("password eq \"S3cretFilterValue\""));
            assertEquals(400, reply.status(), reply::toString);
            assertEquals("invalidFilter", reply.json().path("scimType").asText(), reply::toString);
            Reply nested = api.get("/scim/v2/Users?filter=" + Api.q("userName pr and password sw \"S3cretFilterValue\""));
            assertEquals(400, nested.status(), nested::toString);
            Reply search = api.post("/scim/v2/Users/.search", Map.of(
                    "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"),
                    "filter", "password eq \"S3cretFilterValue\""));
            assertEquals(400, search.status(), search::toString);
            assertEquals(400, api.get("/scim/v2/Users?sortBy=password").status());
            for (Reply r : List.of(reply, nested, search)) {
                assertFalse(r.body().contains("S3cretFilterValue"), r::toString);
            }
            readEvents.flush();
            assertFalse(LogRows.everything().contains("S3cretFilterValue"), "no filter value in the log");
            assertFalse(output.text().contains("S3cretFilterValue"), "nothing printed");
        }
    }

    @Test
    void databaseErrorsQuoteNoValues() throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("CREATE TEMP TABLE secret_probe (v text UNIQUE)")) {
                ps.execute();
            }
            String message = null;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO secret_probe VALUES (?)")) {
                ps.setString(1, "Probe-S3cret-4711");
                ps.addBatch();
                ps.setString(1, "Probe-S3cret-4711");
                ps.addBatch();
                ps.executeBatch();
            } catch (SQLException e) {
                StringBuilder all = new StringBuilder();
                for (Throwable t = e; t != null; t = t.getCause()) {
                    all.append(t).append('\n');
                }
                for (SQLException next = e.getNextException(); next != null; next = next.getNextException()) {
                    all.append(next).append('\n');
                }
                message = e.getSQLState() + " " + all;
            } finally {
                c.rollback();
            }
            assertTrue(message != null && message.contains("23505"), message);
            assertFalse(message.contains("Probe-S3cret-4711"), "the refused value is quoted: " + message);
        }
    }
}
