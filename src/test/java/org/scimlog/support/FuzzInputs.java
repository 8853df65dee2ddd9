package org.scimlog.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of what a client controls, for property-based fuzzing: filters built from the grammar (RFC 7644
 * §3.4.2.2 and Okta's System Log dialect) and then mutated, string values chosen to break things (NUL, lone
 * surrogates, quotes, SQL, values longer than an index row), numbers and dates out of every range, and JSON
 * documents shaped like SCIM resources but filled with any of those.
 */
public final class FuzzInputs {

    /** Characters that break lexers, SQL, JSON, URLs or PostgreSQL's text type. */
    private static final String NASTY_CHARS = "\u0000\u0001\u001f\u007f\ud800\udc00\"\\'%_;()[]{}<>&=+-*/ .,:\n\r\t\u00e9\u202e";

    private static final ObjectMapper PLAIN = new ObjectMapper();
    /** Writes every non-ASCII character as {@code \\uXXXX}, so lone surrogates reach the server as escapes. */
    private static final ObjectMapper ESCAPED = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static final List<String> SCIM_PATHS = List.of("userName", "name.givenName", "name.familyName", "name",
            "emails", "emails.value", "emails.type", "emails.primary", "value", "type", "primary", "display", "active",
            "id", "externalId", "displayName", "title", "nickName", "meta.lastModified", "meta.created",
            "meta.resourceType", "meta.version", "meta.location", "members", "members.value", "members.type",
            "groups", "groups.value", "password", "phoneNumbers.value", "addresses.postalCode", "x509Certificates.value",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:unknown:x:y",
            "schemas", "unknownAttribute", "name.", ".name", "emails..value", "a-b", "$ref", "0abc");

    private static final List<String> LOG_PATHS = List.of("eventType", "event_type", "outcome.result", "outcome.reason",
            "severity", "actor.id", "actor.alternateId", "actor.type", "target.id", "target.alternateId",
            "target.type", "target.displayName", "client.ipAddress", "client.userAgent.rawUserAgent",
            "debugContext.debugData.requestId", "debugContext.debugData.filter", "debugContext.debugData.httpStatus",
            "transaction.id", "uuid", "published", "displayMessage", "legacyEventType", "request.ipChain.ip",
            "authenticationContext.credentialType", "target", "actor", "x", "target.", "a.b.c.d.e.f");

    private static final List<String> KEYS = List.of("schemas", "userName", "name", "givenName", "familyName",
            "formatted", "emails", "value", "type", "primary", "display", "active", "displayName", "members",
            "password", "externalId", "id", "meta", "groups", "phoneNumbers", "addresses", "title", "locale",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "manager", "employeeNumber",
            "Operations", "op", "path", "$ref", "x", "");

    private FuzzInputs() {
    }

