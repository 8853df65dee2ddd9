package org.scimlog.audit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.support.Api.q;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.Target;
import org.scimlog.support.Api.Reply;

/** filter and q against a fixed set of events in one tenant. */
@MicronautTest(transactional = false)
class LogFilterTest extends LogServerTest {

    private LogTenant tenant;
    private String created;
    private String renamed;
    private String refused;
    private String grouped;

    @BeforeAll
    void writeEvents() {
        tenant = newLogTenant();
        created = uuid(append(tenant.id(), "req-create-1", userCreated("00u-ada", "ada.lovelace@example.com")).get(0));
        ObjectNode from = JsonNodeFactory.instance.objectNode().put("title", "Countess");
        ObjectNode to = JsonNodeFactory.instance.objectNode().put("title", "Analyst");
        renamed = uuid(append(tenant.id(), "req-update-2", new EventDraft(EventType.USER_UPDATE_PROFILE,
                org.scimlog.audit.Outcome.SUCCESS,
                List.of(Target.of("00u-ada", "User", "ada.lovelace@example.com", "Ada").withChanges(from, to)),
                Map.of("changedAttributes", "title", "correlationId", "XOxBw-2JIRnCFd0gG0GjHAAABjY"))).get(0));
        refused = uuid(append(tenant.id(), "req-refused-3", rejected("409 uniqueness: userName already exists")).get(0));
        grouped = uuid(append(tenant.id(), "req-group-4", EventDraft.success(EventType.GROUP_MEMBER_ADD,
                List.of(Target.of("00g-eng", "UserGroup", "engineering", "Engineering"),
                        Target.of("00u-ada", "User", "ada.lovelace@example.com", "Ada")), Map.of())).get(0));
    }

    private static String uuid(ObjectNode event) {
        return event.path("uuid").asText();
    }

    private List<String> filter(String filter) {
        Reply reply = tenant.api().get("/api/v1/logs?filter=" + q(filter));
        assertEquals(200, reply.status(), () -> filter + " -> " + reply);
        return uuids(reply.json());
    }

    private List<String> keywords(String keywords) {
        Reply reply = tenant.api().get("/api/v1/logs?q=" + q(keywords));
        assertEquals(200, reply.status(), () -> keywords + " -> " + reply);
        return uuids(reply.json());
    }

    @Test
    void eventTypeWithEveryOperator() {
        assertEquals(List.of(created), filter("eventType eq \"user.lifecycle.create\""));
        assertEquals(List.of(created, refused, grouped), filter("eventType ne \"user.account.update_profile\""));
        assertEquals(List.of(created, renamed), filter("eventType sw \"user.\""));
        assertEquals(List.of(created), filter("eventType ew \".create\""));
        assertEquals(List.of(refused), filter("eventType co \"request.rej\""));
        assertEquals(List.of(created), filter("eventType EQ \"user.lifecycle.create\""), "operators ignore case");
    }

    @Test
    void valuesCompareCaseSensitively() {
        assertEquals(List.of(), filter("eventType eq \"USER.LIFECYCLE.CREATE\""));
        assertEquals(List.of(), filter("actor.alternateId co \"PROVISIONING\""));
    }

    @Test
    void snakeCaseAliasesName() {
        assertEquals(List.of(created), filter("event_type eq \"user.lifecycle.create\""));
        assertEquals(List.of(refused), filter("display_message eq \"SCIM request rejected\""));
        assertEquals(List.of(refused), filter("outcome.reason sw \"409\""));
        assertEquals(List.of(renamed), filter("debug_context.debug_data.changed_attributes eq \"title\""));
    }

    @Test
    void outcomeSeverityAndLexicographicOrdering() {
        assertEquals(List.of(refused), filter("outcome.result eq \"FAILURE\""));
        assertEquals(List.of(refused), filter("severity gt \"INFO\""));
        assertEquals(List.of(created, renamed, grouped), filter("severity le \"INFO\""));
        assertEquals(List.of(created, renamed, refused, grouped), filter("severity ge \"A\""));
    }

    @Test
    void targetsMatchWhenAnyTargetMatches() {
        assertEquals(List.of(created, renamed, grouped), filter("target.id eq \"00u-ada\""));
        assertEquals(List.of(grouped), filter("target.id eq \"00u-ada\" and target.id eq \"00g-eng\""));
        assertEquals(List.of(grouped), filter("target.type eq \"UserGroup\""));
        assertEquals(List.of(created, renamed, grouped), filter("target.alternateId ew \"@example.com\""));
        assertEquals(List.of(created, renamed, grouped), filter("target.id sw \"00u\""));
        assertEquals(List.of(renamed), filter("target.changeDetails.to.title eq \"Analyst\""));
    }

