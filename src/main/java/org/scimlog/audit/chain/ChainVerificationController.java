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
import java.time.Instant;
import org.scimlog.audit.query.LogQueryException;
import org.scimlog.audit.query.Timestamps;
import org.scimlog.audit.retention.LogRetention;
import org.scimlog.security.Caller;
import org.scimlog.security.Scopes;

/** GET /api/v1/logs/verify?since=&until= : is the tenant's log intact over that range? */
@Controller("/api/v1/logs/verify")
@Secured({Scopes.LOGS_READ, Scopes.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
public class ChainVerificationController {

    private final ChainVerifier verifier;
    private final LogRetention retention;

    public ChainVerificationController(ChainVerifier verifier, LogRetention retention) {
        this.verifier = verifier;
        this.retention = retention;
    }

    @Get
    public HttpResponse<String> verify(Authentication authentication, @Nullable @QueryValue String since,
                                       @Nullable @QueryValue String until) {
        Instant now = Instant.now();
        Instant to = until == null ? now : instant("until", until);
        Instant from = since == null ? retention.oldestRetained(now) : instant("since", since);
        if (from.isAfter(to)) {
            throw LogQueryException.invalidParameter("since", "must not be after until");
        }
        return HttpResponse.ok(ChainVerificationJson.of(verifier.verify(Caller.of(authentication).tenantId(), from, to)));
    }

    /**
     * Bad dates get the same Okta error body as the log query's own parameters, and so do dates PostgreSQL
     * cannot hold (year +999999999 parses in Java but fails as a query parameter).
     */
    private static Instant instant(String parameter, String text) {
        return Timestamps.parse(text).orElseThrow(() -> LogQueryException.invalidParameter(parameter,
                "must be an RFC 3339 date-time between years 0001 and 9999"));
    }
}
