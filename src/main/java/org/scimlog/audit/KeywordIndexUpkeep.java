package org.scimlog.audit;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.scimlog.database.SafeFailure;
import org.scimlog.database.SessionLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the keyword index's pending list into the index every second, in the background.
 * <p>
 * New keywords first go to a GIN index's pending list, which is cheap to append to. When the list passes its
 * limit (4 MB), the insert that crosses it merges the whole list, for several hundred milliseconds, inside
 * the SCIM write that happened to be next. That write's transaction then holds back the commit-order
 * horizon that the sealer and the Kafka relay read below, so every event behind it waits as long: it was
 * the cause of second-long commit→Kafka outliers. Merged every second, the list stays small, the merge
 * takes no transaction id (it holds back nobody), and q searches scan a short list instead of a long one.
 * <p>
 * One request can still write more than 4 MB of keywords by itself: a group pushed with 10,000 members
 * records 10,000 events of about 40 keywords each. Its insert then merged the list inline, once or twice,
 * for about a quarter of the request's database time. Each partition's list is therefore allowed
 * {@value #PENDING_LIST_KB} KB, so the request only appends and this job merges it a second later.
 */
@Singleton
public class KeywordIndexUpkeep {

    private static final Logger LOG = LoggerFactory.getLogger(KeywordIndexUpkeep.class);
    /** Room for the keywords of a 10,000-member group push (about 16 MB) with margin. */
    static final int PENDING_LIST_KB = 32 * 1024;

    private final DataSource dataSource;
    private final SessionLimits limits;
    private volatile boolean warned;

    public KeywordIndexUpkeep(DataSource dataSource, SessionLimits limits) {
        this.dataSource = dataSource;
        this.limits = limits;
    }

    @Scheduled(fixedDelay = "${scimlog.log.keyword-merge-interval:1s}", initialDelay = "${scimlog.log.keyword-merge-interval:1s}")
    void mergeContinuously() {
        try {
            merge();
        } catch (SQLException e) {
            if (!warned) {
                warned = true;
                LOG.warn("cannot merge the keyword index's pending list; inserts will merge it themselves: {}",
                        SafeFailure.describe(e));
            }
        }
    }

    /** Merges the pending list of every partition's keyword index; returns how many index pages it merged. */
    public long merge() throws SQLException {
        // the pool's own connection, outside any transaction of the caller's
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            limits.forBackgroundWork(c);
            // gin_clean_pending_list needs the index's owner: the owner's function of migration V11 runs it
            try (PreparedStatement ps = c.prepareStatement("SELECT log_clean_keyword_pending_lists()");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            } finally {
                limits.restore(c);
            }
        }
    }

    /**
     * Gives every partition's keyword index the pending list size of {@link #PENDING_LIST_KB}; a partitioned
     * index takes no storage parameters, so each new partition's index is set once, on the connection given
     * (the partition job's), through the owner's function of migration V11 (only an owner may alter an index).
     */
    public static void sizePendingLists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT log_size_keyword_pending_lists(?)")) {
            ps.setInt(1, PENDING_LIST_KB);
            ps.execute();
        }
    }
}
