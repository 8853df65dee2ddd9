package org.scimlog.audit.chain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.scimlog.audit.query.LogQueryException;
import org.scimlog.security.Caller;
import org.scimlog.security.Scopes;

/**
 * GET /api/v1/logs/checkpoints?afterChainSeq=&limit= : the caller's tenant's signed checkpoints in chain order, as
 * a JSON array, for the offline verifier. They are served from the database's copy: a checkpoint deleted there is
 * missing here (the Kafka topic still has it), but none can be forged without the signing key.
 */
@Controller("/api/v1/logs/checkpoints")
@Secured({Scopes.LOGS_READ, Scopes.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
public class CheckpointsController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final TransactionOperations<Connection> transactions;

    public CheckpointsController(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Get
    public HttpResponse<String> list(Authentication authentication, @Nullable @QueryValue String afterChainSeq,
                                     @Nullable @QueryValue String limit) {
        long after = number("afterChainSeq", afterChainSeq, 0, 0, Long.MAX_VALUE);
        int size = (int) number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        UUID tenant = Caller.of(authentication).tenantId();
        String body = transactions.executeRead(status -> {
            StringBuilder out = new StringBuilder("[");
            try (PreparedStatement ps = status.getConnection().prepareStatement("""
                    SELECT body FROM log_checkpoint WHERE tenant_id = ? AND chain_seq > ? ORDER BY chain_seq LIMIT ?""")) {
                ps.setObject(1, tenant);
                ps.setLong(2, after);
                ps.setInt(3, size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.append(out.length() > 1 ? "," : "").append(rs.getString(1));
                    }
                }
            }
            return out.append(']').toString();
        });
        return HttpResponse.ok(body);
    }

    private static long number(String parameter, @Nullable String text, long absent, long min, long max) {
        if (text == null) {
            return absent;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw LogQueryException.invalidParameter(parameter, "must be an integer from " + min + " to " + max);
    }
}
