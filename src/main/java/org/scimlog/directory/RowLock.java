package org.scimlog.directory;

/**
 * How a write locks the row it changes. A change takes FOR NO KEY UPDATE, which (unlike FOR UPDATE) does not
 * block the FOR KEY SHARE that adding the resource as a group member takes: two requests nesting A in B and B
 * in A then never wait for each other's row, and meet only at the nesting lock, where the second sees the
 * first's membership and is refused as a cycle (a deadlock, a 500, before). A delete takes FOR UPDATE, so a
 * concurrent "add as member" waits for it, or it for that.
 */
enum RowLock {
    NONE(""), CHANGE(" FOR NO KEY UPDATE"), DELETE(" FOR UPDATE");

    private final String clause;

    RowLock(String clause) {
        this.clause = clause;
    }

    String clause() {
        return clause;
    }
}
