package org.scimlog.audit.query;

import java.util.Optional;

/** Okta's sortOrder: the order of published, spelled exactly as Okta spells it (upper case only). */
enum SortOrder {
    ASCENDING, DESCENDING;

    static Optional<SortOrder> fromParameter(String text) {
        for (SortOrder order : values()) {
            if (order.name().equals(text)) {
                return Optional.of(order);
            }
        }
        return Optional.empty();
    }
}
