package org.scimlog.audit.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.scimlog.audit.Keywords;
import org.scimlog.filter.AttributePath;
import org.scimlog.filter.Filter;
import org.scimlog.filter.FilterValue;
import org.scimlog.filter.Operator;
import org.scimlog.filter.SqlComparison;
import org.scimlog.filter.SqlFieldResolver;
import org.scimlog.filter.SqlFragment;
import org.scimlog.filter.ValueKind;

/**
 * Maps System Log filter paths to SQL over log_event (alias {@code e}). Paths with a column of their own
 * use it, so the column's index serves the filter; any other path is read from the stored event, with
 * the path segments bound as a text[] parameter (never spliced into the SQL). A path into {@code target}
 * matches when any target matches, which is what Okta's example
 * {@code target.id eq "a" and target.id eq "b"} (an event with both targets) needs.
 *
 * <p>Values compare case-sensitively, eq and co alike. Okta documents case-insensitivity only for
 * {@code q}; the filterable values (event types, ids, results, severities) are identifiers, and exact
 * comparison lets the btree indexes on event_type and actor_id serve them. gt/ge/lt/le on strings are
 * lexicographic as Okta documents, by code point (COLLATE "C"), so the order does not depend on the
 * database's locale.
 *
 * <p>Okta's snake_case spellings are accepted segment by segment (event_type, display_message,
 * outcome.reason, debug_context.debug_data.request_id).
 */
final class LogEventFields implements SqlFieldResolver {

    static final LogEventFields INSTANCE = new LogEventFields();

    private static final String TARGETS = "e.body->'target'";

    private LogEventFields() {
    }

    @Override
    public SqlFragment comparison(AttributePath path, Operator operator, FilterValue value) {
        List<String> names = names(path);
        String dotted = String.join(".", names);
        if (dotted.equals("uuid")) {
            return uuid(operator, value);
        }
        if (dotted.equals("target.id") && operator == Operator.EQ && value instanceof FilterValue.Text text) {
            return throughKeywords(text.value(), SqlFragment.of("e.target_ids @> ARRAY[?]::text[]", text.value()));
        }
        Optional<String> column = column(dotted);
        if (column.isPresent()) {
            SqlFragment comparison = SqlComparison.build(ordered(column.get(), operator), ValueKind.TEXT, true, operator, value);
            return dotted.equals("transaction.id") && operator == Operator.EQ && value instanceof FilterValue.Text text
                    ? throughKeywords(text.value(), comparison) : comparison;
        }
        return json(names, jsonComparison(operator, value));
    }

    @Override
    public SqlFragment present(AttributePath path) {
        List<String> names = names(path);
        Optional<String> column = column(String.join(".", names));
        if (column.isPresent()) {
            return SqlFragment.of("(" + column.get() + " IS NOT NULL AND " + column.get() + " <> '')");
        }
        // Okta: pr "matches if the attribute has a non-empty value or ... a non-empty node".
        return json(names, SqlFragment.of("(j.v IS NOT NULL AND j.v NOT IN "
                + "('null'::jsonb, '\"\"'::jsonb, '[]'::jsonb, '{}'::jsonb))"));
    }

    @Override
    public SqlFragment valuePath(AttributePath path, Filter inner) {
        // The OKTA_LOG dialect already refuses "[...]"; this keeps the refusal if that ever changes.
        throw LogFilters.unsupported("value filters ('[...]') are not supported in System Log filters");
    }

    /** The columns log_event keeps for the paths Okta's own examples filter on most. */
    private static Optional<String> column(String dotted) {
        return switch (dotted) {
            case "eventType" -> Optional.of("e.event_type");
            case "severity" -> Optional.of("e.severity");
            case "outcome.result" -> Optional.of("e.outcome_result");
            case "actor.id" -> Optional.of("e.actor_id");
            case "transaction.id" -> Optional.of("e.transaction_id");
            default -> Optional.empty();
        };
    }

    /**
     * Target ids and request ids are rare values: rather than an index of their own, which every event
     * would pay for on insert, they are found in the keyword index (every whole string value of an event is
     * a keyword) and then checked exactly. A value that is no keyword binds an empty array, which every row
     * contains: the statement is the same whatever the value, only the parameters differ.
     */
    private static SqlFragment throughKeywords(String value, SqlFragment exact) {
        List<String> word = Keywords.ofWholeValue(value).map(List::of).orElse(List.of());
        return SqlFragment.of("e.keywords @> ?::text[]", new SqlTextArray(word)).and(exact);
    }

