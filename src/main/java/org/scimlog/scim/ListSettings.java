package org.scimlog.scim;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Paging limits for list responses, from configuration. */
@Singleton
public class ListSettings {

    private final int defaultCount;
    private final int maxCount;

    public ListSettings(@Value("${scimlog.scim.default-count:100}") int defaultCount,
                        @Value("${scimlog.scim.max-count:1000}") int maxCount) {
        if (defaultCount < 1 || maxCount < defaultCount) {
            throw new IllegalStateException("scimlog.scim: need 1 <= default-count <= max-count");
        }
        this.defaultCount = defaultCount;
        this.maxCount = maxCount;
    }

    public int defaultCount() {
        return defaultCount;
    }

    public int maxCount() {
        return maxCount;
    }
}
