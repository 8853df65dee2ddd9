package org.scimlog.filter;

import java.math.BigDecimal;
import java.util.Objects;

/** The JSON literal on the right-hand side of a comparison. */
public sealed interface FilterValue {

    record Text(String value) implements FilterValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /** BigDecimal so that "1.10" and large identifiers survive without floating-point loss. */
    record Number(BigDecimal value) implements FilterValue {
        public Number {
            Objects.requireNonNull(value, "value");
        }
    }

    record Bool(boolean value) implements FilterValue {
    }

    record Null() implements FilterValue {
    }
}
