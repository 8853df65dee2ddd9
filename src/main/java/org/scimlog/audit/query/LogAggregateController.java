package org.scimlog.audit.query;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import org.scimlog.json.JsonCodec;
import org.scimlog.security.Caller;
import org.scimlog.security.Scopes;

/**
 * scimlog's extension beside Okta's System Log API: {@code GET /api/v1/logs/aggregate} counts the events the
 * same since, until, filter and q select (events per interval by outcome, top event types, actors, targets),
 * for the System Log page's chart.
 */
@Controller(LogLinks.PATH)
@Secured({Scopes.LOGS_READ, Scopes.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
public class LogAggregateController {

    private final LogQueryInterpreter interpreter;
    private final LogAggregateReader reader;
    private final JsonCodec json;

    LogAggregateController(LogQueryInterpreter interpreter, LogAggregateReader reader, JsonCodec json) {
        this.interpreter = interpreter;
        this.reader = reader;
        this.json = json;
    }

    @Get("/aggregate")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> aggregate(HttpRequest<?> request, Authentication authentication) {
        AggregateQuery query = interpreter.interpretAggregate(LogQueryParameters.from(request.getParameters()));
        LogAggregate aggregate = reader.read(Caller.of(authentication).tenantId(), query);
        return HttpResponse.ok(json.write(aggregate.toJson())).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
