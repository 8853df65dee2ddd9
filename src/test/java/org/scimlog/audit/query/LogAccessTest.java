package org.scimlog.audit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.support.Api.q;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;

/** Who may read which log, and the Okta-shaped refusals the framework produces under /api/. */
@MicronautTest(transactional = false)
class LogAccessTest extends LogServerTest {

    @Test
    void withoutATokenTheAnswerIsOkta401() {
        Reply reply = new Api(server.getURI().toString(), null).get("/api/v1/logs");
        assertOktaError(reply, 401, "E0000011");
        assertTrue(reply.header("WWW-Authenticate").startsWith("Bearer"), reply.raw().headers().toString());
    }

    @Test
    void anUnknownTokenIsOkta401() {
        assertOktaError(new Api(server.getURI().toString(), "not-a-token").get("/api/v1/logs"), 401, "E0000011");
    }

    @Test
    void aProvisioningTokenWithoutLogsReadIsOkta403() {
        Reply reply = api.get("/api/v1/logs");
        assertOktaError(reply, 403, "E0000006");
    }

    @Test
    void unknownPathsAndMethodsUnderApiAreOktaErrors() {
        Api logs = newLogTenant().api();
        assertOktaError(logs.get("/api/v1/nothing-here"), 404, "E0000007");
        assertOktaError(logs.post("/api/v1/logs", "{}"), 405, "E0000022");
    }

    @Test
    void scimPathsKeepTheirScimErrorBodies() {
        Reply anonymous = new Api(server.getURI().toString(), null).get("/scim/v2/Users");
        assertEquals(401, anonymous.status());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", anonymous.json().at("/schemas/0").asText());
        assertEquals("401", anonymous.json().path("status").asText());
        assertEquals("Bearer realm=\"scimlog\"", anonymous.header("WWW-Authenticate"));
        Reply logsTokenOnScim = newLogTenant().api().get("/scim/v2/Users");
        assertEquals(403, logsTokenOnScim.status());
        assertEquals("403", logsTokenOnScim.json().path("status").asText());
    }

    @Test
    void aTenantReadsOnlyItsOwnEvents() {
        LogTenant mine = newLogTenant();
        LogTenant theirs = newLogTenant();
        String myEvent = append(mine.id(), userCreated("00u-mine", "mine")).path("uuid").asText();
        String theirEvent = append(theirs.id(), userCreated("00u-theirs", "theirs")).path("uuid").asText();

        assertEquals(List.of(myEvent), uuids(mine.api().get("/api/v1/logs").json()));
        assertEquals(List.of(theirEvent), uuids(theirs.api().get("/api/v1/logs").json()));
        assertEquals(List.of(), uuids(mine.api().get("/api/v1/logs?filter=" + q("uuid eq \"" + theirEvent + "\"")).json()));
        assertEquals(List.of(), uuids(mine.api().get("/api/v1/logs?filter=" + q("target.id eq \"00u-theirs\"")).json()));
        assertEquals(List.of(), uuids(mine.api().get("/api/v1/logs?q=theirs").json()));
        assertEquals(List.of(), uuids(mine.api().get("/api/v1/logs?sortOrder=DESCENDING").json()).stream()
                .filter(theirEvent::equals).toList());
    }

    @Test
    void aNextLinkOfAnotherTenantLeadsOnlyToOwnEvents() {
        LogTenant mine = newLogTenant();
        LogTenant theirs = newLogTenant();
        append(theirs.id(), userCreated("00u-theirs", "theirs"));
        String theirNext = links(theirs.api().get("/api/v1/logs?limit=1")).get("next");
        append(theirs.id(), userCreated("00u-theirs-2", "theirs2"));

        Reply reply = mine.api().get(relative(theirNext));

        assertEquals(200, reply.status());
        assertEquals(0, reply.json().size());
    }
}