    /**
     * eq on a UUID uses the uuid index. A value that is not a UUID can equal no event: it binds the nil UUID,
     * which no event has (events get version 7 UUIDs), so the statement does not depend on the value.
     */
    private static SqlFragment uuid(Operator operator, FilterValue value) {
        if (operator == Operator.EQ && value instanceof FilterValue.Text text) {
            return SqlFragment.of("e.uuid = ?", asUuid(text.value()).orElse(new UUID(0, 0)));
        }
        return SqlComparison.build(ordered("e.uuid::text", operator), ValueKind.TEXT, true, operator, value);
    }

    /**
     * The condition on one jsonb value {@code j.v}, typed by the filter's literal: strings compare with the
     * text of any scalar, numbers and booleans only with values of their own JSON type. The CASE guards the
     * casts, so "actor.id gt 5" matches nothing instead of failing on a cast.
     */
    private static SqlFragment jsonComparison(Operator operator, FilterValue value) {
        if (value instanceof FilterValue.Number) {
            return SqlComparison.build("(CASE WHEN jsonb_typeof(j.v) = 'number' THEN (j.v #>> '{}')::numeric END)",
                    ValueKind.NUMBER, true, operator, value);
        }
        if (value instanceof FilterValue.Bool) {
            return SqlComparison.build("(CASE WHEN jsonb_typeof(j.v) = 'boolean' THEN (j.v #>> '{}')::boolean END)",
                    ValueKind.BOOLEAN, true, operator, value);
        }
        String text = "(CASE WHEN jsonb_typeof(j.v) IN ('string', 'number', 'boolean') THEN j.v #>> '{}' END)";
        return SqlComparison.build(ordered(text, operator), ValueKind.TEXT, true, operator, value);
    }

    /**
     * Wraps a condition on {@code j.v} in a sub-select that binds the path once, whatever the condition
     * does with j.v ("ne" mentions it twice). Paths into target test each target element.
     */
    private static SqlFragment json(List<String> names, SqlFragment condition) {
        List<Object> parameters = new ArrayList<>();
        String source;
        if (names.get(0).equals("target") && names.size() > 1) {
            parameters.add(new SqlTextArray(names.subList(1, names.size())));
            source = "jsonb_array_elements(CASE WHEN jsonb_typeof(" + TARGETS + ") = 'array' THEN " + TARGETS
                    + " ELSE '[]'::jsonb END) AS t(el) CROSS JOIN LATERAL (SELECT t.el #> ?::text[]) AS j(v)";
        } else {
            parameters.add(new SqlTextArray(names));
            source = "(SELECT e.body #> ?::text[]) AS j(v)";
        }
        parameters.addAll(condition.parameters());
        return new SqlFragment("EXISTS (SELECT 1 FROM " + source + " WHERE " + condition.sql() + ")", parameters);
    }

    private static String ordered(String expression, Operator operator) {
        return operator.isOrdering() ? "(" + expression + " COLLATE \"C\")" : expression;
    }

    /** Camel-cased names, after refusing what the System Log cannot filter on. */
    private static List<String> names(AttributePath path) {
        if (path.schemaUrn() != null) {
            throw LogFilters.unsupported("schema-qualified paths such as '" + path + "' are not System Log fields");
        }
        List<String> names = path.names().stream().map(LogEventFields::camelCase).toList();
        if (names.get(0).equals("published")) {
            throw LogFilters.unsupported("'published' cannot be filtered on; use the since and until parameters");
        }
        return names;
    }

    /** "display_message" → "displayMessage"; names without underscores are returned as they are. */
    static String camelCase(String name) {
        if (name.indexOf('_') < 0) {
            return name;
        }
        StringBuilder camel = new StringBuilder(name.length());
        boolean upperNext = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upperNext = camel.length() > 0;
            } else {
                camel.append(upperNext ? Character.toUpperCase(c) : c);
                upperNext = false;
            }
        }
        return camel.toString();
    }

    private static Optional<UUID> asUuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notUuid) {
            return Optional.empty();
        }
    }
}