    public static Arbitrary<String> scimPaths() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(SCIM_PATHS)), Tuple.of(1, nastyStrings()));
    }

    public static Arbitrary<String> logPaths() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(LOG_PATHS)), Tuple.of(1, nastyStrings()));
    }

    /** Strings meant to break something on the way to PostgreSQL and back. */
    public static Arbitrary<String> nastyStrings() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(30)),
                Tuple.of(4, Arbitraries.strings().withChars(NASTY_CHARS).ofMaxLength(12)),
                Tuple.of(4, Arbitraries.of("", " ", "ada@example.com", "Ada", "' OR '1'='1", "\"; DROP TABLE scim_user; --",
                        "%", "_", "\\", "\u0000", "a\u0000b", "\ud800", "\udfff", "x\ud83d", "\ud83d\ude00", "%00", "%zz",
                        "\u202e", "null", "true", "${jndi:ldap://x}", "../../etc/passwd", "W/\"1\"", "*")),
                Tuple.of(1, Arbitraries.integers().between(1_000, 12_000).map("a"::repeat)),
                Tuple.of(1, Arbitraries.integers().between(500, 3_000).map("\u00e9"::repeat)));
    }

    public static Arbitrary<String> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("1e999", "-1e999", "9223372036854775808", "-9223372036854775809", "-0", "0.0000000001",
                        "1E+2", "NaN", "Infinity", "01", "1.", "-", "1e-999", "123456789012345678901234567890.5"));
    }

    public static Arbitrary<String> dateTimes() {
        return Arbitraries.of("2026-11-30T00:00:00Z", "2026-11-30T00:00:00.123+01:00", "2026-11-30",
                "+999999999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "0000-00-00T00:00:00Z",
                "2026-13-45T25:61:61Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-11-30T00:00:00",
                "0001-01-01T00:00:00Z", "294277-01-01T00:00:00Z", "-4714-11-24T00:00:00Z", "now", "");
    }

    /** Comparison values as a filter writes them: JSON strings (escaped or not), numbers, booleans, null, dates. */
    public static Arbitrary<String> literals() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, nastyStrings().map(FuzzInputs::quoted)),
                Tuple.of(1, nastyStrings().map(s -> "\"" + s + "\"")),
                Tuple.of(2, numbers()),
                Tuple.of(1, Arbitraries.of("true", "false", "null", "True", "FALSE")),
                Tuple.of(2, dateTimes().map(FuzzInputs::quoted)));
    }

    public static Arbitrary<String> operators() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le")),
                Tuple.of(1, Arbitraries.of("EQ", "Eq", "xx", "==", "pr", "")));
    }

    /**
     * Filters built from the grammar over the given attribute paths: comparisons, and, or, not, groups, value paths
     * with and without a sub-attribute test after the bracket.
     */
    public static Arbitrary<String> filters(Arbitrary<String> paths) {
        return Arbitraries.recursive(() -> comparison(paths), inner -> Arbitraries.oneOf(
                Combinators.combine(inner, Arbitraries.of(" and ", " or ", " AND ", " Or "), inner).as((a, op, b) -> a + op + b),
                inner.map(f -> "(" + f + ")"),
                inner.map(f -> "not (" + f + ")"),
                Combinators.combine(Arbitraries.of("emails", "members", "groups", "addresses", "target", "x"), inner)
                        .as((attribute, f) -> attribute + "[" + f + "]"),
                Combinators.combine(Arbitraries.of("emails", "members", "groups", "addresses", "target", "x"), inner,
                                subAttributeTests())
                        .as((attribute, f, test) -> attribute + "[" + f + "]." + test)), 0, 3);
    }

    /** What follows "]." in Entra's {@code emails[type eq "work"].value eq "x"}: a sub-attribute and its test. */
    public static Arbitrary<String> subAttributeTests() {
        return comparison(subAttributes());
    }

    private static Arbitrary<String> subAttributes() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("value", "type", "primary", "display", "$ref", "postalCode", "x", "Value")),
                Tuple.of(1, Arbitraries.of("", "value.x", "1a", "urn:x:y:value", "value[type eq \"w\"]")));
    }

    private static Arbitrary<String> comparison(Arbitrary<String> paths) {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(paths, operators(), literals()).as((p, op, v) -> p + " " + op + " " + v)),
                Tuple.of(1, paths.map(p -> p + " pr")));
    }

    /** Valid texts with one edit: a character dropped, a nasty one inserted, the text cut short or a part repeated. */
    public static Arbitrary<String> mutated(Arbitrary<String> valid) {
        return Combinators.combine(valid, Arbitraries.integers().between(0, 3), Arbitraries.doubles().between(0, 1),
                Arbitraries.strings().withChars(NASTY_CHARS).ofMinLength(1).ofMaxLength(3)).as((text, kind, where, insert) -> {
                    int at = (int) (where * text.length());
                    return switch (kind) {
                        case 0 -> text.isEmpty() ? insert : text.substring(0, Math.min(at, text.length() - 1)) + text.substring(Math.min(at, text.length() - 1) + 1);
                        case 1 -> text.substring(0, at) + insert + text.substring(at);
                        case 2 -> text.substring(0, at);
                        default -> text.substring(0, at) + text.substring(at) + text.substring(at);
                    };
                });
    }

    /** Grammatical filters, mutated ones and plain nasty strings, mostly the first. */
    public static Arbitrary<String> anyFilter(Arbitrary<String> paths) {
        return Arbitraries.frequencyOf(Tuple.of(5, filters(paths)), Tuple.of(3, mutated(filters(paths))),
                Tuple.of(1, nastyStrings()));
    }

    /** Any JSON value, nested up to a few levels, with SCIM attribute names as most keys. */
    public static Arbitrary<Object> jsonValues() {
        return Arbitraries.recursive(FuzzInputs::jsonScalars, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(list -> (Object) list),
                Combinators.combine(Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(KEYS)), Tuple.of(1, nastyStrings()))
                                .list().ofMaxSize(4), inner.list().ofMinSize(4).ofMaxSize(4))
                        .as((keys, values) -> {
                            Map<String, Object> object = new LinkedHashMap<>();
                            for (int i = 0; i < keys.size(); i++) {
                                object.put(keys.get(i), values.get(i));
                            }
                            return (Object) object;
                        })), 0, 4);
    }

    private static Arbitrary<Object> jsonScalars() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, nastyStrings().map(s -> (Object) s)),
                Tuple.of(2, Arbitraries.longs().map(n -> (Object) n)),
                Tuple.of(1, Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("-0.000000000000000000001"),
                        new BigDecimal("123456789012345678901234567890")).map(n -> (Object) n)),
                Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)),
                Tuple.of(1, Arbitraries.<Object>just(null)),
                Tuple.of(1, dateTimes().map(s -> (Object) s)));
    }

    /** A JSON text of the value, with non-ASCII characters written raw or as escapes. */
    public static String json(Object value, boolean escapeNonAscii) {
        try {
            return (escapeNonAscii ? ESCAPED : PLAIN).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A filter's string literal: quotes and backslashes escaped, control characters as JSON escapes. */
    public static String quoted(String value) {
        StringBuilder text = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                text.append('\\').append(c);
            } else if (c < 0x20) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.append('"').toString();
    }
}
