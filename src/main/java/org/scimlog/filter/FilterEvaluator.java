package org.scimlog.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Evaluates a filter against JSON in memory; used for PATCH value filters such as
 * {@code members[value eq "x"]} where the element is one item of a multi-valued attribute.
 *
 * <p>Semantics match {@link SqlComparison}: a missing attribute fails every comparison except
 * {@code ne} (which is exactly "not eq") and {@code eq null}; {@code pr} needs a non-empty value.
 */
public final class FilterEvaluator implements Filter.Visitor<Boolean> {

    private final JsonNode element;
    private final Predicate<AttributePath> caseExact;

    private FilterEvaluator(JsonNode element, Predicate<AttributePath> caseExact) {
        this.element = element;
        this.caseExact = caseExact;
    }

    /**
     * element is usually an ObjectNode (one element of a multi-valued attribute); paths in the filter are
     * relative to it; caseExact tells per path whether string comparison is case-sensitive. Missing
     * attribute: comparisons false, pr false; ne on missing → true. Numbers compare numerically, booleans
     * by value, strings that both parse as ISO date-times compare as instants, otherwise strings compare
     * (case-folded unless caseExact). Nested ValuePath over an array inside the element: true if any
     * item matches.
     */
    public static boolean matches(Filter filter, JsonNode element, Predicate<AttributePath> caseExact) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(caseExact, "caseExact");
        JsonNode root = element == null ? MissingNode.getInstance() : element;
        return filter.accept(new FilterEvaluator(root, caseExact));
    }

    @Override
    public Boolean and(Filter.And and) {
        return and.left().accept(this) && and.right().accept(this);
    }

    @Override
    public Boolean or(Filter.Or or) {
        return or.left().accept(this) || or.right().accept(this);
    }

    @Override
    public Boolean not(Filter.Not not) {
        return !not.inner().accept(this);
    }

    @Override
    public Boolean comparison(Filter.Comparison comparison) {
        return compare(comparison, element, caseExact.test(comparison.path()));
    }

    @Override
    public Boolean present(Filter.Present present) {
        return JsonPaths.resolve(element, present.path()).stream().anyMatch(FilterEvaluator::hasContent);
    }

    @Override
    public Boolean valuePath(Filter.ValuePath valuePath) {
        return JsonPaths.resolve(element, valuePath.path()).stream()
                .anyMatch(item -> matches(valuePath.inner(), item, caseExact));
    }

    private static boolean compare(Filter.Comparison comparison, JsonNode element, boolean caseExact) {
        List<JsonNode> values = JsonPaths.resolve(element, comparison.path());
        if (comparison.operator() == Operator.NE) {
            return !anyMatches(values, Operator.EQ, comparison.value(), caseExact);
        }
        return anyMatches(values, comparison.operator(), comparison.value(), caseExact);
    }

    private static boolean anyMatches(List<JsonNode> values, Operator operator, FilterValue value, boolean caseExact) {
        if (value instanceof FilterValue.Null) {
            // A missing attribute "equals" null; no other operator means anything with null.
            return operator == Operator.EQ && values.isEmpty();
        }
        return values.stream().anyMatch(node -> JsonValueComparison.test(node, operator, value, caseExact));
    }

    /** RFC 7644: pr needs a non-empty value; "" and {} count as absent ([] is already flattened away). */
    private static boolean hasContent(JsonNode node) {
        if (node.isTextual()) {
            return !node.textValue().isEmpty();
        }
        return !node.isContainerNode() || node.size() > 0;
    }
}
