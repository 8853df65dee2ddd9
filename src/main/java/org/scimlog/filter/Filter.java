package org.scimlog.filter;

import java.util.Objects;

/**
 * Parsed SCIM filter (RFC 7644 §3.4.2.2). Immutable; produced by {@link FilterParser}, consumed by
 * {@link FilterSql} and {@link FilterEvaluator}.
 */
public sealed interface Filter
        permits Filter.And, Filter.Or, Filter.Not, Filter.Comparison, Filter.Present, Filter.ValuePath {

    record And(Filter left, Filter right) implements Filter {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    record Or(Filter left, Filter right) implements Filter {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    record Not(Filter inner) implements Filter {
        public Not {
            Objects.requireNonNull(inner, "inner");
        }
    }

    record Comparison(AttributePath path, Operator operator, FilterValue value) implements Filter {
        public Comparison {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }
    }

    record Present(AttributePath path) implements Filter {
        public Present {
            Objects.requireNonNull(path, "path");
        }
    }

    /** emails[type eq "work" and value co "@x"] — inner paths are relative to the element */
    record ValuePath(AttributePath path, Filter inner) implements Filter {
        public ValuePath {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(inner, "inner");
        }
    }
}
