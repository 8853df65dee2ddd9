package org.scimlog.filter;

import java.util.Objects;

/**
 * Parsed SCIM filter (RFC 7644 §3.4.2.2). Immutable; produced by {@link FilterParser}, consumed by
 * {@link FilterSql}, {@link FilterEvaluator}, {@link FilterLiterals} and {@link FilterText}.
 *
 * <p>Code that walks a whole filter does so through a {@link Visitor}, so that a new node type is a
 * compile error in every walker rather than a cast that fails at run time.
 */
public sealed interface Filter
        permits Filter.And, Filter.Or, Filter.Not, Filter.Comparison, Filter.Present, Filter.ValuePath {

    <R> R accept(Visitor<R> visitor);

    /** One method per node type. */
    interface Visitor<R> {

        R and(And and);

        R or(Or or);

        R not(Not not);

        R comparison(Comparison comparison);

        R present(Present present);

        R valuePath(ValuePath valuePath);
    }

    record And(Filter left, Filter right) implements Filter {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.and(this);
        }
    }

    record Or(Filter left, Filter right) implements Filter {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.or(this);
        }
    }

    record Not(Filter inner) implements Filter {
        public Not {
            Objects.requireNonNull(inner, "inner");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.not(this);
        }
    }

    record Comparison(AttributePath path, Operator operator, FilterValue value) implements Filter {
        public Comparison {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.comparison(this);
        }
    }

    record Present(AttributePath path) implements Filter {
        public Present {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.present(this);
        }
    }

    /** emails[type eq "work" and value co "@x"] — inner paths are relative to the element */
    record ValuePath(AttributePath path, Filter inner) implements Filter {
        public ValuePath {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(inner, "inner");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.valuePath(this);
        }
    }
}
