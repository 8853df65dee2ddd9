package org.scimlog.audit.query;

import java.util.List;

/**
 * A text[] query parameter (a jsonb path, q's keywords). A value of its own type so the binder knows to
 * send it as a PostgreSQL array, and so request text never has to be spliced into SQL.
 */
record SqlTextArray(List<String> values) {

    SqlTextArray {
        values = List.copyOf(values);
    }
}