    @Test
    void anyFieldOfTheEventByItsJsonPath() {
        assertEquals(List.of(created, renamed, refused, grouped), filter("actor.alternateId eq \"okta-provisioning\""));
        assertEquals(List.of(renamed), filter("debugContext.debugData.requestId eq \"req-update-2\""));
        assertEquals(List.of(renamed), filter("transaction.id eq \"req-update-2\""));
        assertEquals(List.of(created), filter("client.ipAddress eq \"203.0.113.9\" and eventType eq \"user.lifecycle.create\""));
        assertEquals(List.of(created, renamed, refused, grouped), filter("authenticationContext.authenticationStep eq 0"));
        assertEquals(List.of(renamed), filter("debugContext.debugData.correlationId pr"));
        assertEquals(List.of(created, refused, grouped), filter("not (debugContext.debugData.correlationId pr)"));
        assertEquals(List.of(created, refused, grouped), filter("debugContext.debugData.correlationId ne \"XOxBw-2JIRnCFd0gG0GjHAAABjY\""));
        assertEquals(List.of(created, renamed, refused, grouped), filter("outcome.reason eq null or outcome.reason pr"));
    }

    @Test
    void andOrNotAndParentheses() {
        assertEquals(List.of(created, refused),
                filter("eventType eq \"user.lifecycle.create\" or outcome.result eq \"FAILURE\""));
        assertEquals(List.of(renamed, grouped),
                filter("target.id eq \"00u-ada\" and not (eventType eq \"user.lifecycle.create\")"));
        assertEquals(List.of(grouped),
                filter("(eventType sw \"group\" or eventType sw \"scimlog\") and outcome.result eq \"SUCCESS\""));
    }

    @Test
    void uuidAndValuesOfTheWrongTypeMatchNothingRatherThanFail() {
        assertEquals(List.of(created), filter("uuid eq \"" + created + "\""));
        assertEquals(List.of(created), filter("uuid eq \"" + created.toUpperCase() + "\""));
        assertEquals(List.of(), filter("uuid eq \"not-a-uuid\""));
        assertEquals(List.of(), filter("actor.alternateId gt 5"));
        assertEquals(List.of(), filter("debugContext.debugData.changedAttributes eq true"));
        assertEquals(List.of(), filter("actor eq \"x\""));
        assertEquals(List.of(), filter("debugContext.debugData.requestId eq \"x'); DROP TABLE log_event; --\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventType eqq \"x\"", "eventType eq", "(eventType eq \"x\"", "eventType eq \"x\" and",
            "eventType eq [", "eventType eq 5", "eventType gt true", "eventType co 5", "actor.id gt 5", "\"x\" eq eventType", "and"})
    void malformedFiltersAreE0000053(String filter) {
        assertOktaError(tenant.api().get("/api/v1/logs?filter=" + q(filter)), 400, "E0000053");
    }

    @Test
    void aBlankFilterFiltersNothing() {
        assertEquals(4, filter("  ").size());
    }

    @Test
    void parseErrorsNameThePosition() {
        Reply reply = tenant.api().get("/api/v1/logs?filter=" + q("display_message eqq \"Create okta user\""));
        assertOktaError(reply, 400, "E0000053");
        assertTrue(reply.json().at("/errorCauses/0/errorSummary").asText().contains("position 16"), reply::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"published gt \"2024-01-01T00:00:00Z\"", "published pr", "target[id eq \"00u-ada\"]",
            "eventType eq \"x\" or target [type eq \"User\"]", "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\""})
    void unsupportedFieldsAndValuePathsAreE0000031(String filter) {
        assertOktaError(tenant.api().get("/api/v1/logs?filter=" + q(filter)), 400, "E0000031");
    }

    @Test
    void keywordsMatchWholeValuesAndHyphenPartsIgnoringCase() {
        assertEquals(List.of(renamed), keywords("XOxBw-2JIRnCFd0gG0GjHAAABjY"));
        assertEquals(List.of(renamed), keywords("xoxbw"));
        assertEquals(List.of(renamed), keywords("2JIRnCFd0gG0GjHAAABjY"));
        assertEquals(List.of(), keywords("XOx"), "a keyword must be a whole value or part, not a substring");
        assertEquals(List.of(grouped), keywords("ENGINEERING"));
    }

    @Test
    void everyKeywordMustMatch() {
        assertEquals(List.of(created, renamed, grouped), keywords("ada.lovelace@example.com"));
        assertEquals(List.of(grouped), keywords("ada.lovelace@example.com   engineering"));
        assertEquals(List.of(), keywords("engineering nosuchword"));
        assertEquals(4, keywords("").size(), "q= (as Okta's links send it) filters nothing");
    }

    @Test
    void keywordsAndFilterCombine() {
        Reply reply = tenant.api().get("/api/v1/logs?q=ada.lovelace%40example.com&filter="
                + q("eventType sw \"group\""));
        assertEquals(List.of(grouped), uuids(reply.json()));
    }

    @Test
    void tenKeywordsOfFortyCharactersAreTheLimit() {
        String forty = "a".repeat(40);
        assertEquals(200, tenant.api().get("/api/v1/logs?q=" + q((forty + " ").repeat(10).strip())).status());
        assertOktaError(tenant.api().get("/api/v1/logs?q=" + q("a b c d e f g h i j k")), 400, "E0000001");
        Reply tooLong = tenant.api().get("/api/v1/logs?q=" + q("ok " + forty + "a"));
        assertOktaError(tooLong, 400, "E0000001");
        assertTrue(tooLong.json().path("errorSummary").asText().contains("40 characters"), tooLong::toString);
    }
}
