package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.UserFixtures.ENTERPRISE;
import static org.scimlog.scim.UserFixtures.USER;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

/** Filters, sorting and paging over HTTP against a known set of users in a tenant of the test's own. */
@MicronautTest(transactional = false)
class UserFilteringTest extends ScimServerTest {

    @BeforeAll
    void seed() {
        user("ada@example.com", "Ada", "Lovelace", "ext-ADA", true, "Mathematician", "work", "ada@work.example.com", "701", 3);
        user("grace@example.com", "Grace", "Hopper", "ext-grace", true, "Rear Admiral", "home", "grace@home.example.org", "702", 7);
        user("alan@example.com", "Alan", "Turing", "ext-alan", false, "Cryptanalyst", "work", "alan@work.example.com", "703", 1);
        user("katherine@example.com", "Katherine", "Johnson", "ext-kj", true, null, "other", "kj%_\\@example.net", "704", 9);
    }

    private void user(String userName, String given, String family, String externalId, boolean active, String title,
                      String emailType, String email, String employeeNumber, int rank) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "schemas", List.of(USER, ENTERPRISE),
                "userName", userName,
                "externalId", externalId,
                "name", Map.of("givenName", given, "familyName", family),
                "active", active,
                "emails", List.of(Map.of("value", email, "type", emailType, "primary", true)),
                ENTERPRISE, Map.of("employeeNumber", employeeNumber, "department", "D" + rank)));
        if (title != null) {
            body.put("title", title);
        }
        Reply reply = api.post("/scim/v2/Users", body);
        assertEquals(201, reply.status(), reply::toString);
    }

    private Set<String> match(String filter) {
        Reply reply = api.get("/scim/v2/Users?filter=" + Api.q(filter));
        assertEquals(200, reply.status(), () -> filter + " -> " + reply);
        Set<String> names = new HashSet<>();
        reply.json().path("Resources").forEach(r -> names.add(r.path("userName").asText().split("@")[0]));
        assertEquals(names.size(), reply.json().path("totalResults").asInt(), filter);
        return names;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "userName eq \"ADA@EXAMPLE.COM\"                               | ada",
            "userName ne \"ada@example.com\"                               | alan,grace,katherine",
            "userName sw \"a\"                                             | ada,alan",
            "userName ew \"E.COM\"                                         | ada,alan,grace,katherine",
            "userName co \"ace\"                                           | grace",
            "userName gt \"b\"                                             | grace,katherine",
            "userName le \"alan@example.com\"                              | ada,alan",
            "externalId eq \"ext-ada\"                                     | ''",
            "externalId eq \"ext-ADA\"                                     | ada",
            "active eq false                                               | alan",
            "active eq true and title pr                                   | ada,grace",
            "not (title pr)                                                | katherine",
            "name.familyName eq \"hopper\"                                 | grace",
            "name.givenName sw \"A\" or name.givenName sw \"K\"            | ada,alan,katherine",
            "emails.value co \"@work.\"                                    | ada,alan",
            "emails eq \"grace@home.example.org\"                          | grace",
            "emails[type eq \"work\" and value co \"alan\"]                | alan",
            "emails[type eq \"home\"] or emails[type eq \"other\"]         | grace,katherine",
            "emails.value co \"%_\\\\\"                                    | katherine",
            "emails.value co \"%\"                                         | katherine",
            "title eq \"MATHEMATICIAN\"                                    | ada",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"702\" | grace",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"alan@example.com\"         | alan",
            "meta.created gt \"2000-01-01T00:00:00Z\" and userName sw \"k\" | katherine",
            "meta.resourceType eq \"User\" and active eq false             | alan",
            "(userName sw \"a\" or userName sw \"g\") and not (active eq false) | ada,grace",
    })
    void filterMatchesTheRightUsers(String filter, String expected) {
        Set<String> want = expected.isEmpty() ? Set.of() : Set.of(expected.split(","));
        assertEquals(want, match(filter), filter);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "userName eq \"x\" or 1=1 --\"",
            "userName eq \"'; DROP TABLE scim_user; --\"",
            "userName eq \"\\\" OR \\\"1\\\"=\\\"1\"",
            "title co \"') OR ('a'='a\"",
    })
    void sqlInjectionInsideValuesMatchesNothing(String filter) {
        Reply reply = api.get("/scim/v2/Users?filter=" + Api.q(filter));
        if (reply.status() == 200) {
            assertEquals(0, reply.json().path("totalResults").asInt(-1), reply::toString);
        } else {
            BadInputTest.assertError(reply, 400, "invalidFilter");
        }
        assertEquals(4, api.get("/scim/v2/Users").json().path("totalResults").asInt(), "table intact");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "userName eq",
            "userName eq \"unterminated",
            "userName xx \"a\"",
            "(userName eq \"a\"",
            "emails[type eq \"work\"",
            "userName eq \"a\" garbage",
            "shoeSize eq 9",
            "name eq \"Ada\"",
            "active eq \"true\"",
            "active gt true",
            "title co 5",
            "meta.created gt \"yesterday\"",
            "urn:acme:unknown:User:thing eq \"x\"",
            "emails[type[value eq \"x\"]]",
    })
    void badFiltersAre400InvalidFilter(String filter) {
        Reply reply = api.get("/scim/v2/Users?filter=" + Api.q(filter));
        BadInputTest.assertError(reply, 400, "invalidFilter");
    }

    @Test
    void parseErrorsSayWhere() {
        Reply reply = api.get("/scim/v2/Users?filter=" + Api.q("userName eqq \"a\""));
        assertTrue(reply.json().path("detail").asText().contains("position"), reply::toString);
    }

    @Test
    void sortByAnySimpleAttributeBothWays() {
        assertEquals(List.of("Ada", "Alan", "Grace", "Katherine"), givenNames("sortBy=name.givenName"));
        assertEquals(List.of("Katherine", "Grace", "Alan", "Ada"), givenNames("sortBy=name.givenName&sortOrder=descending"));
        assertEquals(List.of("Grace", "Katherine", "Ada", "Alan"), givenNames("sortBy=name.familyName"));
        assertEquals(List.of("Ada", "Grace", "Alan", "Katherine"),
                givenNames("sortBy=" + Api.q(ENTERPRISE + ":employeeNumber")));
        assertEquals(List.of("Ada", "Alan", "Grace", "Katherine"), givenNames("sortBy=emails.value"));
    }

    @Test
    void pagingIsOneBasedStableAndExact() {
        List<String> all = givenNames("");
        List<String> paged = new ArrayList<>();
        for (int start = 1; start <= 4; start += 3) {
            JsonNode page = api.get("/scim/v2/Users?startIndex=" + start + "&count=3").json();
            assertEquals(4, page.path("totalResults").asInt());
            assertEquals(start, page.path("startIndex").asInt());
            assertEquals(page.path("Resources").size(), page.path("itemsPerPage").asInt());
            page.path("Resources").forEach(r -> paged.add(r.at("/name/givenName").asText()));
        }
        assertEquals(all, paged);

        JsonNode onlyCount = api.get("/scim/v2/Users?count=0").json();
        assertEquals(4, onlyCount.path("totalResults").asInt());
        assertEquals(0, onlyCount.path("Resources").size());

        JsonNode beyond = api.get("/scim/v2/Users?startIndex=50&count=10").json();
        assertEquals(4, beyond.path("totalResults").asInt());
        assertEquals(0, beyond.path("itemsPerPage").asInt());

        JsonNode clamped = api.get("/scim/v2/Users?startIndex=-5&count=-1").json();
        assertEquals(1, clamped.path("startIndex").asInt());
        assertEquals(0, clamped.path("itemsPerPage").asInt());
    }

    private List<String> givenNames(String query) {
        Reply reply = api.get("/scim/v2/Users?" + query);
        assertEquals(200, reply.status(), reply::toString);
        List<String> names = new ArrayList<>();
        reply.json().path("Resources").forEach(r -> names.add(r.at("/name/givenName").asText()));
        return names;
    }
}
